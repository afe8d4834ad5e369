package envcheck

import "fmt"

// EnvInDockerContext reports env files that a Docker build would send to the builder.
var EnvInDockerContext = &Rule{
	ID:       "EC4006",
	Name:     "env-in-docker-context",
	Severity: Error,
	Fixable:  true,
	Doc: Doc{
		Title: "a Docker build context would send this env file to the builder",
		Why: "`docker build` sends its whole context directory to the builder, minus what .dockerignore excludes, and " +
			"`COPY . .` bakes every file it received into an image layer, where anyone who pulls the image can read it. " +
			"A .dockerignore is not a .gitignore: `.env` there excludes only the `.env` at the top of the context, not " +
			"`sub/.env`, and a later `!` line can re-include a file inside an excluded directory. A " +
			"`<Dockerfile>.dockerignore` beside the Dockerfile replaces the context's .dockerignore for that build; a compose " +
			"file's `build.context` sets the context. Matching uses github.com/moby/patternmatcher, as BuildKit does.",
		Bad:  "# .dockerignore\nnode_modules\n.env\n",
		Good: "# .dockerignore\nnode_modules\n**/.env\n**/.env.*\n!**/.env.example\n",
		Fix: "Add `**/.env`-style patterns to the ignore file that governs the build, and pass secrets at run time " +
			"(`docker run --env-file`, compose `env_file:`, build secrets). `envcheck fix` appends the patterns, creating " +
			"the .dockerignore when there is none, and re-reads it to confirm.",
	},
	Run: runEnvInDockerContext,
}

func runEnvInDockerContext(p *Pass) {
	f := p.File
	facts := p.Project.dockerFacts()
	if first := firstEnvFile(p.Project); first != nil && f.Path == first.Path {
		for _, pr := range facts.problems {
			p.Report(Finding{Severity: Info, File: pr.where, Line: pr.line, Column: 1, Message: pr.msg})
		}
	}
	if f.Kind != EnvFile {
		return
	}
	builds, rels := facts.buildsHolding(p.Project.dirs.realPath(f.OSPath))
	for i, b := range builds {
		rel := rels[i]
		if b.err != nil || b.excludes(rel) {
			continue
		}
		change := p.Project.dockerChange(b, f, rel)
		build := p.Project.displayOutside(b.dockerfile)
		if b.dockerfile == "" || b.via != "" {
			build = b.via
		}
		state := "there is no .dockerignore"
		if b.ignore != "" {
			state = p.Project.displayOutside(b.ignore) + " does not exclude it" + patternTrap(b, rel)
		}
		p.Report(Finding{Fix: &Fix{Changes: []FileChange{change}}, Message: fmt.Sprintf(
			"the Docker build of %s (context %s) would send this env file to the builder, and `COPY . .` would bake it into the image: %s; add %s to %s",
			build, p.Project.displayOutside(b.context), state, quoted(change.Append), p.Project.displayOutside(change.Path))})
	}
}

func firstEnvFile(p *Project) *File {
	return firstFile(p, func(f *File) bool { return f.Kind == EnvFile })
}

// firstFile returns the first checked file that ok accepts: the file whose pass reports a
// project-wide finding once. It stops at the first match, so calling it from every pass stays
// cheap.
func firstFile(p *Project, ok func(*File) bool) *File {
	for _, f := range p.Files {
		if f.Checked && ok(f) {
			return f
		}
	}
	return nil
}
