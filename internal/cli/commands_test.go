package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/rules"
)

func TestScanConfig(t *testing.T) {
	failing := []*rules.Rule{fakeRule("AKS-NET-01", rules.Critical, rules.Failed)}
	tests := []struct {
		name   string
		config string
		want   int
		stderr []string
	}{
		{"ignore suppresses", "ignores:\n  - rule: AKS-NET-01\n    resource: aks1\n    reason: accepted\n", 0, nil},
		{"expired ignore", "ignores:\n  - rule: AKS-NET-01\n    reason: accepted\n    expires: 2026-02-28\n", 1,
			[]string{".aksguard.yaml:2: warning: ignore of AKS-NET-01 has expired"}},
		{"stale ignore", "ignores:\n  - rule: AKS-NET-01\n    resource: other\n    reason: r\n", 1,
			[]string{".aksguard.yaml:2: warning: ignore of AKS-NET-01 suppresses nothing"}},
		{"ignore of an unknown rule", "ignores:\n  - rule: AKS-NET-99\n    reason: r\n", 1,
			[]string{"ignore of AKS-NET-99: no rule of the catalog has this ID"}},
		{"unknown key", "ignore:\n  - rule: AKS-NET-01\n", 2, []string{".aksguard.yaml:1: unknown key ignore (did you mean ignores?)"}},
		{"missing reason", "ignores:\n  - rule: AKS-NET-01\n", 2, []string{".aksguard.yaml:2: ignores[0]: ignore of AKS-NET-01: reason is required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tree(t, map[string]string{"pod.yaml": pod, ".aksguard.yaml": tt.config})
			r := run(t, dir, failing, "", "scan", "-f", "json", dir)
			if r.code != tt.want {
				t.Errorf("exit %d, want %d\n%s", r.code, tt.want, r.stderr)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
		})
	}
}

func TestScanConfigFlags(t *testing.T) {
	dir := tree(t, map[string]string{
		"pod.yaml":        pod,
		".aksguard.yaml":  "trustedRegistries: [contoso.azurecr.io]\nthresholds: {nodeCount: 10}\n",
		"other/conf.yaml": "profile: sensitive\nthresholds: {adminPrincipals: 1}\n",
	})
	var got rules.Config
	spy := []*rules.Rule{configSpy(&got)}
	r := run(t, dir, spy, "", "scan", "-f", "json", "--trusted-registry", "ghcr.io/contoso", "--trusted-registry=mcr.microsoft.com", "--profile", "sensitive", dir)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	want := []string{"contoso.azurecr.io", "ghcr.io/contoso", "mcr.microsoft.com"}
	if strings.Join(got.TrustedRegistries, ",") != strings.Join(want, ",") || got.NodeThreshold != 10 || got.Profile != "sensitive" {
		t.Errorf("rules config = %+v; want registries %v, node threshold 10, sensitive", got, want)
	}
	r = run(t, dir, spy, "", "scan", "-f", "json", "--config", filepath.Join(dir, "other", "conf.yaml"), dir)
	if r.code != 0 || got.Profile != "sensitive" || got.AdminThreshold != 1 || len(got.TrustedRegistries) != 0 {
		t.Errorf("--config: exit %d, rules config %+v", r.code, got)
	}
}

func TestRules(t *testing.T) {
	rs := []*rules.Rule{fakeRule("AKS-IAM-01", rules.High, rules.Passed), fakeRule("AKS-NET-01", rules.Critical, rules.Passed)}
	r := run(t, t.TempDir(), rs, "", "rules")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "ID") ||
		strings.Join(strings.Fields(lines[2]), " ") != "AKS-NET-01 critical network Fake AKS-NET-01" {
		t.Errorf("rules output:\n%s", r.stdout)
	}
}

func TestExplain(t *testing.T) {
	rs := []*rules.Rule{fakeRule("AKS-NET-01", rules.Critical, rules.Passed)}
	r := run(t, t.TempDir(), rs, "", "explain", "aks-net-01")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, s := range []string{"AKS-NET-01: Fake AKS-NET-01", "Severity:  critical", "Section:   network", "Practice:  A practice", "Why it matters.", "Azure CLI:\n    az aks update --fix", "Terraform:\n    fix = true"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("explain output lacks %q:\n%s", s, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "Dockerfile:") {
		t.Error("explain lists a fix the rule does not have")
	}
	r = run(t, t.TempDir(), rs, "", "explain", "AKS-NOPE-01")
	if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, `unknown rule "AKS-NOPE-01"`) {
		t.Errorf("unknown rule: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = run(t, t.TempDir(), rs, "", "explain")
	if r.code != 2 || !strings.Contains(r.stderr, "Usage:") {
		t.Errorf("explain without ID: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestVersionAndUsage(t *testing.T) {
	r := run(t, t.TempDir(), nil, "", "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "aksguard v9.9.9-test (go") {
		t.Errorf("version: exit %d, stdout %q", r.code, r.stdout)
	}
	r = run(t, t.TempDir(), nil, "", "frobnicate")
	if r.code != 2 || !strings.Contains(r.stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, stderr %q", r.code, r.stderr)
	}
	r = run(t, t.TempDir(), nil, "", "scan", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "--fail-on") {
		t.Errorf("scan --help: exit %d, stdout %q", r.code, r.stdout)
	}
	if v := version(); v == "" {
		t.Error("version() is empty")
	}
	old := Version
	Version = "v1.2.3"
	defer func() { Version = old }()
	if v := version(); v != "v1.2.3" {
		t.Errorf("with -ldflags -X ...cli.Version=v1.2.3, version() = %q", v)
	}
}
