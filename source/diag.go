// Package source holds what every input adapter shares: the diagnostics an
// input produces when it cannot be read in full. The adapters are in the
// sub-packages (armjson, armtemplate, kube, dockerfile, ...); package
// source/load walks paths, detects each file's kind by content and runs the
// right adapter.
package source

import (
	"fmt"

	"github.com/aksguard/aksguard/estate"
)

// Severity of a diagnostic.
type Severity uint8

// Diagnostic severities.
const (
	// Error: the input (or part of it) could not be read; the scan exits 2.
	Error Severity = iota + 1
	// Warning: something was skipped or could not be evaluated; dependent
	// verdicts are unknown, the exit code is not affected.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is a problem with one input, with where it is.
type Diagnostic struct {
	Severity Severity
	// Input names the file (as given on the command line or found in a
	// directory), "-" for stdin, or the live source ("azure:/subscriptions/x").
	Input   string
	Line    int
	Column  int
	Message string
}

// Error renders "input:line:col: message".
func (d Diagnostic) Error() string {
	switch {
	case d.Line > 0 && d.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", d.Input, d.Line, d.Column, d.Message)
	case d.Line > 0:
		return fmt.Sprintf("%s:%d: %s", d.Input, d.Line, d.Message)
	}
	return fmt.Sprintf("%s: %s", d.Input, d.Message)
}

// Errorf returns an error diagnostic.
func Errorf(input string, line int, format string, a ...any) Diagnostic {
	return Diagnostic{Severity: Error, Input: input, Line: line, Message: fmt.Sprintf(format, a...)}
}

// Warnf returns a warning diagnostic.
func Warnf(input string, line int, format string, a ...any) Diagnostic {
	return Diagnostic{Severity: Warning, Input: input, Line: line, Message: fmt.Sprintf(format, a...)}
}

// Diagnostics is a list of diagnostics.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Result is what reading one input gives: the part of the estate it holds and
// its diagnostics. Both may be non-empty: a partly readable input still
// contributes what it could.
type Result struct {
	Estate      *estate.Estate
	Diagnostics Diagnostics
}
