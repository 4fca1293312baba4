package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

// ruleAt reports one verdict on the fixed cluster at a given line, so that
// a test can move a finding within its file.
func ruleAt(id string, sev rules.Severity, v rules.Verdict, line int) *rules.Rule {
	r := fakeRule(id, sev, v)
	r.Check = func(p *rules.Pass) {
		c := &estate.Cluster{Meta: estate.Meta{ID: aksID, Name: "aks1", Source: estate.SourceAzure, Loc: estate.Loc{File: "aks.json", Line: line}}}
		p.Report(c, v, estate.Loc{File: "aks.json", Line: line, Path: "properties.x"}, "properties.x = false")
	}
	return r
}

// states maps each finding's rule to its baseline state.
func states(fs []rules.Finding) map[string]string {
	m := map[string]string{}
	for _, f := range fs {
		m[f.Rule] = f.Baseline
	}
	return m
}

// TestScanBaseline: a scan compared with an earlier report fails only on
// what is new, whatever moved in the files, and says what was fixed.
func TestScanBaseline(t *testing.T) {
	dir := tree(t, map[string]string{"pod.yaml": pod})
	base := filepath.Join(dir, "baseline.json") // in the scanned tree: it must not be read as an input
	before := []*rules.Rule{
		ruleAt("AKS-NET-01", rules.Critical, rules.Failed, 2),
		ruleAt("AKS-NET-05", rules.High, rules.Failed, 3),
	}
	if r := run(t, dir, before, "", "scan", "-f", "json", "-o", base, dir); r.code != 1 {
		t.Fatalf("baseline scan: exit %d\n%s", r.code, r.stderr)
	}
	after := []*rules.Rule{
		ruleAt("AKS-NET-01", rules.Critical, rules.Failed, 9), // the same failure, moved
		ruleAt("AKS-NET-05", rules.High, rules.Passed, 3),     // fixed
		ruleAt("AKS-NET-04", rules.Medium, rules.Failed, 5),   // new, below --fail-on high
	}

	r := run(t, dir, after, "", "scan", "-f", "json", "--baseline", base, dir)
	if r.code != 0 {
		t.Errorf("exit %d, want 0: the critical failure is the baseline's, the new one is medium\n%s", r.code, r.stderr)
	}
	rep := decodeReport(t, r.stdout)
	if len(rep.Errors) != 0 {
		t.Errorf("errors %+v: the baseline report was read as an input", rep.Errors)
	}
	want := map[string]string{"AKS-NET-01": "unchanged", "AKS-NET-05": "", "AKS-NET-04": "new"}
	if d := cmp.Diff(want, states(rep.Findings)); d != "" {
		t.Errorf("baseline states (-want +got):\n%s", d)
	}
	if len(rep.Fixed) != 1 || rep.Fixed[0].Rule != "AKS-NET-05" || rep.Fixed[0].Baseline != "fixed" {
		t.Errorf("fixed %+v, want AKS-NET-05", rep.Fixed)
	}
	if rep.Baseline == nil || *rep.Baseline != (report.BaselineSummary{File: base, New: 1, Unchanged: 1, Fixed: 1}) {
		t.Errorf("baseline summary %+v", rep.Baseline)
	}
	if !strings.Contains(r.stderr, "since the baseline "+base+": 1 new, 1 unchanged, 1 fixed") {
		t.Errorf("stderr does not say what changed:\n%s", r.stderr)
	}

	if r := run(t, dir, after, "", "scan", "-f", "json", "--baseline", base, "--fail-on", "medium", dir); r.code != 1 {
		t.Errorf("--fail-on medium: exit %d, want 1 for the new medium failure", r.code)
	}
	// The table wraps the baseline's name: make it the same wherever the
	// test runs.
	t.Chdir(dir)
	r = run(t, dir, after, "", "scan", "--baseline", "baseline.json", ".")
	golden(t, "baseline/scan.table.golden", r.stdout)
	if strings.Contains(r.stdout, "AKS-NET-01") {
		t.Errorf("the table lists the failure the baseline held:\n%s", r.stdout)
	}
	if r := run(t, dir, before, "", "scan", "-f", "json", "--baseline", base, dir); r.code != 0 {
		t.Errorf("nothing new: exit %d, want 0", r.code)
	}
}

