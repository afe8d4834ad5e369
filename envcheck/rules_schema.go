package envcheck

// schemaRules validate each env file against the schema (EC3xxx).
func schemaRules() []*Rule {
	return []*Rule{
		SchemaViolation,
		SchemaUnknownKey,
		SchemaRequired,
		DeprecatedKey,
	}
}
