package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/internal/iostreams"
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

const (
	pod     = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n"
	aksID   = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1"
	badJSON = "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n  \"resources\": [,]\n}\n"
)

// fakeRule reports one verdict on a fixed cluster, whatever the inputs, so
// that the CLI's handling of verdicts can be tested without the catalog.
func fakeRule(id string, sev rules.Severity, v rules.Verdict) *rules.Rule {
	return &rules.Rule{
		ID: id, Title: "Fake " + id, Severity: sev, Section: rules.Network,
		Practice: "A practice", Doc: "Why it matters.",
		Fix: rules.Fix{CLI: "az aks update --fix", Terraform: "fix = true"},
		Check: func(p *rules.Pass) {
			c := &estate.Cluster{Meta: estate.Meta{ID: aksID, Name: "aks1", Source: estate.SourceAzure, Loc: estate.Loc{File: "aks.json", Line: 2}}}
			p.Report(c, v, estate.Loc{Path: "properties.x"}, "properties.x = false")
		},
	}
}

// configSpy records the rules.Config the scan ran with.
func configSpy(got *rules.Config) *rules.Rule {
	return &rules.Rule{ID: "AKS-SPY-01", Title: "spy", Severity: rules.Low, Check: func(p *rules.Pass) { *got = p.Config }}
}

type result struct {
	code           int
	stdout, stderr string
}

// run runs the CLI in dir with the given rules and a fixed clock.
func run(t *testing.T, dir string, rs []*rules.Rule, stdin string, args ...string) result {
	t.Helper()
	io, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	f := &Factory{
		IO:      io,
		Now:     func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) },
		Rules:   func() []*rules.Rule { return rs },
		Getwd:   func() (string, error) { return dir, nil },
		Version: "v9.9.9-test",
	}
	// Paths in args are relative to dir, as a user in dir would type them.
	for i, a := range args {
		if strings.HasPrefix(a, "@") {
			args[i] = filepath.Join(dir, a[1:])
		}
	}
	code := Run(context.Background(), args, f)
	return result{code, out.String(), errOut.String()}
}

func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func decodeReport(t *testing.T, s string) report.Report {
	t.Helper()
	var r report.Report
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("stdout is not a JSON report: %v\n%s", err, s)
	}
	return r
}

func TestScanExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		rules  []*rules.Rule
		args   []string
		want   int
		stderr []string // fragments stderr must hold
	}{
		{"pass", map[string]string{"pod.yaml": pod}, []*rules.Rule{fakeRule("AKS-NET-01", rules.Critical, rules.Passed)}, nil, 0, nil},
		{"high failure fails by default", map[string]string{"pod.yaml": pod}, []*rules.Rule{fakeRule("AKS-NET-05", rules.High, rules.Failed)}, nil, 1, nil},
		{"medium failure does not fail by default", map[string]string{"pod.yaml": pod}, []*rules.Rule{fakeRule("AKS-NET-04", rules.Medium, rules.Failed)}, nil, 0, nil},
		{"--fail-on medium", map[string]string{"pod.yaml": pod}, []*rules.Rule{fakeRule("AKS-NET-04", rules.Medium, rules.Failed)}, []string{"--fail-on", "medium"}, 1, nil},
		{"--fail-on critical", map[string]string{"pod.yaml": pod}, []*rules.Rule{fakeRule("AKS-NET-05", rules.High, rules.Failed)}, []string{"--fail-on=critical"}, 0, nil},
		{"--fail-on none", map[string]string{"pod.yaml": pod}, []*rules.Rule{fakeRule("AKS-NET-01", rules.Critical, rules.Failed)}, []string{"--fail-on", "none"}, 0, nil},
		{"unknown does not fail", map[string]string{"pod.yaml": pod}, []*rules.Rule{fakeRule("AKS-NET-01", rules.Critical, rules.Unknown)}, nil, 0, nil},
		{"--fail-on-unknown", map[string]string{"pod.yaml": pod}, []*rules.Rule{fakeRule("AKS-NET-01", rules.Critical, rules.Unknown)}, []string{"--fail-on-unknown"}, 1, nil},
		{"manual never fails", map[string]string{"pod.yaml": pod}, []*rules.Rule{fakeRule("AKS-NET-10", rules.Critical, rules.Manual)}, []string{"--fail-on-unknown", "--fail-on", "low"}, 0, nil},
		{
			"malformed input exits 2 and names file:line", map[string]string{"pod.yaml": pod, "infra/aks.json": badJSON},
			[]*rules.Rule{fakeRule("AKS-NET-01", rules.Critical, rules.Failed)}, nil, 2,
			[]string{filepath.Join("infra", "aks.json") + ":3:", "invalid JSON"},
		},
		{
			"missing path exits 2 and names it", map[string]string{"pod.yaml": pod}, nil,
			[]string{"@pod.yaml", "@nope.yaml"}, 2, []string{"nope.yaml: no such file or directory"},
		},
		{"no input at all exits 2", map[string]string{"README.md": "# hi\n"}, nil, nil, 2, []string{"found no input aksguard reads"}},
		{"bad --format", map[string]string{"pod.yaml": pod}, nil, []string{"--format", "xml"}, 2, []string{"unknown format", "Usage:"}},
		{"bad --fail-on", map[string]string{"pod.yaml": pod}, nil, []string{"--fail-on", "info"}, 2, []string{"info findings never fail", "Usage:"}},
		{"bad --show", map[string]string{"pod.yaml": pod}, nil, []string{"--show", "some"}, 2, []string{"want fail or all or pass"}},
		{"bad --profile", map[string]string{"pod.yaml": pod}, nil, []string{"--profile", "strict"}, 2, []string{"want baseline or sensitive"}},
		{"unknown flag", map[string]string{"pod.yaml": pod}, nil, []string{"--bogus"}, 2, []string{"unknown flag: --bogus", "Usage:"}},
		{"missing --parameters file", map[string]string{"pod.yaml": pod}, nil, []string{"--parameters", "@nope.parameters.json"}, 2, []string{"nope.parameters.json: parameters file: no such file"}},
		{"missing --config file", map[string]string{"pod.yaml": pod}, nil, []string{"--config", "@nope.yaml"}, 2, []string{"nope.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tree(t, tt.files)
			args := append([]string{"scan", "--format", "json"}, tt.args...)
			if !hasPath(tt.args) {
				args = append(args, dir)
			}
			r := run(t, dir, tt.rules, "", args...)
			if r.code != tt.want {
				t.Errorf("exit code %d, want %d\nstderr:\n%s", r.code, tt.want, r.stderr)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
			if strings.Contains(r.stderr, "Usage:") || strings.Contains(tt.name, "--config") {
				// Usage and configuration errors stop the scan before it
				// starts: there is no report.
				if r.stdout != "" {
					t.Errorf("stdout = %q, want nothing", r.stdout)
				}
				return
			}
			rep := decodeReport(t, r.stdout) // stdout holds the report and nothing else
			if rep.SchemaVersion != report.SchemaVersion || rep.Tool.Name != "aksguard" || rep.Tool.Version != "v9.9.9-test" {
				t.Errorf("report header = %d %+v", rep.SchemaVersion, rep.Tool)
			}
			if tt.want == 2 && len(rep.Errors) == 0 {
				t.Error("exit 2 but the report lists no error")
			}
		})
	}
}

