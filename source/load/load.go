// Package load reads the inputs of a scan: it walks files and directories,
// decides each file's kind by its content, runs the reader of that kind and
// merges what they read into one estate, with a diagnostic for every input
// that could not be read.
//
// A file of no kind aksguard reads (other JSON and YAML, documentation,
// binaries) is skipped silently when it was found in a
// directory, and is an error when it was named on the command line: naming a
// file asks for it to be audited.
package load

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// DefaultMaxFileSize is the largest file read. Real inputs are far smaller;
// the cap keeps a stray disk image or log from exhausting memory.
const DefaultMaxFileSize = 64 << 20

// Options tune a load.
type Options struct {
	// Parameters is a deployment parameters file to evaluate every ARM
	// template with. When empty, a template <name>.json uses
	// <name>.parameters.json beside it if there is one (template.json uses
	// parameters.json, as the portal's export writes them).
	Parameters string
	// Stdin is what the path "-" reads; nil means os.Stdin.
	Stdin io.Reader
	// MaxFileSize caps the size of one input; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Workers bounds how many files are read at once; 0 means GOMAXPROCS.
	Workers int
	// Exclude are files never read, whatever path leads to them: the report
	// being written (`aksguard scan . > report.json` creates report.json,
	// empty, inside the scanned tree before the scan starts).
	Exclude []os.FileInfo
	// Terraform is what every Terraform root module is evaluated with
	// besides its own files.
	Terraform TerraformOptions
}

// TerraformOptions are the variable values given to Terraform root modules
// from outside them, as to `terraform plan`.
type TerraformOptions struct {
	// VarFiles are --var-file files, in the order given.
	VarFiles []string
	// Vars are --var name=value assignments; they win over VarFiles.
	Vars map[string]string
	// Env is the environment (os.Environ()): its TF_VAR_name entries set
	// root variables, below every tfvars file.
	Env []string
}

func (o Options) limit() int64 {
	if o.MaxFileSize > 0 {
		return o.MaxFileSize
	}
	return DefaultMaxFileSize
}

// Stats counts what a load looked at.
type Stats struct {
	// Files is the number of files looked at.
	Files int
	// Read counts the files handed to a reader, by kind. Parameters files
	// count under ARMParameters when a template used them.
	Read map[Kind]int
	// Skipped counts files of no kind aksguard reads.
	Skipped int
	// Helm counts unrendered Helm templates, skipped (also in Skipped): render
	// them with `helm template` and scan the output.
	Helm int
	// Failed counts files with an error diagnostic.
	Failed int
}

// Inputs is the number of files read as inputs (parameters files aside).
func (s Stats) Inputs() int {
	n := 0
	for k, c := range s.Read {
		if k != ARMParameters {
			n += c
		}
	}
	return n
}

