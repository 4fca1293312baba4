package report

import (
	"fmt"
	"io"

	"github.com/aksguard/aksguard/rules"
)

// Format is an output format.
type Format string

// Output formats.
const (
	Table Format = "table"
	JSON  Format = "json"
	SARIF Format = "sarif"
)

// Formats lists the formats Write accepts.
func Formats() []Format { return []Format{Table, JSON, SARIF} }

// Options tune rendering; they never change verdicts.
type Options struct {
	// Color enables ANSI colour in the table (only on a terminal, never with NO_COLOR).
	Color bool
	// Width is the terminal width the table must fit (default 100).
	Width int
	// ShowAll prints passes, unknowns and manual findings too; otherwise the
	// table prints failures only (the JSON and SARIF always hold everything).
	ShowAll bool
	// Rules is the catalog, for SARIF rule metadata and help text.
	Rules []*rules.Rule
}

// Write renders r in format f to w. STUB: filled in by the report work.
func Write(w io.Writer, f Format, r *Report, o Options) error {
	return fmt.Errorf("format %q: not implemented", f)
}