func hasPath(args []string) bool {
	for _, a := range args {
		if strings.HasPrefix(a, "/") {
			return true
		}
	}
	return false
}

// TestScanPartialFailureStillReports: one input fails, the other is
// scanned: the report is written, names the failure, and the exit code is 2.
func TestScanPartialFailureStillReports(t *testing.T) {
	dir := tree(t, map[string]string{"pod.yaml": pod, "bad.json": badJSON})
	r := run(t, dir, []*rules.Rule{fakeRule("AKS-NET-01", rules.Critical, rules.Failed)}, "", "scan", "-f", "json", dir)
	if r.code != 2 {
		t.Fatalf("exit %d, want 2", r.code)
	}
	rep := decodeReport(t, r.stdout)
	if len(rep.Findings) != 1 || rep.Summary.Fail != 1 {
		t.Errorf("findings %+v, summary %+v: want the failure reported", rep.Findings, rep.Summary)
	}
	want := report.Error{Input: filepath.Join(dir, "bad.json"), Line: 3, Column: 17, Severity: "error"}
	if len(rep.Errors) != 1 || rep.Errors[0].Input != want.Input || rep.Errors[0].Line != want.Line || rep.Errors[0].Severity != "error" {
		t.Errorf("errors = %+v, want one error at %s:%d", rep.Errors, want.Input, want.Line)
	}
	if !strings.Contains(r.stderr, filepath.Join(dir, "bad.json")+":3:") {
		t.Errorf("stderr does not name bad.json:3:\n%s", r.stderr)
	}
}

