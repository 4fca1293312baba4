package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/aksguard/aksguard/rules"
)

func TestParse(t *testing.T) {
	data := `# team settings
trustedRegistries: [contoso.azurecr.io, ghcr.io/contoso]
thresholds:
  nodeCount: 20
  adminPrincipals: 2
profile: sensitive
ignores:
  - rule: AKS-NET-01
    resource: "*/managedClusters/aks-dev-*"
    reason: dev clusters have a public API by design
    expires: 2026-06-30
  - rule: AKS-IMG-*
    reason: images are checked by the release pipeline
`
	cfg, err := Parse(".aksguard.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := rules.Config{
		TrustedRegistries: []string{"contoso.azurecr.io", "ghcr.io/contoso"},
		NodeThreshold:     20, AdminThreshold: 2, Profile: "sensitive",
	}
	if diff := cmp.Diff(want, cfg.Rules()); diff != "" {
		t.Errorf("Rules() (-want +got):\n%s", diff)
	}
	wantIgnores := []Ignore{
		{Rule: "AKS-NET-01", Resource: "*/managedClusters/aks-dev-*", Reason: "dev clusters have a public API by design", Expires: "2026-06-30", File: ".aksguard.yaml", Line: 8},
		{Rule: "AKS-IMG-*", Reason: "images are checked by the release pipeline", File: ".aksguard.yaml", Line: 12, Index: 1},
	}
	if diff := cmp.Diff(wantIgnores, cfg.Ignores, cmpopts.IgnoreUnexported(Ignore{})); diff != "" {
		t.Errorf("ignores (-want +got):\n%s", diff)
	}
}

func TestParseDefaults(t *testing.T) {
	for _, data := range []string{"", "# nothing set\n", "---\n"} {
		cfg, err := Parse("c.yaml", []byte(data))
		if err != nil {
			t.Fatalf("Parse(%q): %v", data, err)
		}
		if diff := cmp.Diff(rules.DefaultConfig(), cfg.Rules()); diff != "" {
			t.Errorf("Parse(%q).Rules() differs from the defaults:\n%s", data, diff)
		}
	}
}

// TestParseErrors: each mistake is reported with the file, the line where
// there is one, and what to do.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string // fragments, one per error, in order
	}{
		{"unknown top-level key", "trustedRegistry: [x.azurecr.io]\n", []string{"c.yaml:1: unknown key trustedRegistry (did you mean trustedRegistries?)"}},
		{"wrong case", "thresholds:\n  nodecount: 10\n", []string{"c.yaml:2: unknown key thresholds.nodecount (did you mean nodeCount?)"}},
		{"unknown ignore key", "ignores:\n  - rule: AKS-NET-01\n    reason: x\n    until: 2026-01-01\n", []string{"c.yaml:4: unknown key ignores[0].until"}},
		{"duplicate key", "profile: baseline\nprofile: sensitive\n", []string{"c.yaml:2: profile is set twice (first on line 1)"}},
		{"wrong type", "thresholds:\n  nodeCount: many\n", []string{"c.yaml:2: cannot unmarshal"}},
		{"not a mapping", "- a\n- b\n", []string{"c.yaml:1: want a mapping"}},
		{"YAML syntax", "profile: [baseline\n", []string{"c.yaml: "}},
		{"bad profile", "profile: strict\n", []string{`c.yaml: profile "strict": want baseline or sensitive`}},
		{"bad thresholds", "thresholds: {nodeCount: 0, adminPrincipals: -1}\n", []string{"nodeCount must be at least 1", "adminPrincipals must not be negative"}},
		{"registry with scheme", "trustedRegistries: [\"https://x.azurecr.io\"]\n", []string{"without a scheme"}},
		{"ignore without reason", "ignores:\n  - rule: AKS-NET-01\n", []string{"c.yaml:2: ignores[0]: ignore of AKS-NET-01: reason is required"}},
		{"ignore without rule", "ignores:\n  - reason: because\n", []string{"c.yaml:2: ignores[0]: rule is required"}},
		{"bad expiry", "ignores:\n  - rule: AKS-NET-01\n    reason: x\n    expires: 30/06/2026\n", []string{`c.yaml:2: ignores[0]: expires "30/06/2026": want a date as YYYY-MM-DD`}},
		{"all errors at once", "profile: x\nignores:\n  - rule: AKS-NET-01\n", []string{"profile", "reason is required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tt.data))
			if err == nil {
				t.Fatal("no error")
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(lines), len(tt.want), err)
			}
			for i, w := range tt.want {
				if !strings.Contains(lines[i], w) {
					t.Errorf("error %d = %q, want it to contain %q", i, lines[i], w)
				}
			}
		})
	}
}

