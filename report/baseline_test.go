package report_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

// baselineFixture is the fixture compared with an earlier report: the
// NSG's SSH failure was there already, the rest is new, and a failure of
// AKS-NET-08 on the cluster has been fixed since.
func baselineFixture() *report.Report {
	r := fixture()
	for i := range r.Findings {
		f := &r.Findings[i]
		switch {
		case f.Verdict != rules.Failed && f.Verdict != rules.Unknown:
		case f.Rule == "AKS-NET-06":
			f.Baseline = rules.BaselineUnchanged
		default:
			f.Baseline = rules.BaselineNew
		}
	}
	r.Fixed = []rules.Finding{{
		Rule: "AKS-NET-08", Verdict: rules.Failed, Severity: rules.High, Section: rules.Network,
		Title:    "The HTTP application routing add-on is disabled",
		Resource: rules.ResourceRef{ID: "azurerm_kubernetes_cluster.main", Type: "cluster", Name: "aks-prod"},
		Location: rules.Location{File: "infra/aks.tf", Line: 30}, Evidence: "http_application_routing_enabled = true",
		Baseline: rules.BaselineFixed,
	}}
	r.Baseline = &report.BaselineSummary{File: "previous.json", New: 5, Unchanged: 1, Fixed: 1}
	return r
}

func TestBaselineGolden(t *testing.T) {
	tests := []struct {
		golden string
		format report.Format
		opts   report.Options
	}{
		{"report.table-baseline.golden", report.Table, report.Options{}},
		{"report.table-baseline-all.golden", report.Table, report.Options{ShowAll: true}},
		{"report.md-baseline.golden", report.Markdown, report.Options{Rules: catalog()}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			golden(t, tt.golden, render(t, tt.format, baselineFixture(), tt.opts))
		})
	}
}

// TestBaselineViews checks what a team reading a compared report relies on,
// in each format that shows the comparison.
func TestBaselineViews(t *testing.T) {
	table := string(render(t, report.Table, baselineFixture(), report.Options{}))
	for _, want := range []string{
		"AKS-NET-01", "new: not in the baseline report",
		"Since the baseline previous.json: 5 new, 1 unchanged, 1 fixed.",
		"Fixed since the baseline", "AKS-NET-08 The HTTP application routing add-on is disabled, on cluster aks-prod",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	if strings.Contains(table, "AKS-NET-06") {
		t.Errorf("the table lists a failure the baseline held:\n%s", table)
	}
	all := string(render(t, report.Table, baselineFixture(), report.Options{ShowAll: true}))
	if !strings.Contains(all, "AKS-NET-06") || !strings.Contains(all, "unchanged: the baseline report holds it too") {
		t.Errorf("--show all does not list the unchanged failure:\n%s", all)
	}

	var js struct {
		Findings []struct{ Rule, Verdict, Baseline string }
		Fixed    []struct{ Rule, Baseline string }
		Baseline *report.BaselineSummary
	}
	if err := json.Unmarshal(render(t, report.JSON, baselineFixture(), report.Options{}), &js); err != nil {
		t.Fatal(err)
	}
	for _, f := range js.Findings {
		want := map[string]string{"fail": "new", "unknown": "new"}[f.Verdict]
		if f.Rule == "AKS-NET-06" {
			want = "unchanged"
		}
		if f.Baseline != want {
			t.Errorf("JSON %s %s: baseline %q, want %q", f.Rule, f.Verdict, f.Baseline, want)
		}
	}
	if len(js.Fixed) != 1 || js.Fixed[0].Baseline != "fixed" || js.Baseline == nil || js.Baseline.File != "previous.json" {
		t.Errorf("JSON fixed %+v, baseline %+v", js.Fixed, js.Baseline)
	}
	// Without a baseline the contract is as it was: no new keys.
	plain := string(render(t, report.JSON, fixture(), report.Options{}))
	for _, key := range []string{`"baseline"`, `"fixed"`} {
		if strings.Contains(plain, key) {
			t.Errorf("JSON without a baseline holds %s", key)
		}
	}

	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID        string `json:"ruleId"`
				BaselineState string `json:"baselineState"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, report.SARIF, baselineFixture(), report.Options{Rules: catalog()}), &sarif); err != nil {
		t.Fatal(err)
	}
	states := map[string]string{}
	for _, r := range sarif.Runs[0].Results {
		states[r.RuleID] = r.BaselineState
	}
	if states["AKS-NET-06"] != "unchanged" || states["AKS-NET-01"] != "new" || states["AKS-IMG-05"] != "" {
		t.Errorf("SARIF baseline states %v", states)
	}
}
