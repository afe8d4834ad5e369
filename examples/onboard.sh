#!/bin/sh
# scripts/onboard.sh: run once after cloning. It creates or completes .env from .env.example,
# asking for each value (secrets are typed hidden), makes git ignore it, installs the pre-commit
# hook that blocks commits of env files and real keys, and checks the result. Its arguments go
# to envcheck init: --non-interactive in CI (values from the environment), --env staging, …
set -eu
fail() { echo "onboard: $*" >&2; exit 1; }
command -v git >/dev/null || fail "install git first"
command -v envcheck >/dev/null ||
	fail "install envcheck first: go install github.com/envcheck/envcheck@latest"
top=$(git rev-parse --show-toplevel) || fail "run this inside the project's git clone"
cd "$top"

envcheck init "$@"
envcheck hook install ||
	echo "onboard: the hook is not installed (see above); envcheck hook install --force keeps yours" >&2
envcheck check
echo "onboard: done"
