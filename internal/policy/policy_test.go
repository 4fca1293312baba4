package policy

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/internal/config"
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/source"
)

const (
	devID  = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-dev"
	prodID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod"
)

func finding(rule string, v rules.Verdict, sev rules.Severity, id, name string) rules.Finding {
	return rules.Finding{Rule: rule, Verdict: v, Severity: sev,
		Resource: rules.ResourceRef{ID: id, Type: "cluster", Name: name}, Location: rules.Location{File: "aks.json", Line: 3}}
}

func cfgIgnores(t *testing.T, yaml string) []config.Ignore {
	t.Helper()
	c, err := config.Parse(".aksguard.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return c.Ignores
}

func TestApplyConfigIgnores(t *testing.T) {
	ignores := cfgIgnores(t, `ignores:
  - rule: AKS-NET-01
    resource: "*aks-dev"
    reason: dev API is public by design
  - rule: AKS-LOG-*
    reason: logs go to the SIEM
    expires: 2026-01-31
  - rule: AKS-IAM-02
    reason: fixed long ago
`)
	findings := []rules.Finding{
		finding("AKS-NET-01", rules.Failed, rules.Critical, devID, "aks-dev"),
		finding("AKS-NET-01", rules.Failed, rules.Critical, prodID, "aks-prod"),
		finding("AKS-LOG-01", rules.Unknown, rules.High, prodID, "aks-prod"),
		finding("AKS-IAM-02", rules.Passed, rules.High, prodID, "aks-prod"),
	}
	tests := []struct {
		name       string
		now        string
		suppressed []string // SuppressedBy per finding, "" when not suppressed
		notes      []report.IgnoreNote
	}{
		{
			name:       "before expiry",
			now:        "2026-01-31T18:00:00Z",
			suppressed: []string{"ignore at .aksguard.yaml:2: dev API is public by design", "", "ignore at .aksguard.yaml:5: logs go to the SIEM", ""},
			notes: []report.IgnoreNote{
				{Rule: "AKS-IAM-02", Reason: "fixed long ago", Status: StatusStale, Where: ".aksguard.yaml:8"},
			},
		},
		{
			name:       "after expiry",
			now:        "2026-02-01T00:00:00Z",
			suppressed: []string{"ignore at .aksguard.yaml:2: dev API is public by design", "", "", ""},
			notes: []report.IgnoreNote{
				{Rule: "AKS-LOG-*", Reason: "logs go to the SIEM", Status: StatusExpired, Where: ".aksguard.yaml:5"},
				{Rule: "AKS-IAM-02", Reason: "fixed long ago", Status: StatusStale, Where: ".aksguard.yaml:8"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now, _ := time.Parse(time.RFC3339, tt.now)
			res := Apply(findings, &estate.Estate{}, Options{Ignores: ignores, Now: func() time.Time { return now }})
			var got []string
			for _, f := range res.Findings {
				if f.Suppressed != (f.SuppressedBy != "") {
					t.Errorf("%s on %s: Suppressed %v but SuppressedBy %q", f.Rule, f.Resource.Name, f.Suppressed, f.SuppressedBy)
				}
				got = append(got, f.SuppressedBy)
			}
			if diff := cmp.Diff(tt.suppressed, got); diff != "" {
				t.Errorf("SuppressedBy (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.notes, res.Notes); diff != "" {
				t.Errorf("notes (-want +got):\n%s", diff)
			}
			if findings[0].Suppressed {
				t.Error("Apply modified its input")
			}
		})
	}
}

func TestApplyInlineIgnores(t *testing.T) {
	loc := func(line int) estate.Loc { return estate.Loc{File: "aks.json", Line: line} }
	e := &estate.Estate{Clusters: []*estate.Cluster{
		{Meta: estate.Meta{ID: devID, Name: "aks-dev", Loc: loc(3), Ignores: []estate.InlineIgnore{
			{Rule: "AKS-NET-01", Reason: "public by design", Loc: loc(4)},
			{Rule: "AKS-NET-05", Loc: loc(5)}, // no reason: not honoured
			{Rule: "AKS-EXT-01", Reason: "no longer needed", Loc: loc(6)},
		}}},
		{Meta: estate.Meta{ID: prodID, Name: "aks-prod", Loc: loc(20)}},
	}}
	findings := []rules.Finding{
		finding("AKS-NET-01", rules.Failed, rules.Critical, devID, "aks-dev"),
		finding("AKS-NET-01", rules.Failed, rules.Critical, prodID, "aks-prod"),
		finding("AKS-NET-05", rules.Failed, rules.High, devID, "aks-dev"),
		finding("AKS-EXT-01", rules.Passed, rules.Low, devID, "aks-dev"),
	}
	res := Apply(findings, e, Options{})
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.SuppressedBy)
	}
	want := []string{"inline ignore at aks.json:4: public by design", "", "", ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SuppressedBy (-want +got):\n%s", diff)
	}
	wantNotes := []report.IgnoreNote{{Rule: "AKS-EXT-01", Resource: devID, Reason: "no longer needed", Status: StatusStale, Where: "aks.json:6"}}
	if diff := cmp.Diff(wantNotes, res.Notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	wantDiags := source.Diagnostics{source.Warnf("aks.json", 5, "inline ignore of AKS-NET-05 has no reason: not honoured")}
	if diff := cmp.Diff(wantDiags, res.Diagnostics); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestExitCode(t *testing.T) {
	fail := func(sev rules.Severity) rules.Finding { return finding("AKS-X-01", rules.Failed, sev, prodID, "p") }
	unknown := func(sev rules.Severity) rules.Finding { return finding("AKS-X-02", rules.Unknown, sev, prodID, "p") }
	manual := finding("AKS-NET-10", rules.Manual, rules.Critical, prodID, "p")
	suppressed := fail(rules.Critical)
	suppressed.Suppressed = true
	withBaseline := func(f rules.Finding, state string) rules.Finding { f.Baseline = state; return f }
	readErr := source.Diagnostics{source.Errorf("bad.json", 3, "invalid JSON")}
	warning := source.Diagnostics{source.Warnf("x.json", 1, "skipped")}
	tests := []struct {
		name          string
		findings      []rules.Finding
		diags         source.Diagnostics
		failOn        string
		failOnUnknown bool
		want          int
	}{
		{"nothing", nil, nil, "high", false, ExitOK},
		{"fail at threshold", []rules.Finding{fail(rules.High)}, nil, "high", false, ExitFindings},
		{"fail above threshold", []rules.Finding{fail(rules.Critical)}, nil, "high", false, ExitFindings},
		{"fail below threshold", []rules.Finding{fail(rules.Medium)}, nil, "high", false, ExitOK},
		{"lower threshold", []rules.Finding{fail(rules.Medium)}, nil, "medium", false, ExitFindings},
		{"info never fails", []rules.Finding{fail(rules.Info)}, nil, "low", false, ExitOK},
		{"none never fails", []rules.Finding{fail(rules.Critical)}, nil, "none", false, ExitOK},
		{"suppressed does not fail", []rules.Finding{suppressed}, nil, "low", false, ExitOK},
		{"unknown does not fail by default", []rules.Finding{unknown(rules.Critical)}, nil, "low", false, ExitOK},
		{"unknown fails when asked", []rules.Finding{unknown(rules.Critical)}, nil, "high", true, ExitFindings},
		{"unknown below threshold", []rules.Finding{unknown(rules.Medium)}, nil, "high", true, ExitOK},
		{"manual never fails", []rules.Finding{manual}, nil, "low", true, ExitOK},
		{"fail the baseline held does not fail", []rules.Finding{withBaseline(fail(rules.Critical), rules.BaselineUnchanged)}, nil, "high", false, ExitOK},
		{"unknown the baseline held does not fail", []rules.Finding{withBaseline(unknown(rules.Critical), rules.BaselineUnchanged)}, nil, "high", true, ExitOK},
		{"new fail since the baseline fails", []rules.Finding{withBaseline(fail(rules.High), rules.BaselineUnchanged), withBaseline(fail(rules.High), rules.BaselineNew)}, nil, "high", false, ExitFindings},
		{"read error", nil, readErr, "high", false, ExitError},
		{"read error wins over findings", []rules.Finding{fail(rules.Critical)}, readErr, "high", false, ExitError},
		{"read error with --fail-on none", nil, readErr, "none", false, ExitError},
		{"warnings do not fail", nil, warning, "high", false, ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			failOn, err := ParseFailOn(tt.failOn)
			if err != nil {
				t.Fatal(err)
			}
			if got := ExitCode(tt.findings, tt.diags, failOn, tt.failOnUnknown); got != tt.want {
				t.Errorf("ExitCode = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestParseFailOn(t *testing.T) {
	for in, want := range map[string]FailOn{"low": FailOn(rules.Low), "HIGH": FailOn(rules.High), "critical": FailOn(rules.Critical), "none": 0} {
		if got, err := ParseFailOn(in); err != nil || got != want {
			t.Errorf("ParseFailOn(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"info", "severe", ""} {
		if _, err := ParseFailOn(bad); err == nil {
			t.Errorf("ParseFailOn(%q): no error", bad)
		}
	}
	if DefaultFailOn.String() != "high" {
		t.Errorf("default --fail-on is %s, want high", DefaultFailOn)
	}
}

// TestApplyLeavesInputAlone: the caller's findings are never modified, also
// when an ignore suppresses one of them.
func TestApplyLeavesInputAlone(t *testing.T) {
	ignores := cfgIgnores(t, "ignores:\n  - rule: AKS-NET-01\n    resource: \"*aks-dev\"\n    reason: dev API is public by design\n")
	in := []rules.Finding{
		finding("AKS-NET-01", rules.Failed, rules.Critical, prodID, "aks-prod"),
		finding("AKS-NET-01", rules.Failed, rules.Critical, devID, "aks-dev"),
	}
	before := append([]rules.Finding(nil), in...)
	res := Apply(in, &estate.Estate{}, Options{Ignores: ignores})
	if diff := cmp.Diff(before, in); diff != "" {
		t.Errorf("input modified (-before +after):\n%s", diff)
	}
	if res.Findings[0].Suppressed || !res.Findings[1].Suppressed {
		t.Errorf("suppressed = %v, %v; want only aks-dev's", res.Findings[0].Suppressed, res.Findings[1].Suppressed)
	}
	// Nothing to suppress: the same findings come back.
	if res := Apply(before, &estate.Estate{}, Options{}); len(res.Findings) != 2 || res.Findings[1].Suppressed {
		t.Errorf("without ignores: %+v", res.Findings)
	}
}
