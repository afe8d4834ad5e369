package envcheck

import "github.com/envcheck/envcheck/schema"

// SchemaFor returns the schema that applies to file f: the annotations of its template merged
// with the JSON schema file. It is nil when there is no schema.
func (p *Project) SchemaFor(f *File) *schema.Schema {
	return nil // the schema sources land with the template and schema rules
}
