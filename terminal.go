package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

// A terminal reads answers from the user's terminal, line by line, some of them hidden. While it
// is open, an interrupt (Ctrl-C), SIGTERM or SIGHUP does not kill the process: the read in
// progress is abandoned, the terminal's state (echo) is restored, and readLine returns an
// *interruptedError, so the caller can leave every file untouched and exit 128+signal.
type terminal struct {
	in    *os.File
	out   io.Writer
	fd    int
	saved *term.State
	sigs  chan os.Signal
}

// errNoTerminal is returned by openTerminal when stdin is not a terminal.
var errNoTerminal = errors.New("stdin is not a terminal")

// interruptedError is a signal that arrived while the user was being asked.
type interruptedError struct{ sig os.Signal }

func (e *interruptedError) Error() string { return "interrupted" }

// code is the exit status a shell gives a process killed by the signal.
func (e *interruptedError) code() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

func openTerminal(in io.Reader, out io.Writer) (*terminal, error) {
	f, ok := in.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, errNoTerminal
	}
	fd := int(f.Fd())
	saved, err := term.GetState(fd)
	if err != nil {
		return nil, err
	}
	t := &terminal{in: f, out: out, fd: fd, saved: saved, sigs: make(chan os.Signal, 1)}
	signal.Notify(t.sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	return t, nil
}

// close stops catching signals and restores the terminal's state. A signal that arrived after
// the last answer is returned as an *interruptedError.
func (t *terminal) close() error {
	signal.Stop(t.sigs)
	term.Restore(t.fd, t.saved)
	select {
	case sig := <-t.sigs:
		return &interruptedError{sig}
	default:
		return nil
	}
}

// readLine prints prompt and reads one line, without its line end. With hidden, echo is turned
// off before the prompt is printed, so nothing typed after the prompt appears, and the line end
// the user types is printed afterwards. At the end of input (Ctrl-D on an empty line) it returns
// io.EOF.
func (t *terminal) readLine(prompt string, hidden bool) (string, error) {
	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	var read func() (string, error)
	restore := func() {}
	if hidden {
		var err error
		if read, restore, err = hiddenReader(t.in); err != nil {
			return "", fmt.Errorf("cannot hide what is typed: %w", err)
		}
	} else {
		read = func() (string, error) { return readLineFrom(t.in) }
	}
	fmt.Fprint(t.out, prompt)
	go func() {
		line, err := read()
		done <- result{line, err}
	}()
	select {
	case r := <-done:
		restore()
		if (hidden && r.err == nil) || r.err == io.EOF {
			fmt.Fprintln(t.out) // the line end that was not echoed
		}
		return r.line, r.err
	case sig := <-t.sigs:
		term.Restore(t.fd, t.saved)
		fmt.Fprintln(t.out)
		return "", &interruptedError{sig}
	}
}

// readLineFrom reads up to a newline, one byte at a time so that nothing after the line is
// consumed. A line cut short by the end of input is returned; an empty one is io.EOF.
func readLineFrom(r io.Reader) (string, error) {
	var line []byte
	var b [1]byte
	for {
		n, err := r.Read(b[:])
		if n > 0 {
			if b[0] == '\n' {
				break
			}
			line = append(line, b[0])
			continue
		}
		if err == io.EOF && len(line) > 0 {
			break
		}
		if err == nil {
			err = io.EOF // a terminal reports the end of input as a read of nothing
		}
		return "", err
	}
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	return string(line), nil
}