// String summarises the stats for a progress line: "read 3 inputs from 15
// files (arm-template 1, kubernetes 2; 1 parameters file), skipped 12".
func (s Stats) String() string {
	var kinds []string
	for k := ARMTemplate; int(k) < len(kindNames); k++ {
		if k != ARMParameters && s.Read[k] > 0 {
			kinds = append(kinds, fmt.Sprintf("%s %d", k, s.Read[k]))
		}
	}
	msg := fmt.Sprintf("read %s from %s", plural(s.Inputs(), "input"), plural(s.Files, "file"))
	if len(kinds) > 0 {
		msg += " (" + strings.Join(kinds, ", ")
		if n := s.Read[ARMParameters]; n > 0 {
			msg += "; " + plural(n, "parameters file")
		}
		msg += ")"
	}
	if s.Skipped > 0 {
		msg += fmt.Sprintf(", skipped %d", s.Skipped)
	}
	if s.Helm > 0 {
		msg += fmt.Sprintf(" (%s: scan the output of `helm template`)", plural(s.Helm, "unrendered Helm template"))
	}
	if s.Failed > 0 {
		msg += fmt.Sprintf(", %d could not be read", s.Failed)
	}
	return msg
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// input is one file to read.
type input struct {
	name string
	// explicit: named on the command line (or stdin), so it must be an input.
	explicit bool
	read     func() ([]byte, error)
	// covered is set on a file read through another input: a .tf file
	// through its root module, a Bicep module through its caller.
	covered Kind
	// kind is set on inputs that are not files: Terraform root modules.
	kind Kind
}

// loader is what reading one input needs besides the input.
type loader struct {
	ctx     context.Context
	sibling siblingFunc
	pinned  *paramFile
	// fsys is the file system of FS, nil for the operating system's.
	fsys fs.FS
	// terraform is Options.Terraform.
	terraform TerraformOptions
}

// siblingFunc reads a file beside an input (a template's parameters file).
// ok is false when there is no such file.
type siblingFunc func(name string) (data []byte, ok bool, err error)

// outcome is what processing one input gave.
type outcome struct {
	kind    Kind
	skipped bool
	helm    bool
	// covered: read through another input, counted there.
	covered bool
	res     source.Result
	// params is the parameters file a template used, if any.
	params string
}

// run reads the inputs concurrently and merges them in name order.
func run(ctx context.Context, fsys fs.FS, inputs []input, sibling siblingFunc, opts Options, diags source.Diagnostics) (*estate.Estate, source.Diagnostics, Stats) {
	slices.SortStableFunc(inputs, func(a, b input) int { return cmp.Compare(a.name, b.name) })
	st := Stats{Files: len(inputs), Read: map[Kind]int{}}
	inputs = append(inputs, planIaC(inputs, paths{slash: fsys != nil})...)
	slices.SortStableFunc(inputs, func(a, b input) int { return cmp.Compare(a.name, b.name) })

	var pinned *paramFile
	if opts.Parameters != "" {
		p, d := readParameters(opts.Parameters, opts.limit())
		if d != nil {
			diags = append(diags, *d)
		} else {
			pinned = p
		}
	}

	l := &loader{ctx: ctx, sibling: sibling, pinned: pinned, fsys: fsys, terraform: opts.Terraform}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	outs := make([]outcome, len(inputs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i, in := range inputs {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			// Each goroutine owns its slot: no lock, and a stable order.
			outs[i] = l.process(in)
			return nil
		})
	}
	_ = g.Wait() // the only error is ctx's, reported below

	usedParams := map[string]bool{}
	parts := make([]*estate.Estate, 0, len(inputs))
	for _, o := range outs {
		diags = append(diags, o.res.Diagnostics...)
		if o.res.Diagnostics.HasErrors() {
			st.Failed++
		}
		switch {
		case o.covered:
		case o.helm:
			st.Helm++
			st.Skipped++
		case o.skipped:
			st.Skipped++
		case o.kind != Unknown && o.kind != ARMParameters:
			st.Read[o.kind]++
		}
		if o.params != "" {
			usedParams[filepath.Clean(o.params)] = true
		}
		parts = append(parts, o.res.Estate)
	}
	st.Read[ARMParameters] = len(usedParams)
	for i, o := range outs {
		if o.kind == ARMParameters && inputs[i].explicit && !usedParams[filepath.Clean(inputs[i].name)] {
			diags = append(diags, source.Warnf(inputs[i].name, 0,
				"deployment parameters file: not scanned alone; scan its template (with --parameters %s)", inputs[i].name))
		}
	}
	if err := ctx.Err(); err != nil {
		diags = append(diags, source.Errorf("aksguard", 0, "scan interrupted: %v", err))
	}
	return finish(parts, diags, st)
}

// finish merges the parts and orders the diagnostics by input and line.
func finish(parts []*estate.Estate, diags source.Diagnostics, st Stats) (*estate.Estate, source.Diagnostics, Stats) {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i], diags[j]
		if a.Input != b.Input {
			return a.Input < b.Input
		}
		return a.Line < b.Line
	})
	return estate.Merge(parts...), diags, st
}

