package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/aksguard/aksguard/internal/baseline"
	"github.com/aksguard/aksguard/internal/iostreams"
	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

// DiffOptions are the inputs of `aksguard diff`.
type DiffOptions struct {
	IO    *iostreams.IOStreams
	Rules func() []*rules.Rule

	Old, New      string
	Format        string
	FailOn        policy.FailOn
	FailOnUnknown bool
	Show          string
}

func newCmdDiff(f *Factory, runF func(context.Context, *DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{IO: f.IO, Rules: f.Rules, Format: "table", FailOn: policy.DefaultFailOn, Show: "fail"}
	cmd := &cobra.Command{
		Use:   "diff OLD.json NEW.json",
		Short: "Compare two JSON reports: what is new, what was fixed",
		Long: `Diff compares two JSON reports of aksguard scan, as scan --baseline
compares a scan with a report: a finding is the same in both when its rule
and its resource are (whatever the file lines), so it lists the failures
that are new in NEW.json and those of OLD.json that now pass or are gone.

Exit codes: 0 no new failure at or above --fail-on; 1 there is one; 2 a
report could not be read.`,
		Example: `  aksguard diff main.json pr.json
  aksguard diff --format markdown main.json pr.json > comment.md`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runDiff(opts)
		},
	}
	fl := cmd.Flags()
	fl.VarP(newEnum(&opts.Format, "table", "json", "markdown", "sarif"), "format", "f", "output `FORMAT`: table, json, markdown or sarif")
	fl.Var(&opts.FailOn, "fail-on", "exit 1 when a new unsuppressed failure is at or above this severity: low, medium, high, critical or none")
	fl.BoolVar(&opts.FailOnUnknown, "fail-on-unknown", false, "also exit 1 for new unknown verdicts at or above --fail-on")
	fl.Var(newEnum(&opts.Show, "fail", "all", "pass"), "show", "`WHICH` findings the table prints: fail (new failures) or all (also: unchanged, pass, unknown, manual)")
	return cmd
}

func runDiff(opts *DiffOptions) error {
	old, err := baseline.ReadFile(opts.Old)
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "aksguard: %v\n", err)
		return &exitError{policy.ExitError}
	}
	cur, err := baseline.ReadFile(opts.New)
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "aksguard: %v\n", err)
		return &exitError{policy.ExitError}
	}
	res := baseline.Compare(old.Findings, cur.Findings)
	c := res.Counts()
	rep := *cur
	rep.Findings, rep.Fixed = res.Findings, res.Fixed
	rep.Baseline = &report.BaselineSummary{File: opts.Old, New: c.New, Unchanged: c.Unchanged, Fixed: c.Fixed}
	catalog := opts.Rules()
	if rep.Practices == nil {
		rep.Practices = report.Compliance(rep.Findings, catalog)
	}
	ro := report.Options{
		Color:   opts.IO.ColorEnabled(),
		Width:   opts.IO.TerminalWidth(),
		ShowAll: opts.Show != "fail",
		Rules:   catalog,
	}
	format, err := report.ParseFormat(opts.Format)
	if err != nil {
		return flagErrorf("--format: %v", err)
	}
	if err := report.Write(opts.IO.Out, format, &rep, ro); err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "aksguard: %v\n", err)
		return &exitError{policy.ExitError}
	}
	printBaseline(opts.IO, rep.Baseline)
	// The reports' own errors were the scans' to report: the comparison
	// itself went through.
	if code := policy.ExitCode(rep.Findings, nil, opts.FailOn, opts.FailOnUnknown); code != policy.ExitOK {
		return &exitError{code}
	}
	return nil
}
