package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func completionCommand(s *streams) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (bash, zsh or fish)",
		ArgsUsage: "bash|zsh|fish",
		Description: "Prints a script that completes envcheck's commands and flags; file names complete as usual.\n\n" +
			"   bash:  source <(envcheck completion bash)        # or save it in /etc/bash_completion.d/envcheck\n" +
			"   zsh:   source <(envcheck completion zsh)         # after compinit\n" +
			"   fish:  envcheck completion fish > ~/.config/fish/completions/envcheck.fish",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return &usageError{msg: "completion needs one shell: bash, zsh or fish", command: "completion"}
			}
			var script string
			switch c.Args().First() {
			case "bash":
				script = bashCompletion
			case "zsh":
				script = zshCompletion
			case "fish":
				var err error
				if script, err = c.App.ToFishCompletion(); err != nil {
					return err
				}
			default:
				return &usageError{msg: fmt.Sprintf("completion %s: unknown shell; use bash, zsh or fish", c.Args().First()), command: "completion"}
			}
			_, err := fmt.Fprint(s.stdout, script)
			return err
		},
	}
}

// bashCompletion asks envcheck itself (--generate-bash-completion) for the words that may follow
// what is typed so far; it needs no bash-completion package.
const bashCompletion = `# bash completion for envcheck
_envcheck() {
	local cur="${COMP_WORDS[COMP_CWORD]}" opts
	if [[ "$cur" == -* ]]; then
		opts=$("${COMP_WORDS[@]:0:$COMP_CWORD}" "$cur" --generate-bash-completion 2>/dev/null)
	else
		opts=$("${COMP_WORDS[@]:0:$COMP_CWORD}" --generate-bash-completion 2>/dev/null)
	fi
	COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o bashdefault -o default -F _envcheck envcheck
`

const zshCompletion = `#compdef envcheck
# zsh completion for envcheck
_envcheck() {
	local -a opts
	local cur=${words[-1]}
	if [[ "$cur" == -* ]]; then
		opts=("${(@f)$(${words[@]:0:#words[@]-1} $cur --generate-bash-completion 2>/dev/null)}")
	else
		opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion 2>/dev/null)}")
	fi
	if [[ "${opts[1]}" != "" ]]; then
		_describe 'values' opts
	else
		_files
	fi
}
compdef _envcheck envcheck
`
