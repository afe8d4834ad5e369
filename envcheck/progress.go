package envcheck

import "sync/atomic"

// Stage is what a check is doing.
type Stage int32

// The stages of a check, in order.
const (
	StageStarting Stage = iota
	StageWalking        // listing directories
	StageReading        // reading and parsing the files found, asking git and Docker
	StageChecking       // running the rules
)

// Progress counts a check's work as it goes, so a caller can show how far it has got. Its
// methods are safe to call from any goroutine, and on a nil *Progress (they do nothing).
type Progress struct {
	stage atomic.Int32
	dirs  atomic.Int64
	files atomic.Int64
}

// Stage returns what the check is doing now.
func (p *Progress) Stage() Stage { return Stage(p.stage.Load()) }

// Dirs returns how many directories the walk has listed.
func (p *Progress) Dirs() int64 { return p.dirs.Load() }

// Files returns how many env files and templates the walk has found.
func (p *Progress) Files() int64 { return p.files.Load() }

func (p *Progress) setStage(s Stage) {
	if p != nil {
		p.stage.Store(int32(s))
	}
}

func (p *Progress) walked() {
	if p != nil {
		p.dirs.Add(1)
	}
}

func (p *Progress) found() {
	if p != nil {
		p.files.Add(1)
	}
}
