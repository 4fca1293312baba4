package baseline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/rules"
)

func TestRead(t *testing.T) {
	const ok = `{"schemaVersion": 1, "tool": {"name": "aksguard", "version": "v1"},
  "findings": [{"rule": "AKS-NET-01", "verdict": "fail", "severity": "critical",
    "resource": {"id": "/subscriptions/s/x", "type": "cluster", "name": "aks1"}}],
  "summary": {"pass": 0, "fail": 1, "unknown": 0, "manual": 0}, "errors": []}`
	r, err := Read("old.json", []byte(ok))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 || r.Findings[0].Verdict != rules.Failed || r.Findings[0].Severity != rules.Critical {
		t.Errorf("findings %+v", r.Findings)
	}

	tests := []struct {
		name, data, want string
	}{
		{"empty", "  \n", "old.json: empty file"},
		{"syntax error names line and column", "{\n  \"schemaVersion\": 1,\n  \"findings\": [,]\n}", "old.json:3:16: invalid character ','"},
		{"SARIF is not a report", `{"version": "2.1.0", "runs": []}`, "old.json: not an aksguard JSON report"},
		{"newer contract", `{"schemaVersion": 2, "findings": []}`, "old.json: report schemaVersion 2: this aksguard reads version 1"},
		{"another tool", `{"schemaVersion": 1, "tool": {"name": "trivy"}, "findings": []}`, `old.json: a report of "trivy"`},
		{"bad verdict", `{"schemaVersion": 1, "findings": [{"rule": "AKS-NET-01", "verdict": "maybe"}]}`, `unknown verdict "maybe"`},
		{"finding without a rule", `{"schemaVersion": 1, "findings": [{"verdict": "fail"}]}`, "old.json: findings[0]: want a rule and a verdict"},
		{"wrong type", `{"schemaVersion": 1, "findings": {}}`, "old.json:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("old.json", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.json")
	_, err := ReadFile(missing)
	if err == nil || !strings.Contains(err.Error(), "read baseline "+missing+": ") || strings.Count(err.Error(), missing) != 1 {
		t.Errorf("error %v: want it to name the file once", err)
	}
	good := filepath.Join(t.TempDir(), "old.json")
	if err := os.WriteFile(good, []byte(`{"schemaVersion": 1, "findings": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(good); err != nil {
		t.Error(err)
	}
}