func TestScanOutputFile(t *testing.T) {
	dir := tree(t, map[string]string{"pod.yaml": pod})
	rs := []*rules.Rule{fakeRule("AKS-NET-01", rules.Critical, rules.Failed)}
	tests := []struct {
		file, format string
		check        func(t *testing.T, data []byte)
	}{
		{"report.json", "", func(t *testing.T, data []byte) { decodeReport(t, string(data)) }},
		{"out.sarif", "", func(t *testing.T, data []byte) {
			if !strings.Contains(string(data), `"version": "2.1.0"`) {
				t.Errorf("not SARIF 2.1.0:\n%.300s", data)
			}
		}},
		{"report.txt", "", func(t *testing.T, data []byte) {
			if !strings.Contains(string(data), "AKS-NET-01") || strings.HasPrefix(string(data), "{") {
				t.Errorf("want a table:\n%s", data)
			}
		}},
		{"forced.txt", "json", func(t *testing.T, data []byte) { decodeReport(t, string(data)) }},
		{"page.html", "", func(t *testing.T, data []byte) {
			if !strings.Contains(strings.ToLower(string(data[:min(len(data), 200)])), "<!doctype html") {
				t.Errorf("not HTML:\n%.200s", data)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), tt.file)
			args := []string{"scan", "--output", out, dir}
			if tt.format != "" {
				args = append(args, "--format", tt.format)
			}
			r := run(t, dir, rs, "", args...)
			if r.code != 1 {
				t.Errorf("exit %d, want 1 (the failure counts whatever the output)\n%s", r.code, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout must be empty with --output, got:\n%s", r.stdout)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, data)
			if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
				t.Errorf("temporary files left beside the report: %v", entries)
			}
		})
	}
	r := run(t, dir, rs, "", "scan", "-o", filepath.Join(dir, "no", "such", "dir", "r.json"), dir)
	if r.code != 2 || !strings.Contains(r.stderr, "write report") {
		t.Errorf("unwritable --output: exit %d, stderr %q; want 2 and a message", r.code, r.stderr)
	}
}

func TestScanTableIsTheDefault(t *testing.T) {
	dir := tree(t, map[string]string{"pod.yaml": pod})
	r := run(t, dir, []*rules.Rule{fakeRule("AKS-NET-01", rules.Critical, rules.Failed)}, "", "scan", dir)
	if strings.HasPrefix(strings.TrimSpace(r.stdout), "{") || !strings.Contains(r.stdout, "AKS-NET-01") {
		t.Errorf("default output is not a table:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("colour written to a non-terminal")
	}
}

func TestScanStdin(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, []*rules.Rule{fakeRule("AKS-NET-01", rules.Critical, rules.Passed)}, pod, "scan", "-f", "json", "-")
	if r.code != 0 || !strings.Contains(r.stderr, "kubernetes 1") {
		t.Errorf("exit %d, stderr %s; want the manifest on stdin read", r.code, r.stderr)
	}
	r = run(t, dir, nil, "", "scan", "-f", "json", "-")
	if r.code != 2 || !strings.Contains(r.stderr, "-: empty input on stdin") {
		t.Errorf("empty stdin: exit %d, stderr %s", r.code, r.stderr)
	}
}

// TestScanExamples runs the real program (catalog, readers, renderers) on
// the repository's examples: the insecure estate fails, the hardened one
// passes, and each format renders.
func TestScanExamples(t *testing.T) {
	examples := filepath.Join("..", "..", "examples")
	if _, err := os.Stat(examples); err != nil {
		t.Skip("no examples")
	}
	io, _, out, errOut := iostreams.Test()
	f := NewFactory(io)
	if len(f.Rules()) == 0 {
		t.Skip("the catalog is empty")
	}
	tests := []struct {
		dir, format string
		want        int
	}{
		{"insecure", "json", 1},
		{"hardened", "json", 0},
		{"insecure", "sarif", 1},
		{"insecure", "table", 1},
	}
	for _, tt := range tests {
		t.Run(tt.dir+"/"+tt.format, func(t *testing.T) {
			out.Reset()
			errOut.Reset()
			code := Run(context.Background(), []string{"scan", "--format", tt.format, filepath.Join(examples, tt.dir)}, f)
			if code != tt.want {
				t.Errorf("exit %d, want %d\n%s", code, tt.want, errOut)
			}
			if tt.format == "json" {
				rep := decodeReport(t, out.String())
				if len(rep.Errors) != 0 || len(rep.Findings) == 0 {
					t.Errorf("errors %v, %d findings", rep.Errors, len(rep.Findings))
				}
				if (rep.Summary.Fail > 0) != (tt.want == 1) {
					t.Errorf("summary %+v does not match exit %d", rep.Summary, tt.want)
				}
			}
			if out.Len() == 0 {
				t.Error("empty report")
			}
		})
	}
}

// TestScanRedirectIntoTree: `aksguard scan -f json . > report.json` creates
// an empty report.json in the scanned tree before the scan starts; the scan
// must not read it (an empty .json file is otherwise an error).
func TestScanRedirectIntoTree(t *testing.T) {
	dir := tree(t, map[string]string{"pod.yaml": pod})
	stdout, err := os.Create(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer stdout.Close()
	io, _, _, errOut := iostreams.Test()
	io.Out = stdout
	f := &Factory{IO: io, Now: time.Now, Rules: func() []*rules.Rule { return nil }, Getwd: func() (string, error) { return dir, nil }}
	if code := Run(context.Background(), []string{"scan", "-f", "json", dir}, f); code != 0 {
		t.Errorf("exit %d, want 0\n%s", code, errOut)
	}
	data, err := os.ReadFile(stdout.Name())
	if err != nil {
		t.Fatal(err)
	}
	decodeReport(t, string(data))
}