func TestScanBaselineUnreadable(t *testing.T) {
	dir := tree(t, map[string]string{"pod.yaml": pod, "old.sarif": `{"version": "2.1.0", "runs": []}`, "bad.json": "{\n  \"schemaVersion\": 1,\n"})
	rs := []*rules.Rule{fakeRule("AKS-NET-01", rules.Critical, rules.Passed)}
	tests := []struct {
		file, stderr string
	}{
		{"nope.json", "read baseline " + filepath.Join(dir, "nope.json") + ": no such file or directory"},
		{"old.sarif", "not an aksguard JSON report"},
		{"bad.json", filepath.Join(dir, "bad.json") + ":3:1: unexpected end of JSON input"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := run(t, dir, rs, "", "scan", "-f", "json", "--baseline", filepath.Join(dir, tt.file), filepath.Join(dir, "pod.yaml"))
			if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %s; want 2, no report, and %q", r.code, r.stdout, r.stderr, tt.stderr)
			}
		})
	}
}

// TestDiff compares two reports as scan --baseline does: the same failure
// with another resource ID case and on another line is unchanged, a
// failure that now passes is fixed.
func TestDiff(t *testing.T) {
	old, cur := filepath.Join("testdata", "diff", "old.json"), filepath.Join("testdata", "diff", "new.json")
	for _, format := range []string{"table", "json", "markdown"} {
		t.Run(format, func(t *testing.T) {
			r := run(t, ".", nil, "", "diff", "--format", format, old, cur)
			if r.code != 1 {
				t.Errorf("exit %d, want 1 for the new high and critical failures\n%s", r.code, r.stderr)
			}
			golden(t, "diff/diff."+format+".golden", r.stdout)
		})
	}
	r := run(t, ".", nil, "", "diff", "-f", "json", old, cur)
	rep := decodeReport(t, r.stdout)
	want := map[string]string{"AKS-NET-01": "unchanged", "AKS-NET-05": "", "AKS-IAM-02": "new", "AKS-LOG-01": "unchanged", "AKS-NET-06": "new"}
	if d := cmp.Diff(want, states(rep.Findings)); d != "" {
		t.Errorf("baseline states (-want +got):\n%s", d)
	}
	if len(rep.Fixed) != 1 || rep.Fixed[0].Rule != "AKS-NET-05" {
		t.Errorf("fixed %+v, want AKS-NET-05", rep.Fixed)
	}
	if !strings.Contains(r.stderr, "since the baseline "+old+": 2 new, 2 unchanged, 1 fixed") {
		t.Errorf("stderr:\n%s", r.stderr)
	}

	dir := tree(t, map[string]string{"not.json": `{"runs": []}`})
	codes := []struct {
		name string
		args []string
		want int
	}{
		{"a new critical failure at --fail-on critical", []string{"--fail-on", "critical", old, cur}, 1},
		{"--fail-on none", []string{"--fail-on", "none", old, cur}, 0},
		{"nothing new, though a critical failure remains", []string{cur, cur}, 0},
		{"the other way round: what was new is fixed, what was fixed fails again", []string{cur, old}, 1},
		{"missing report", []string{old, filepath.Join(dir, "nope.json")}, 2},
		{"not a report", []string{filepath.Join(dir, "not.json"), cur}, 2},
		{"one argument", []string{old}, 2},
		{"bad format", []string{"--format", "html", old, cur}, 2},
	}
	for _, tt := range codes {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, ".", nil, "", append([]string{"diff"}, tt.args...)...)
			if r.code != tt.want {
				t.Errorf("exit %d, want %d\n%s", r.code, tt.want, r.stderr)
			}
		})
	}
}

func TestDiffShowAll(t *testing.T) {
	r := run(t, ".", nil, "", "diff", "--show", "all", filepath.Join("testdata", "diff", "old.json"), filepath.Join("testdata", "diff", "new.json"))
	for _, s := range []string{"AKS-NET-01", "unchanged: the baseline report holds it too", "AKS-IAM-02", "new: not in the baseline report"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("--show all lacks %q:\n%s", s, r.stdout)
		}
	}
}
