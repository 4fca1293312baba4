package bicep_test

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/bicep"
)

var update = flag.Bool("update", false, "rewrite the verdict lines of testdata/*.want from the current output")

// TestCorpus reads each testdata/x.want's Bicep input (x.bicepparam with
// the file it uses, else x.bicep with x.parameters.json when present),
// evaluates the whole catalog and compares every finding with the expected
// "RULE verdict type/name" lines: any difference fails. Lines starting with
// "!" are diagnostics the input must give ("! error file:line[:col]
// message"); an error diagnostic not listed fails too.
func TestCorpus(t *testing.T) {
	wants, err := filepath.Glob(filepath.Join("testdata", "*.want"))
	if err != nil {
		t.Fatal(err)
	}
	if len(wants) < 20 && !*update {
		t.Fatalf("the corpus has %d cases, want at least 20", len(wants))
	}
	for _, w := range wants {
		stem := strings.TrimSuffix(w, ".want")
		t.Run(filepath.Base(stem), func(t *testing.T) {
			res := readCase(t, stem)
			got := findings(t, res)
			spec := readWant(t, w)
			if *update {
				spec.findings = got
				writeWant(t, w, spec)
			}
			if diff := cmp.Diff(spec.findings, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s\ndiagnostics:\n%s", diff, strings.Join(diagLines(res.Diagnostics), "\n"))
			}
			checkDiags(t, spec.diags, res.Diagnostics)
		})
	}
}

func readCase(t *testing.T, stem string) source.Result {
	t.Helper()
	if p := stem + ".bicepparam"; exists(p) {
		return bicep.ReadParams(p, read(t, p), bicep.Options{})
	}
	opts := bicep.Options{}
	if p := stem + ".parameters.json"; exists(p) {
		opts.Parameters, opts.ParametersName = read(t, p), p
	}
	name := stem + ".bicep"
	return bicep.Read(name, read(t, name), opts)
}

func findings(t *testing.T, res source.Result) []string {
	t.Helper()
	fs, err := rules.Evaluate(context.Background(), res.Estate, rules.DefaultConfig(), catalog.All())
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s %s/%s", f.Rule, f.Verdict, f.Resource.Type, f.Resource.Name))
		if testing.Verbose() {
			t.Logf("%s %s %s/%s %s:%d %s [%s]", f.Rule, f.Verdict, f.Resource.Type, f.Resource.Name, filepath.Base(f.Location.File), f.Location.Line, f.Evidence, f.Resource.ID)
		}
	}
	sort.Strings(out)
	return out
}

type wantSpec struct {
	comments []string
	diags    []string
	findings []string
}

func readWant(t *testing.T, name string) wantSpec {
	t.Helper()
	var w wantSpec
	sc := bufio.NewScanner(bytes.NewReader(read(t, name)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			w.comments = append(w.comments, line)
		case strings.HasPrefix(line, "!"):
			w.diags = append(w.diags, line)
		default:
			w.findings = append(w.findings, strings.Join(strings.Fields(line), " "))
		}
	}
	sort.Strings(w.findings)
	return w
}

func writeWant(t *testing.T, name string, w wantSpec) {
	t.Helper()
	var b strings.Builder
	for _, c := range w.comments {
		b.WriteString(c + "\n")
	}
	for _, d := range w.diags {
		b.WriteString(d + "\n")
	}
	for _, f := range w.findings {
		b.WriteString(f + "\n")
	}
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkDiags checks that each wanted diagnostic ("! severity
// file:line[:col] message") was given, and that no error was given that is
// not wanted.
func checkDiags(t *testing.T, wants []string, got source.Diagnostics) {
	t.Helper()
	matched := make([]bool, len(got))
	for _, w := range wants {
		f := strings.SplitN(strings.TrimSpace(strings.TrimPrefix(w, "!")), " ", 3)
		if len(f) != 3 {
			t.Errorf("malformed diagnostic line %q", w)
			continue
		}
		found := false
		for i, d := range got {
			if d.Severity.String() == f[0] && at(d) == f[1] || d.Severity.String() == f[0] && atLine(d) == f[1] {
				if strings.Contains(d.Message, f[2]) {
					found, matched[i] = true, true
				}
			}
		}
		if !found {
			t.Errorf("missing diagnostic %q; got:\n%s", w, strings.Join(diagLines(got), "\n"))
		}
	}
	for i, d := range got {
		if d.Severity == source.Error && !matched[i] {
			t.Errorf("unexpected error: %s", diagLine(d))
		}
	}
}

func at(d source.Diagnostic) string {
	return filepath.Base(d.Input) + ":" + strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Column)
}

func atLine(d source.Diagnostic) string {
	return filepath.Base(d.Input) + ":" + strconv.Itoa(d.Line)
}

func diagLine(d source.Diagnostic) string {
	loc := atLine(d)
	if d.Column > 0 {
		loc = at(d)
	}
	return fmt.Sprintf("! %s %s %s", d.Severity, loc, d.Message)
}

func diagLines(ds source.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		out = append(out, diagLine(d))
	}
	return out
}
