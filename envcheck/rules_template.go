package envcheck

// templateRules compare each env file with its template (EC2xxx).
func templateRules() []*Rule {
	return []*Rule{
		MissingKey,
		ExtraKey,
		PlaceholderValue,
		EmptyValue,
		MissingTemplate,
	}
}
