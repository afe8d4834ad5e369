package envcheck

// hygieneRules check how env files are kept: git, Docker build contexts, permissions, and
// credentials in templates (EC4xxx).
func hygieneRules() []*Rule {
	return []*Rule{
		EnvNotGitignored,
		EnvIgnoredLocallyOnly,
		EnvTracked,
		TemplateGitignored,
		EnvInHistory,
		EnvInDockerContext,
		InsecurePermissions,
		SecretInTemplate,
	}
}
