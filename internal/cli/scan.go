package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/internal/config"
	"github.com/aksguard/aksguard/internal/iostreams"
	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/load"
)

// ScanOptions are the inputs of `aksguard scan`.
type ScanOptions struct {
	IO      *iostreams.IOStreams
	Now     func() time.Time
	Rules   func() []*rules.Rule
	Getwd   func() (string, error)
	Version string

	Paths []string
	// Format is the report format; FormatSet says whether --format was given
	// (otherwise it follows the --output extension, else table).
	Format        report.Format
	FormatSet     bool
	Output        string
	FailOn        policy.FailOn
	FailOnUnknown bool
	Show          string // "fail" or "all"
	ConfigFile    string
	Parameters    string
	Profile       string
	Registries    []string
	// Reports are the --report FORMAT=FILE reports, written beside the
	// --format/--output ones.
	Reports []outputSpec
	// GroupBy is "resource" (the default) or "section": the table's
	// grouping.
	GroupBy string
	// BaselineFile is --baseline: an earlier JSON report to compare with.
	BaselineFile string
	// TFVars and TFVarFiles are --var and --var-file, for the Terraform
	// root modules.
	TFVars     map[string]string
	TFVarFiles []string

	outputArgs []outputArg    // --format and --output in command-line order
	outputs    []outputSpec   // resolved before the scan
	baseline   *report.Report // read before the scan
}

