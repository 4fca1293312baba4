package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aksguard/aksguard/internal/iostreams"
	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/source"
)

// writeReport renders the report to stdout or, with --output, to a file,
// written whole or not at all (a temporary file renamed into place), so
// that a failed run never leaves half a report for automation to read.
func writeReport(opts *ScanOptions, rep *report.Report, catalog []*rules.Rule) error {
	format := reportFormat(opts)
	ro := report.Options{
		Color:   opts.Output == "" && opts.IO.ColorEnabled(),
		Width:   opts.IO.TerminalWidth(),
		ShowAll: opts.Show != "fail", // "all", or "pass" as DESIGN.md spells it
		Rules:   catalog,
	}
	if opts.Output == "" {
		return report.Write(opts.IO.Out, format, rep, ro)
	}
	dir := filepath.Dir(opts.Output)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(opts.Output)+".*")
	if err != nil {
		return fmt.Errorf("write report to %s: %w", opts.Output, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	if err := report.Write(tmp, format, rep, ro); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write report to %s: %w", opts.Output, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write report to %s: %w", opts.Output, err)
	}
	if err := os.Rename(tmp.Name(), opts.Output); err != nil {
		return fmt.Errorf("write report to %s: %w", opts.Output, err)
	}
	return nil
}

// printDiagnostics writes each diagnostic to stderr as
// "file:line:col: message", warnings as "file:line: warning: message".
func printDiagnostics(io *iostreams.IOStreams, diags source.Diagnostics) {
	for _, d := range diags {
		if d.Severity == source.Warning {
			msg := d.Message
			d.Message = "warning: " + msg
		}
		fmt.Fprintln(io.ErrOut, firstLine(d.Error()))
	}
}

// firstLine keeps stack traces of internal errors out of the terminal: they
// stay in the report's errors.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// printNotes warns about ignores that expired or suppress nothing.
func printNotes(io *iostreams.IOStreams, notes []report.IgnoreNote) {
	for _, n := range notes {
		switch n.Status {
		case policy.StatusExpired:
			fmt.Fprintf(io.ErrOut, "%s: warning: ignore of %s has expired: the findings it suppressed are reported again\n", n.Where, n.Rule)
		case policy.StatusStale:
			fmt.Fprintf(io.ErrOut, "%s: warning: ignore of %s suppresses nothing (no failing, unknown or manual finding matches it): remove it\n", n.Where, n.Rule)
		}
	}
}