func TestIgnoreMatches(t *testing.T) {
	const id = "/subscriptions/s1/resourceGroups/rg-dev/providers/Microsoft.ContainerService/managedClusters/aks-dev-1"
	tests := []struct {
		rule, resource string
		want           bool
	}{
		{"AKS-NET-01", "", true},
		{"aks-net-01", "", true},
		{"AKS-NET-*", "", true},
		{"AKS-NET-02", "", false},
		{"AKS-NET-01", id, true},
		{"AKS-NET-01", strings.ToUpper(id), true},
		{"AKS-NET-01", "*/managedClusters/aks-dev-*", true},
		{"AKS-NET-01", "/subscriptions/*/resourceGroups/rg-dev/*", true},
		{"AKS-NET-01", "aks-dev-?", true},
		{"AKS-NET-01", "aks-prod-*", false},
		{"AKS-NET-01", "aks-dev", false},
		{"AKS-NET-01", "aks.dev.1", false}, // '.' is literal, not a regexp
	}
	for _, tt := range tests {
		ig := &Ignore{Rule: tt.rule, Resource: tt.resource, Reason: "r"}
		if got := ig.Matches("AKS-NET-01", id, "aks-dev-1"); got != tt.want {
			t.Errorf("ignore {rule %q, resource %q}.Matches = %v, want %v", tt.rule, tt.resource, got, tt.want)
		}
	}
}

func TestIgnoreExpired(t *testing.T) {
	ig := &Ignore{Rule: "AKS-NET-01", Reason: "r", Expires: "2026-06-30"}
	tests := []struct {
		now  string
		want bool
	}{
		{"2026-06-29T12:00:00Z", false},
		{"2026-06-30T23:59:59Z", false}, // the expiry date is the last day it works
		{"2026-07-01T00:00:00Z", true},
		{"2027-01-01T00:00:00Z", true},
	}
	for _, tt := range tests {
		now, _ := time.Parse(time.RFC3339, tt.now)
		if got := ig.Expired(now); got != tt.want {
			t.Errorf("Expired(%s) = %v, want %v", tt.now, got, tt.want)
		}
	}
	if (&Ignore{Rule: "AKS-NET-01", Reason: "r"}).Expired(time.Now()) {
		t.Error("an ignore without expires never expires")
	}
}

func TestFind(t *testing.T) {
	root, cwd, bare := t.TempDir(), t.TempDir(), t.TempDir()
	for _, d := range []string{root, cwd} {
		if err := os.WriteFile(filepath.Join(d, FileName), []byte("profile: baseline\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(bare, "aks.json")
	if err := os.WriteFile(file, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		paths []string
		cwd   string
		want  string
	}{
		{"first directory argument", []string{file, root, cwd}, bare, filepath.Join(root, FileName)},
		{"current directory when no path", nil, cwd, filepath.Join(cwd, FileName)},
		{"current directory when the root has none", []string{bare}, cwd, filepath.Join(cwd, FileName)},
		{"none", []string{bare}, bare, ""},
		{"stdin only", []string{"-"}, bare, ""},
	}
	for _, tt := range tests {
		if got := Find(tt.paths, tt.cwd); got != tt.want {
			t.Errorf("%s: Find = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Errorf("Load of a missing file: %v, want an error naming it", err)
	}
}