func newCmdScan(f *Factory, runF func(context.Context, *ScanOptions) error) *cobra.Command {
	opts := &ScanOptions{
		IO: f.IO, Now: f.Now, Rules: f.Rules, Getwd: f.Getwd, Version: f.Version,
		Format: report.Table, FailOn: policy.DefaultFailOn, Show: "fail", GroupBy: "resource",
	}
	cmd := &cobra.Command{
		Use:   "scan [PATH...]",
		Short: "Audit the AKS estate described by files and directories",
		Long: `Scan reads files and directories (recursively; "-" is stdin; no path is
the current directory), recognises each file by its content (Terraform
root modules and plans, Bicep files, ARM templates with their parameters
files, exported Azure resource JSON, Kubernetes manifests, Dockerfiles,
Trivy and Grype reports), merges everything into one estate and runs the
rule catalog over it.

The report goes to stdout (or --output); progress, warnings and errors go
to stderr. The format is table unless --format says otherwise, or --output
names a file whose extension says (.json, .sarif, .html, .xml for JUnit,
.csv, .md). (It does not switch to JSON when stdout is
not a terminal: CI logs are read by people; automation asks for json.)

Several reports come from one scan: --format and --output pair up in the
order given (a --format with no --output goes to stdout), and
--report FORMAT=FILE adds one.

With --baseline, an earlier JSON report of aksguard, the scan reports what
is new since (matched by rule and resource, whatever the lines) and what
was fixed, and only new findings fail the run.

Exit codes: 0 nothing at or above --fail-on failed; 1 something did; 2 the
scan could not do what was asked (bad flag or configuration, an input that
could not be read: the report still covers the inputs that could).`,
		Example: `  aksguard scan infra/ k8s/
  aksguard scan --format sarif --output aksguard.sarif .
  aksguard scan --format json --output aksguard.json --format sarif --output aksguard.sarif .
  aksguard scan --report html=aksguard.html --group-by section .
  aksguard scan --baseline main.json --format json --output pr.json .
  az aks show -g rg -n aks1 | aksguard scan -
  aksguard scan --fail-on critical --parameters prod.parameters.json azuredeploy.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.FormatSet = cmd.Flags().Changed("format")
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runScan(cmd.Context(), opts)
		},
		// Before scan and its subcommands: a bad pairing of outputs or an
		// unreadable baseline is reported before anything is read.
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return prepareScan(opts)
		},
	}
	fl := cmd.Flags()
	fl.VarP(formatFlag{opts}, "format", "f", "report `FORMAT`: "+formatNames()+" (repeatable, each paired with the --output after it)")
	fl.VarP(outputFlag{opts}, "output", "o", "write the report to `FILE` instead of stdout (repeatable)")
	fl.Var(reportFlag{opts}, "report", "also write a report in `FORMAT=FILE`, e.g. sarif=aksguard.sarif (repeatable)")
	fl.Var(newEnum(&opts.GroupBy, "resource", "section"), "group-by", "group the table by `WHAT`: resource, or section of the brief with the status of each practice")
	fl.StringVar(&opts.BaselineFile, "baseline", "", "compare with an earlier JSON report `FILE`: report and fail on new findings only")
	fl.Var(&opts.FailOn, "fail-on", "exit 1 when an unsuppressed failure is at or above this severity: low, medium, high, critical or none")
	fl.BoolVar(&opts.FailOnUnknown, "fail-on-unknown", false, "also exit 1 for unknown verdicts at or above --fail-on")
	fl.Var(newEnum(&opts.Show, "fail", "all", "pass"), "show", "`WHICH` findings the table prints: fail (unsuppressed failures) or all (also: pass, the same as all)")
	fl.StringVar(&opts.ConfigFile, "config", "", "configuration `FILE` (default: .aksguard.yaml in the first scanned directory, else in the current directory)")
	fl.StringVar(&opts.Parameters, "parameters", "", "deployment parameters `FILE` for the ARM templates and Bicep files (default: <name>.parameters.json beside each)")
	fl.Var(newEnum(&opts.Profile, config.Profiles...), "profile", "rule `PROFILE`: baseline or sensitive (overrides the configuration)")
	fl.StringArrayVar(&opts.Registries, "trusted-registry", nil, "a trusted registry `HOST` images may come from, added to the configuration's (repeatable)")
	fl.Var(tfVarFlag{opts}, "var", "set a Terraform root variable, as terraform plan -var does (repeatable; TF_VAR_name environment variables are read too)")
	fl.StringArrayVar(&opts.TFVarFiles, "var-file", nil, "read Terraform root variables from `FILE`, as terraform plan -var-file does (repeatable)")
	cmd.AddCommand(newCmdScanCluster(f, cmd, opts, nil))
	cmd.AddCommand(newCmdScanAzure(f, cmd, opts, nil))
	return cmd
}

// runScan is the scan: config, load, rules, policy, report, exit code.
func runScan(ctx context.Context, opts *ScanOptions) error {
	errOut := opts.IO.ErrOut
	cfg, err := loadConfig(opts)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(errOut, "%s\n", line)
		}
		return &exitError{policy.ExitError}
	}
	catalog := opts.Rules()
	warnUnknownRules(opts, cfg, catalog)

	if slices.Contains(opts.Paths, "-") && opts.IO.IsStdinTTY() {
		fmt.Fprintln(errOut, "aksguard: reading an input from stdin (end it with Ctrl-D)")
	}
	est, diags, stats := load.Paths(ctx, opts.Paths, load.Options{Parameters: opts.Parameters, Stdin: opts.IO.In, Exclude: reportFiles(opts), Terraform: terraformOptions(opts)})
	if ctx.Err() != nil {
		printDiagnostics(opts.IO, diags)
		return &exitError{policy.ExitError}
	}
	if stats.Inputs() == 0 && !diags.HasErrors() {
		where := "."
		if len(opts.Paths) > 0 {
			where = strings.Join(opts.Paths, ", ")
		}
		diags = append(diags, source.Errorf(where, 0, "found no input aksguard reads among %d file(s) (Terraform, Bicep, ARM templates, Azure resource JSON, Kubernetes manifests, Dockerfiles, Trivy or Grype reports)", stats.Files))
	}

	return finishScan(ctx, opts, cfg, catalog, est, diags, stats.String())
}

// finishScan is the tail every kind of scan shares once its estate is read
// (files, a live cluster, live Azure): the rules, the policy, the reports,
// the summary on stderr and the exit code. extra lines are printed after the
// summary.
func finishScan(ctx context.Context, opts *ScanOptions, cfg *config.Config, catalog []*rules.Rule,
	est *estate.Estate, diags source.Diagnostics, summary string, extra ...string) error {
	errOut := opts.IO.ErrOut
	findings, err := evaluate(ctx, est, cfg.Rules(), catalog)
	if err != nil {
		printDiagnostics(opts.IO, diags)
		fmt.Fprintf(errOut, "aksguard: %v\n", err)
		return &exitError{policy.ExitError}
	}
	res := policy.Apply(findings, est, policy.Options{Ignores: cfg.Ignores, Now: opts.Now})
	diags = append(diags, res.Diagnostics...)

	rep := buildReport(opts.Version, res, diags)
	if err := writeReport(opts, rep, catalog); err != nil {
		printDiagnostics(opts.IO, diags)
		fmt.Fprintf(errOut, "aksguard: %v\n", err)
		return &exitError{policy.ExitError}
	}
	// A table on the terminal already shows the errors and ignore notes;
	// anywhere else (a file, a pipe, a CI log) stderr must say them.
	if !tableOnTerminal(opts, opts.outputs) {
		printDiagnostics(opts.IO, diags)
		printNotes(opts.IO, res.Notes)
	}
	fmt.Fprintf(errOut, "aksguard: %s; %s\n", summary, summaryLine(res.Findings))
	printBaseline(opts.IO, rep.Baseline)
	for _, line := range extra {
		fmt.Fprintf(errOut, "aksguard: %s\n", line)
	}

	// The report's findings: compared with a baseline, only new ones fail.
	if code := policy.ExitCode(rep.Findings, diags, opts.FailOn, opts.FailOnUnknown); code != policy.ExitOK {
		return &exitError{code}
	}
	return nil
}

// loadConfig reads the configuration (given or found) and applies the flags
// that override it.
func loadConfig(opts *ScanOptions) (*config.Config, error) {
	path, display := opts.ConfigFile, opts.ConfigFile
	if path == "" {
		cwd, err := opts.Getwd()
		if err != nil {
			cwd = "."
		}
		path = config.Find(opts.Paths, cwd)
		display = path
		if rel, err := filepath.Rel(cwd, path); err == nil && path != "" && !strings.HasPrefix(rel, "..") {
			display = rel // name it as the user would
		}
	}
	cfg := config.Default()
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read configuration %s: %w", display, unwrapPath(err))
		}
		if cfg, err = config.Parse(display, data); err != nil {
			return nil, err
		}
	}
	if opts.Profile != "" {
		cfg.Profile = opts.Profile
	}
	for _, r := range opts.Registries {
		if strings.TrimSpace(r) == "" || strings.Contains(r, "://") {
			return nil, fmt.Errorf("--trusted-registry %q: give a registry host such as myacr.azurecr.io", r)
		}
		cfg.TrustedRegistries = append(cfg.TrustedRegistries, r)
	}
	return cfg, nil
}

// reportFiles are the files the reports go to, which the scan must not
// read: stdout redirected into the scanned tree, an earlier --output, and
// the baseline report.
func reportFiles(opts *ScanOptions) []os.FileInfo {
	var out []os.FileInfo
	if f, ok := opts.IO.Out.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			out = append(out, fi)
		}
	}
	files := []string{opts.Output, opts.BaselineFile}
	for _, o := range opts.outputs {
		files = append(files, o.File)
	}
	for _, name := range files {
		if name == "" || name == "-" {
			continue
		}
		if fi, err := os.Stat(name); err == nil {
			out = append(out, fi)
		}
	}
	return out
}

// unwrapPath drops the path from an *fs.PathError: the message names the
// file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// warnUnknownRules warns about ignores that name no rule of the catalog: a
// typo there would silently suppress nothing.
func warnUnknownRules(opts *ScanOptions, cfg *config.Config, catalog []*rules.Rule) {
	if len(catalog) == 0 {
		return
	}
	for _, ig := range cfg.Ignores {
		re := config.Glob(ig.Rule)
		if !slices.ContainsFunc(catalog, func(r *rules.Rule) bool { return re.MatchString(r.ID) }) {
			fmt.Fprintf(opts.IO.ErrOut, "%s: warning: ignore of %s: no rule of the catalog has this ID\n", ig.Where(), ig.Rule)
		}
	}
}

// evaluate runs the rules; a rule that panics is a bug reported as an error,
// not a crash.
func evaluate(ctx context.Context, e *estate.Estate, cfg rules.Config, rs []*rules.Rule) (fs []rules.Finding, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while evaluating the rules (please report it): %v", r)
		}
	}()
	return rules.Evaluate(ctx, e, cfg, rs)
}

func buildReport(version string, res policy.Result, diags source.Diagnostics) *report.Report {
	rep := &report.Report{
		SchemaVersion: report.SchemaVersion,
		Tool:          report.Tool{Name: "aksguard", Version: version},
		Findings:      res.Findings,
		Summary:       report.Summarize(res.Findings),
		Errors:        []report.Error{},
		Ignores:       res.Notes,
	}
	if rep.Findings == nil {
		rep.Findings = []rules.Finding{}
	}
	for _, d := range diags {
		rep.Errors = append(rep.Errors, report.Error{
			Input: d.Input, Line: d.Line, Column: d.Column, Message: d.Message, Severity: d.Severity.String(),
		})
	}
	return rep
}

// formatNames lists the formats for the flag's help.
func formatNames() string {
	var names []string
	for _, f := range report.Formats() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

// summaryLine counts the findings by verdict for stderr.
func summaryLine(fs []rules.Finding) string {
	s := report.Summarize(fs)
	suppressed := 0
	for _, f := range fs {
		if f.Suppressed {
			suppressed++
		}
	}
	msg := fmt.Sprintf("%d findings: %d fail, %d unknown, %d manual, %d pass", len(fs), s.Fail, s.Unknown, s.Manual, s.Pass)
	if suppressed > 0 {
		msg += fmt.Sprintf(", %d suppressed", suppressed)
	}
	return msg
}
