package envcheck

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
)

// InsecurePermissions reports env files that users other than the owner may read or write.
var InsecurePermissions = &Rule{
	ID:       "EC4007",
	Name:     "insecure-permissions",
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "an env file is readable or writable by group or others",
		Why: "Any other account on the machine (a shared server, a CI runner, a container running as another user) can " +
			"read a file with group or other permission bits, and take the credentials in it. SSH refuses private keys " +
			"like that, and libpq ignores such a .pgpass. git records only the executable bit, so a fresh clone or a new " +
			"file gets your umask's mode (usually 0644). Templates hold no secrets and are not checked. A symbolic link is " +
			"judged by its target. Windows has ACLs instead of mode bits, so the rule is skipped there (with an info finding).",
		Bad:  "$ ls -l .env\n-rw-r--r--  .env\n",
		Good: "$ ls -l .env\n-rw-------  .env\n",
		Fix: "`chmod 600 FILE`. `envcheck fix` removes the group and other bits (0644 becomes 0600) without following a " +
			"symbolic link; for a link, it prints the command for the target.",
	},
	Run: runInsecurePermissions,
}

func runInsecurePermissions(p *Pass) {
	checkPermissions(p, runtime.GOOS)
}

// checkPermissions is the rule for an operating system: Go reports a synthesised 0666 or 0444
// for every file on Windows, so modes say nothing there.
func checkPermissions(p *Pass, goos string) {
	f := p.File
	if goos == "windows" {
		if first := firstEnvFile(p.Project); first != nil && f.Path == first.Path {
			p.Report(Finding{Severity: Info, File: pathDir(f.Path), Message: "file permissions are not checked on Windows, " +
				"where access is controlled by ACLs and Go reports every file as 0666; insecure-permissions was skipped: " +
				"check who can read your env files with `icacls FILE`"})
		}
		return
	}
	if f.Kind != EnvFile || f.Target == nil {
		return
	}
	mode := f.Target.Mode().Perm()
	if mode&0o077 == 0 {
		return
	}
	who := permWho(mode)
	if f.IsLink() {
		target, err := filepath.EvalSymlinks(f.OSPath)
		if err != nil {
			target = f.OSPath
		}
		t := shellQuote(displayPath(p.Project.Dir, target))
		p.Report(Finding{Message: fmt.Sprintf(
			"this env file is a symbolic link to %s, whose mode %04o gives %s access to it; run `%s %s` (envcheck fix does not change a file through a link)",
			t, mode, who, chmodCommand(mode), t)})
		return
	}
	want := mode &^ 0o077
	var fix *Fix
	if want&0o400 != 0 {
		fix = &Fix{Mode: want}
	}
	p.Report(Finding{Fix: fix, Message: fmt.Sprintf("mode %04o gives %s access to this env file; run `%s %s`",
		mode, who, chmodCommand(mode), shellQuote(f.Path))})
}

func permWho(mode fs.FileMode) string {
	var who []string
	if mode&0o070 != 0 {
		who = append(who, "its group")
	}
	if mode&0o007 != 0 {
		who = append(who, "every other user")
	}
	return strings.Join(who, " and ")
}

// chmodCommand is `chmod 600` for the usual case, and `chmod go-rwx` when the owner's own bits
// are not rw- (keeping an owner-read-only file read-only).
func chmodCommand(mode fs.FileMode) string {
	if mode&0o700 == 0o600 {
		return "chmod 600"
	}
	return "chmod go-rwx"
}

func pathDir(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return "."
}
