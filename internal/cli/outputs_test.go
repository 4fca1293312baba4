package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/internal/iostreams"
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

// TestResolveOutputs: how --format, --output and --report pair up into the
// reports one scan writes.
func TestResolveOutputs(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    []outputSpec
		wantErr string
	}{
		{"nothing: the table on stdout", nil, []outputSpec{{report.Table, ""}}, ""},
		{"one format", []string{"-f", "json"}, []outputSpec{{report.JSON, ""}}, ""},
		{"one output: format from the extension", []string{"-o", "a.sarif"}, []outputSpec{{report.SARIF, "a.sarif"}}, ""},
		{"one output of an unknown extension: the table", []string{"-o", "report.txt"}, []outputSpec{{report.Table, "report.txt"}}, ""},
		{"one of each in any order pair", []string{"-o", "a.json", "-f", "sarif"}, []outputSpec{{report.SARIF, "a.json"}}, ""},
		{"- is stdout", []string{"-f", "json", "-o", "-"}, []outputSpec{{report.JSON, ""}}, ""},
		{
			"pairs in order", []string{"--format", "json", "--output", "a.json", "--format", "sarif", "--output", "b.sarif"},
			[]outputSpec{{report.JSON, "a.json"}, {report.SARIF, "b.sarif"}}, "",
		},
		{
			"a format with no output after it goes to stdout", []string{"-f", "json", "-o", "a.json", "-f", "table"},
			[]outputSpec{{report.JSON, "a.json"}, {report.Table, ""}}, "",
		},
		{
			"stdout first", []string{"-f", "table", "-f", "markdown", "-o", "pr.md"},
			[]outputSpec{{report.Table, ""}, {report.Markdown, "pr.md"}}, "",
		},
		{
			"outputs alone take their extensions", []string{"-o", "a.json", "-o", "b.html"},
			[]outputSpec{{report.JSON, "a.json"}, {report.HTML, "b.html"}}, "",
		},
		{
			"--report adds to the table on stdout", []string{"--report", "sarif=b.sarif", "--report", "md=c.md"},
			[]outputSpec{{report.Table, ""}, {report.SARIF, "b.sarif"}, {report.Markdown, "c.md"}}, "",
		},
		{
			"--report beside --format", []string{"-f", "json", "--report", "junit=r.xml"},
			[]outputSpec{{report.JSON, ""}, {report.JUnit, "r.xml"}}, "",
		},
		{"two reports on stdout", []string{"-f", "json", "-f", "sarif"}, nil, "more than one report would go to stdout"},
		{"--report to stdout beside the table", []string{"--report", "json=-"}, nil, "more than one report would go to stdout"},
		{"one file twice", []string{"-o", "a.json", "--report", "sarif=a.json"}, nil, "two reports would be written to a.json"},
		{"unknown extension among several", []string{"-f", "json", "-o", "a.json", "-o", "b.txt"}, nil, "--output b.txt: cannot tell the report format"},
		{"--report without a file", []string{"--report", "sarif"}, nil, `"sarif": want FORMAT=FILE`},
		{"--report of an unknown format", []string{"--report", "xml=a.xml"}, nil, `unknown format "xml"`},
		{"empty --output", []string{"-o", ""}, nil, "want a file name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, _, _ := iostreams.Test()
			var got []outputSpec
			cmd := newCmdScan(&Factory{IO: io}, func(_ context.Context, o *ScanOptions) error {
				got = o.outputs
				return nil
			})
			cmd.SetArgs(append([]string{}, tt.args...)) // never nil: cobra would read os.Args
			cmd.SetOut(io.Out)
			cmd.SetErr(io.ErrOut)
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("outputs (-want +got):\n%s", d)
			}
		})
	}
}

func severalRules() []*rules.Rule {
	return []*rules.Rule{
		fakeRule("AKS-NET-01", rules.Critical, rules.Failed),
		fakeRule("AKS-NET-05", rules.High, rules.Passed),
		fakeRule("AKS-NET-10", rules.Medium, rules.Manual),
	}
}