// process reads one input and hands it to the reader of its kind.
func (l *loader) process(in input) (o outcome) {
	name := in.name
	switch {
	case in.covered != Unknown:
		return outcome{kind: in.covered, covered: true}
	case in.kind == Terraform:
		return outcome{kind: Terraform, res: l.readTerraform(name)}
	}
	fail := func(line, col int, format string, a ...any) outcome {
		d := source.Errorf(name, line, format, a...)
		d.Column = col
		return outcome{skipped: true, res: source.Result{Diagnostics: source.Diagnostics{d}}}
	}
	raw, err := in.read()
	if err != nil {
		return fail(0, 0, "%s", describe(err))
	}
	text, binary, err := decodeText(raw)
	switch {
	case err != nil && (in.explicit || mustBeText(name)):
		line := 0
		if ee, ok := err.(*encodingError); ok {
			line = ee.Line
		}
		return fail(line, 0, "%v", err)
	case err != nil, binary && !in.explicit && !mustBeText(name):
		return outcome{skipped: true}
	case binary:
		return fail(0, 0, "binary content, not a text file")
	}
	if isBlank(text) || isYAMLWithoutContent(name, text) {
		return blank(in, fail)
	}
	kind, synErr := detect(name, text)
	if kind == Terraform {
		// A .tf file not planned as part of a module (a name planIaC did
		// not expect): its module reads it.
		return outcome{kind: kind, covered: true}
	}
	if synErr != nil {
		return brokenJSON(in, kind, synErr, fail)
	}
	if kind == Unknown {
		if in.explicit {
			return fail(0, 0, "not an input aksguard reads (Terraform, Bicep, an ARM template, Azure resource JSON, a Kubernetes manifest, a Dockerfile, or a Trivy or Grype report)")
		}
		return outcome{skipped: true}
	}
	if kind == Kubernetes && IsHelmTemplate(text) {
		if in.explicit {
			return fail(0, 0, "unrendered Helm template: scan the output of `helm template` instead")
		}
		return outcome{kind: kind, helm: true}
	}
	o = outcome{kind: kind}
	var params *paramFile
	if kind == ARMTemplate || kind == Bicep {
		params, o.res.Diagnostics = findParameters(name, l.sibling, l.pinned)
		if params != nil {
			o.params = params.name
		}
	}
	res := l.readKind(name, kind, text, params)
	o.res.Estate = res.Estate
	for _, d := range res.Diagnostics {
		if d.Input == "" {
			d.Input = name
		}
		o.res.Diagnostics = append(o.res.Diagnostics, d)
	}
	return o
}

// blank decides about an empty file: an empty JSON document, Dockerfile or
// stdin is an error (nothing there parses); an empty YAML file is a valid
// empty stream, and any other empty file is skipped.
func blank(in input, fail func(int, int, string, ...any) outcome) outcome {
	lower := strings.ToLower(in.name)
	switch {
	case strings.HasSuffix(lower, ".json") || strings.HasSuffix(lower, ".jsonc"):
		return fail(0, 0, "empty file: not a JSON document")
	case looksLikeDockerfileName(in.name):
		return fail(0, 0, "empty Dockerfile: no FROM instruction")
	case in.name == "-":
		return fail(0, 0, "empty input on stdin")
	}
	return outcome{skipped: true}
}

// brokenJSON reports JSON that does not parse: an error when it is an input
// (named on the command line or marked as one of the kinds aksguard reads),
// a warning for other .json files, which are not ours to judge.
func brokenJSON(in input, kind Kind, err error, fail func(int, int, string, ...any) outcome) outcome {
	line, col, msg := 0, 0, err.Error()
	if se, ok := syntaxError(err); ok {
		line, col, msg = se.Line, se.Column, se.Msg
	}
	if kind != Unknown || in.explicit {
		return fail(line, col, "invalid JSON: %s", msg)
	}
	d := source.Warnf(in.name, line, "invalid JSON, skipped: %s", msg)
	d.Column = col
	return outcome{skipped: true, res: source.Result{Diagnostics: source.Diagnostics{d}}}
}

// stdinInput reads r as the input "-".
func stdinInput(r io.Reader, limit int64) input {
	if r == nil {
		r = os.Stdin
	}
	var once sync.Once
	var data []byte
	var err error
	return input{name: "-", explicit: true, read: func() ([]byte, error) {
		once.Do(func() { data, err = readLimited(r, -1, limit) })
		return data, err
	}}
}

// readLimited reads at most limit bytes of r; size is the size a stat gave,
// or -1.
func readLimited(r io.Reader, size, limit int64) ([]byte, error) {
	if size > limit {
		return nil, &sizeError{Size: size, Limit: limit}
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		if size < 0 {
			size = int64(len(data))
		}
		return nil, &sizeError{Size: size, Limit: limit}
	}
	return data, nil
}
