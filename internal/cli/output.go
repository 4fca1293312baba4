package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aksguard/aksguard/internal/baseline"
	"github.com/aksguard/aksguard/internal/iostreams"
	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/source"
)

// writeReport completes the report (the compliance view; the comparison
// with the baseline, when there is one) and renders it to every output:
// stdout, and files written whole or not at all (temporary files renamed
// into place once every report rendered), so that a failed run never
// leaves half a report for automation to read.
func writeReport(opts *ScanOptions, rep *report.Report, catalog []*rules.Rule) error {
	outs := opts.outputs
	if outs == nil {
		var err error
		if outs, err = resolveOutputs(opts); err != nil {
			return err
		}
	}
	completeReport(opts, rep, catalog)
	ro := report.Options{
		Width:          opts.IO.TerminalWidth(),
		ShowAll:        opts.Show != "fail", // "all", or "pass" as DESIGN.md spells it
		Rules:          catalog,
		GroupBySection: opts.GroupBy == "section",
	}
	var done []*os.File
	defer func() {
		for _, tmp := range done {
			os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
		}
	}()
	for _, o := range outs {
		if o.File == "" {
			continue
		}
		tmp, err := renderToTemp(o, rep, ro)
		if err != nil {
			return err
		}
		done = append(done, tmp)
	}
	for _, o := range outs {
		if o.File == "" {
			so := ro
			so.Color = opts.IO.ColorEnabled()
			if err := report.Write(opts.IO.Out, o.Format, rep, so); err != nil {
				return err
			}
		}
	}
	i := 0
	for _, o := range outs {
		if o.File == "" {
			continue
		}
		if err := os.Rename(done[i].Name(), o.File); err != nil {
			return fmt.Errorf("write report to %s: %w", o.File, err)
		}
		i++
	}
	return nil
}

// renderToTemp renders one report into a temporary file beside its
// destination, closed and ready to be renamed.
func renderToTemp(o outputSpec, rep *report.Report, ro report.Options) (*os.File, error) {
	tmp, err := os.CreateTemp(filepath.Dir(o.File), "."+filepath.Base(o.File)+".*")
	if err != nil {
		return nil, fmt.Errorf("write report to %s: %w", o.File, unwrapPath(err))
	}
	err = report.Write(tmp, o.Format, rep, ro)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("write report to %s: %w", o.File, err)
	}
	return tmp, nil
}

// completeReport adds what every format shows beyond the findings: the
// compliance view (practice by practice), and, with --baseline, what is
// new and what was fixed since the baseline report.
func completeReport(opts *ScanOptions, rep *report.Report, catalog []*rules.Rule) {
	if rep.Practices == nil {
		rep.Practices = report.Compliance(rep.Findings, catalog)
	}
	if opts.baseline == nil {
		return
	}
	res := baseline.Compare(opts.baseline.Findings, rep.Findings)
	c := res.Counts()
	rep.Findings, rep.Fixed = res.Findings, res.Fixed
	rep.Baseline = &report.BaselineSummary{File: opts.BaselineFile, New: c.New, Unchanged: c.Unchanged, Fixed: c.Fixed}
}

// prepareScan checks, before anything is read, what the scan will write
// (the pairing of --format and --output) and reads the baseline.
func prepareScan(opts *ScanOptions) error {
	outs, err := resolveOutputs(opts)
	if err != nil {
		return err
	}
	opts.outputs = outs
	if opts.BaselineFile != "" {
		if opts.baseline, err = baseline.ReadFile(opts.BaselineFile); err != nil {
			return err
		}
	}
	return nil
}

// printBaseline says on stderr what changed since the baseline.
func printBaseline(io *iostreams.IOStreams, b *report.BaselineSummary) {
	if b != nil {
		fmt.Fprintf(io.ErrOut, "aksguard: since the baseline %s: %d new, %d unchanged, %d fixed\n", b.File, b.New, b.Unchanged, b.Fixed)
	}
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
