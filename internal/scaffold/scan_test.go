package scaffold

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/internal/config"
	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/load"
)

// scan runs what `aksguard scan dir` runs: the loader, the configuration
// the estate ships, the whole catalog and the policy.
func scan(t *testing.T, dir string, profile string) ([]rules.Finding, source.Diagnostics, load.Stats) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(config.FileName, data)
	if err != nil {
		t.Fatalf("the generated configuration: %v", err)
	}
	if profile != "" {
		cfg.Profile = profile
	}
	ctx := context.Background()
	est, diags, stats := load.Paths(ctx, []string{dir}, load.Options{})
	findings, err := rules.Evaluate(ctx, est, cfg.Rules(), catalog.All())
	if err != nil {
		t.Fatal(err)
	}
	res := policy.Apply(findings, est, policy.Options{Ignores: cfg.Ignores})
	return res.Findings, append(diags, res.Diagnostics...), stats
}

// TestGeneratedEstateFollowsTheCatalog is the promise of aksguard init: what
// it writes, scanned with the whole catalog, has no failure and nothing
// unknown (manual checks remain: no configuration can settle them), at
// either profile, whatever the name.
func TestGeneratedEstateFollowsTheCatalog(t *testing.T) {
	for _, format := range Formats() {
		for _, name := range []string{DefaultName, "shop-prod-weu", "ab"} {
			t.Run(string(format)+"/"+name, func(t *testing.T) {
				files, err := Render(Options{Format: format, Name: name, AdminGroup: "6A7B8C9D-0E1F-4A2B-8C3D-4E5F6A7B8C9D"})
				if err != nil {
					t.Fatal(err)
				}
				dir := t.TempDir()
				if err := Write(dir, files, false); err != nil {
					t.Fatal(err)
				}
				for _, profile := range []string{"", "baseline"} {
					findings, diags, stats := scan(t, dir, profile)
					for _, d := range diags {
						t.Errorf("diagnostic: %v", d)
					}
					for _, f := range findings {
						if f.Suppressed {
							t.Errorf("%s on %s is suppressed: the estate must pass without ignores", f.Rule, f.Resource.Name)
						}
						if f.Verdict == rules.Failed || f.Verdict == rules.Unknown {
							t.Errorf("profile %q: %s %s on %s %s (%s:%d): %s", profile, f.Verdict, f.Rule, f.Resource.Type, f.Resource.Name, f.Location.File, f.Location.Line, f.Evidence)
						}
					}
					if s := report.Summarize(findings); s.Pass == 0 {
						t.Errorf("profile %q: nothing passed (%s): the estate was not read", profile, stats)
					}
				}
			})
		}
	}
}

// TestGeneratedEstateCoversEveryRule: every rule of the catalog finds
// something to judge in the estate, except those about what an estate
// cannot ship (workload images, Dockerfiles, scan reports, TLS in front of
// the cluster), so that "no failure" is not "nothing checked".
func TestGeneratedEstateCoversEveryRule(t *testing.T) {
	notApplicable := map[string]bool{
		"AKS-IAM-07": true,                                         // ingresses and load balancers: the estate has none
		"AKS-NET-07": true,                                         // namespaces with workloads: its namespace has none yet
		"AKS-NET-03": true,                                         // TLS in front of the cluster: no gateway in the estate
		"AKS-IMG-01": true, "AKS-IMG-02": true, "AKS-IMG-05": true, // workloads
		"AKS-IMG-04": true, // Dockerfiles
	}
	for _, format := range Formats() {
		t.Run(string(format), func(t *testing.T) {
			files, err := Render(Options{Format: format})
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if err := Write(dir, files, false); err != nil {
				t.Fatal(err)
			}
			findings, _, _ := scan(t, dir, "")
			judged := map[string]bool{}
			for _, f := range findings {
				judged[f.Rule] = true
			}
			var missing []string
			for _, r := range catalog.All() {
				if !judged[r.ID] && !notApplicable[r.ID] {
					missing = append(missing, r.ID)
				}
			}
			if len(missing) > 0 {
				t.Errorf("rules with no finding on the estate: %s", strings.Join(missing, ", "))
			}
		})
	}
}
