package envcheck

// All returns every rule, in the order `envcheck rules` lists them. The list is explicit: a rule
// exists when it is written here, never by registering itself. Each family keeps its own list in
// its own file; the ids group them (EC1 syntax, EC2 template, EC3 schema, EC4 repository
// hygiene, EC9 envcheck itself).
func All() []*Rule {
	var all []*Rule
	for _, family := range [][]*Rule{
		syntaxRules(),
		templateRules(),
		schemaRules(),
		hygieneRules(),
		{InvalidSuppression},
	} {
		all = append(all, family...)
	}
	return all
}

func syntaxRules() []*Rule {
	return []*Rule{
		DuplicateKey,
		EndingBlankLine,
		ExtraBlankLine,
		IncorrectDelimiter,
		KeyWithoutValue,
		LeadingCharacter,
		LowercaseKey,
		QuoteCharacter,
		SpaceCharacter,
		SubstitutionKey,
		TrailingWhitespace,
		UnorderedKey,
		ValueWithoutQuotes,
		UnterminatedQuote,
		InvalidEncoding,
		InlineComment,
	}
}
