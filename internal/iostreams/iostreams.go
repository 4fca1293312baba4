// Package iostreams gives commands their standard streams and what they need
// to know about them: whether each is a terminal, whether colour is wanted
// and how wide the terminal is. Tests use Test, which swaps in buffers.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the standard streams of a command.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY, stdoutTTY, stderrTTY bool
	width                          int
	getenv                         func(string) string
}

// System returns the process's streams, with terminal detection on each.
func System() *IOStreams {
	s := &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		stdinTTY:  isTerminal(os.Stdin),
		stdoutTTY: isTerminal(os.Stdout),
		stderrTTY: isTerminal(os.Stderr),
		getenv:    os.Getenv,
	}
	if s.stdoutTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 {
			s.width = w
		}
	}
	return s
}

// Test returns streams over buffers: stdin reads from in, stdout and stderr
// write to out and errOut. None is a terminal and the environment is empty,
// so colour is off unless a test says otherwise.
func Test() (s *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	s = &IOStreams{In: in, Out: out, ErrOut: errOut, getenv: func(string) string { return "" }}
	return s, in, out, errOut
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// IsStdinTTY reports whether stdin is a terminal (so reading "-" would wait
// for typing).
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether stderr is a terminal (progress is worth
// printing only there).
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// SetStdinTTY, SetStdoutTTY and SetStderrTTY override terminal detection,
// for tests.
func (s *IOStreams) SetStdinTTY(v bool) { s.stdinTTY = v }

// SetStdoutTTY overrides terminal detection of stdout; see SetStdinTTY.
func (s *IOStreams) SetStdoutTTY(v bool) { s.stdoutTTY = v }

// SetStderrTTY overrides terminal detection of stderr; see SetStdinTTY.
func (s *IOStreams) SetStderrTTY(v bool) { s.stderrTTY = v }

// SetEnv replaces the environment lookup that ColorEnabled consults, for
// tests.
func (s *IOStreams) SetEnv(getenv func(string) string) { s.getenv = getenv }

// ColorEnabled reports whether output to stdout may use ANSI colour. It
// follows the conventions of no-color.org and bixense.com/clicolors, as gh
// does: CLICOLOR_FORCE (other than "0") forces colour even into a pipe;
// otherwise colour needs a terminal, and NO_COLOR (any value), CLICOLOR=0 or
// TERM=dumb turn it off.
func (s *IOStreams) ColorEnabled() bool {
	env := s.getenv
	if env == nil {
		env = os.Getenv
	}
	if v := env("CLICOLOR_FORCE"); v != "" && v != "0" {
		return true
	}
	if !s.stdoutTTY {
		return false
	}
	if env("NO_COLOR") != "" || env("CLICOLOR") == "0" || env("TERM") == "dumb" {
		return false
	}
	return true
}

// TerminalWidth returns the width of the stdout terminal, or 0 when stdout is
// not a terminal or its size is unknown.
func (s *IOStreams) TerminalWidth() int { return s.width }

// SetTerminalWidth overrides the detected width, for tests.
func (s *IOStreams) SetTerminalWidth(w int) { s.width = w }