// TestScanSeveralReports: one scan writes a JSON file, a Markdown file, a
// CSV file and the table on stdout, all from the same findings; the JSON
// holds the compliance view.
func TestScanSeveralReports(t *testing.T) {
	dir := tree(t, map[string]string{"pod.yaml": pod})
	out := t.TempDir()
	r := run(t, dir, severalRules(), "", "scan",
		"--format", "json", "--output", filepath.Join(out, "a.json"),
		"--format", "markdown", "--output", filepath.Join(out, "b.md"),
		"--format", "table",
		"--report", "csv="+filepath.Join(out, "c.csv"),
		dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (a critical failure)\n%s", r.code, r.stderr)
	}
	golden(t, "several/table.golden", r.stdout, dir)
	files := map[string]string{}
	for _, name := range []string{"a.json", "b.md", "c.csv"} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(data)
		golden(t, "several/"+name+".golden", string(data), dir)
	}
	rep := decodeReport(t, files["a.json"])
	if len(rep.Practices) != 1 || len(rep.Practices[0].Rules) != 3 {
		t.Errorf("the JSON report holds practices %+v, want the catalog's one practice of 3 rules", rep.Practices)
	}
	if rep.Summary != (report.Summary{Fail: 1, Pass: 1, Manual: 1}) {
		t.Errorf("summary %+v", rep.Summary)
	}
	if !strings.Contains(r.stdout, "Summary: 1 failed, 1 passed, 0 unknown, 1 manual") ||
		!strings.Contains(files["b.md"], "1 failed, 1 passed, 0 unknown, 1 manual") ||
		strings.Count(files["c.csv"], "\n") != 4 {
		t.Error("the reports do not all hold the same findings")
	}
	if entries, _ := os.ReadDir(out); len(entries) != 3 {
		t.Errorf("files beside the reports: %v", entries)
	}
}

// TestScanSeveralReportsWholeOrNothing: when one report cannot be written,
// none is: automation never reads a report of a run that failed.
func TestScanSeveralReportsWholeOrNothing(t *testing.T) {
	dir := tree(t, map[string]string{"pod.yaml": pod})
	out := t.TempDir()
	r := run(t, dir, severalRules(), "", "scan",
		"-f", "json", "-o", filepath.Join(out, "a.json"),
		"-f", "sarif", "-o", filepath.Join(out, "no", "such", "dir", "b.sarif"), dir)
	if r.code != 2 || !strings.Contains(r.stderr, "write report to") {
		t.Errorf("exit %d, stderr %s; want 2 and a message", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("a report was written although another failed: %v", entries)
	}
}

// TestScanUsageErrorsOfOutputs: a bad pairing is a usage error before the
// scan, with nothing written.
func TestScanUsageErrorsOfOutputs(t *testing.T) {
	dir := tree(t, map[string]string{"pod.yaml": pod})
	for _, args := range [][]string{
		{"-f", "json", "-f", "sarif"},
		{"-o", filepath.Join(dir, "a.json"), "--report", "json=" + filepath.Join(dir, "a.json")},
	} {
		r := run(t, dir, severalRules(), "", append(append([]string{"scan"}, args...), dir)...)
		if r.code != 2 || !strings.Contains(r.stderr, "Usage:") || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %s; want a usage error", args, r.code, r.stdout, r.stderr)
		}
	}
}

// TestScanGroupBySection: the auditor's table, section by section with the
// status of every practice.
func TestScanGroupBySection(t *testing.T) {
	dir := tree(t, map[string]string{"pod.yaml": pod})
	r := run(t, dir, severalRules(), "", "scan", "--group-by", "section", "--show", "all", dir)
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	golden(t, "several/table-section.golden", r.stdout, dir)
	if !strings.HasPrefix(r.stdout, "Network: 1 failed, 1 passed, 0 unknown, 1 manual") {
		t.Errorf("not grouped by section:\n%s", r.stdout)
	}
	r = run(t, dir, severalRules(), "", "scan", "--group-by", "rule", dir)
	if r.code != 2 || !strings.Contains(r.stderr, "want resource or section") {
		t.Errorf("--group-by rule: exit %d, stderr %s", r.code, r.stderr)
	}
}
