package report

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/aksguard/aksguard/rules"
)

// Format is an output format. It implements pflag.Value (String, Set, Type),
// so a command can bind it directly: flags.VarP(&opts.Format, "format", "f", ...).
type Format string

// Output formats.
const (
	Table    Format = "table"
	JSON     Format = "json"
	SARIF    Format = "sarif"
	HTML     Format = "html"
	JUnit    Format = "junit"
	CSV      Format = "csv"
	Markdown Format = "markdown"
)

// Formats lists the formats Write accepts.
func Formats() []Format { return []Format{Table, JSON, SARIF, HTML, JUnit, CSV, Markdown} }

// ParseFormat parses a format name case-insensitively; "md" is Markdown.
func ParseFormat(s string) (Format, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "md") {
		return Markdown, nil
	}
	for _, f := range Formats() {
		if strings.EqualFold(s, string(f)) {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (want %s)", s, formatList())
}

func formatList() string {
	fs := Formats()
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = string(f)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// String returns the format name.
func (f Format) String() string { return string(f) }

// Set parses s into f; it is pflag.Value's setter.
func (f *Format) Set(s string) error {
	p, err := ParseFormat(s)
	if err != nil {
		return err
	}
	*f = p
	return nil
}

// Type names the flag's value type in pflag's usage text.
func (f *Format) Type() string { return "format" }

// Options tune rendering; they never change verdicts.
type Options struct {
	// Color enables ANSI colour in the table (only on a terminal, never with NO_COLOR).
	Color bool
	// Width is the terminal width the table must fit (default 100, at least 40).
	Width int
	// ShowAll prints passes, unknowns, manual and suppressed findings too;
	// otherwise the table prints unsuppressed failures only. The JSON always
	// holds every finding; the SARIF every finding but passes.
	ShowAll bool
	// Rules is the catalog, for SARIF rule metadata and help text, and for
	// the compliance view when the report holds none (Report.Practices).
	Rules []*rules.Rule
	// GroupBySection groups the table by section of the brief, each with
	// the status of its practices (the auditor's view). The other formats
	// always show the sections.
	GroupBySection bool
}

// Write renders r in format f to w. The JSON is the contract of DESIGN.md;
// the table is for people at a terminal; SARIF 2.1.0 is for code-scanning
// tools; HTML is a self-contained page to send to people; JUnit XML is for CI
// test dashboards; CSV is for spreadsheets; Markdown is for pull-request
// comments.
func Write(w io.Writer, f Format, r *Report, o Options) error {
	if r == nil {
		return errors.New("write report: no report")
	}
	var err error
	switch f {
	case JSON:
		err = writeJSON(w, r)
	case Table:
		err = writeTable(w, r, o)
	case SARIF:
		err = writeSARIF(w, r, o)
	case HTML:
		err = writeHTML(w, r, o)
	case JUnit:
		err = writeJUnit(w, r, o)
	case CSV:
		err = writeCSV(w, r, o)
	case Markdown:
		err = writeMarkdown(w, r, o)
	default:
		return fmt.Errorf("write report: unknown format %q (want %s)", f, formatList())
	}
	if err != nil {
		return fmt.Errorf("write %s report: %w", f, err)
	}
	return nil
}
