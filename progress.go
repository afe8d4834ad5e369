package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/envcheck/envcheck/envcheck"
)

// progressAfter is how long a check runs before a progress line appears: a quick check (a
// pre-commit hook, a small project) prints nothing extra.
const progressAfter = 400 * time.Millisecond

// startProgress shows one line on w, redrawn in place, with what the check is doing, from after
// until stop is called; stop erases the line, so the report that follows starts clean. Only used
// when w is a terminal and the report is text.
func startProgress(w io.Writer, p *envcheck.Progress, after time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-done:
			return
		case <-time.After(after):
		}
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			fmt.Fprint(w, "\r\x1b[K"+progressLine(p))
			select {
			case <-done:
				fmt.Fprint(w, "\r\x1b[K")
				return
			case <-tick.C:
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			wg.Wait()
		})
	}
}

func progressLine(p *envcheck.Progress) string {
	files := plural(int(p.Files()), "env file", "env files")
	switch p.Stage() {
	case envcheck.StageWalking:
		return fmt.Sprintf("envcheck: walking: %s so far, %s found…", plural(int(p.Dirs()), "directory", "directories"), files)
	case envcheck.StageReading:
		return fmt.Sprintf("envcheck: reading %s and asking git…", files)
	case envcheck.StageChecking:
		return fmt.Sprintf("envcheck: checking %s…", files)
	}
	return "envcheck: starting…"
}
