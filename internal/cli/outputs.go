package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/aksguard/aksguard/report"
)

// Several reports from one scan: --format and --output pair up in the
// order they are given (--format json --output a.json --format sarif
// --output b.sarif), a --format with no --output after it goes to stdout,
// an --output with no --format before it takes its format from its
// extension; --report FORMAT=FILE adds a report beside them. Every report
// is rendered from the same findings.

// outputSpec is one report to write.
type outputSpec struct {
	Format report.Format
	File   string // "" is stdout
}

// outputArg is one --format or --output, in command-line order.
type outputArg struct {
	isFormat bool
	format   report.Format
	file     string
}

// formatFlag is --format: it records its place among the --output flags
// and keeps ScanOptions.Format the last format given.
type formatFlag struct{ opts *ScanOptions }

func (f formatFlag) String() string { return f.opts.Format.String() }
func (f formatFlag) Type() string   { return "format" }
func (f formatFlag) Set(s string) error {
	var v report.Format
	if err := v.Set(s); err != nil {
		return err
	}
	f.opts.Format = v
	f.opts.outputArgs = append(f.opts.outputArgs, outputArg{isFormat: true, format: v})
	return nil
}

// outputFlag is --output: it records its place among the --format flags
// and keeps ScanOptions.Output the last file given.
type outputFlag struct{ opts *ScanOptions }

func (f outputFlag) String() string { return f.opts.Output }
func (f outputFlag) Type() string   { return "string" }
func (f outputFlag) Set(s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("want a file name, or - for stdout")
	}
	f.opts.Output = s
	f.opts.outputArgs = append(f.opts.outputArgs, outputArg{file: s})
	return nil
}

// reportFlag is the repeatable --report FORMAT=FILE.
type reportFlag struct{ opts *ScanOptions }

func (f reportFlag) String() string { return "" }
func (f reportFlag) Type() string   { return "FORMAT=FILE" }
func (f reportFlag) Set(s string) error {
	name, file, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(file) == "" {
		return fmt.Errorf("%q: want FORMAT=FILE, e.g. sarif=aksguard.sarif", s)
	}
	format, err := report.ParseFormat(name)
	if err != nil {
		return err
	}
	f.opts.Reports = append(f.opts.Reports, outputSpec{Format: format, File: file})
	return nil
}

// resolveOutputs reads the reports to write from the flags: a usage error
// when two would go to stdout, or to one file, or when a file's format
// cannot be told.
func resolveOutputs(opts *ScanOptions) ([]outputSpec, error) {
	var out []outputSpec
	nFormats, nFiles := 0, 0
	for _, a := range opts.outputArgs {
		if a.isFormat {
			nFormats++
		} else {
			nFiles++
		}
	}
	switch {
	case nFormats <= 1 && nFiles <= 1:
		// One report, whichever flag came first (--output x --format y);
		// without --format, the --output extension says.
		format := opts.Format
		if f, ok := formatForFile(opts.Output); ok && nFormats == 0 {
			format = f
		}
		out = append(out, outputSpec{Format: format, File: opts.Output})
	default:
		var pending *report.Format
		for _, a := range opts.outputArgs {
			switch {
			case a.isFormat && pending != nil:
				out = append(out, outputSpec{Format: *pending})
				pending = &a.format
			case a.isFormat:
				pending = &a.format
			case pending != nil:
				out = append(out, outputSpec{Format: *pending, File: a.file})
				pending = nil
			default:
				f, ok := formatForFile(a.file)
				if !ok {
					return nil, flagErrorf("--output %s: cannot tell the report format from the extension; give --format before it", a.file)
				}
				out = append(out, outputSpec{Format: f, File: a.file})
			}
		}
		if pending != nil {
			out = append(out, outputSpec{Format: *pending})
		}
	}
	out = append(out, opts.Reports...)

	stdout, files := 0, map[string]string{}
	for i := range out {
		if out[i].File == "-" {
			out[i].File = ""
		}
		if out[i].File == "" {
			if stdout++; stdout > 1 {
				return nil, flagErrorf("more than one report would go to stdout: give each --format but one an --output FILE")
			}
			continue
		}
		abs, err := filepath.Abs(out[i].File)
		if err != nil {
			abs = out[i].File
		}
		if prev, dup := files[abs]; dup {
			return nil, flagErrorf("two reports would be written to %s (%s and %s)", out[i].File, prev, out[i].Format)
		}
		files[abs] = string(out[i].Format)
	}
	return out, nil
}

// formatForFile is the format an --output extension names.
func formatForFile(name string) (report.Format, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return report.JSON, true
	case ".sarif":
		return report.SARIF, true
	case ".html", ".htm":
		return report.HTML, true
	case ".xml":
		return report.JUnit, true
	case ".csv":
		return report.CSV, true
	case ".md":
		return report.Markdown, true
	}
	return "", false
}

// tableOnTerminal says whether a person reads the table on a terminal, in
// which case it already shows the errors and ignore notes that stderr
// would otherwise repeat.
func tableOnTerminal(opts *ScanOptions, outs []outputSpec) bool {
	if !opts.IO.IsStdoutTTY() || !opts.IO.IsStderrTTY() {
		return false
	}
	for _, o := range outs {
		if o.File == "" && o.Format == report.Table {
			return true
		}
	}
	return false
}
