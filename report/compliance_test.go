package report_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
	catalogpkg "github.com/aksguard/aksguard/rules/catalog"
)

func TestCompliance(t *testing.T) {
	got := report.Compliance(fixture().Findings, catalog())
	want := []report.PracticeSummary{
		{Section: rules.IAM, Practice: "Use Entra ID for cluster authentication", Rules: []string{"AKS-IAM-01"},
			Status: "unknown", Summary: report.Summary{Unknown: 1}},
		{Section: rules.IAM, Practice: "Local accounts are disabled", Rules: []string{"AKS-IAM-02"},
			Status: "pass", Summary: report.Summary{Pass: 2}},
		{Section: rules.IAM, Practice: "Customer-managed keys encrypt etcd secrets and disks", Rules: []string{"AKS-IAM-09"},
			Status: "fail", Summary: report.Summary{Fail: 1}},
		{Section: rules.Network, Practice: "The API server is not open to the internet", Rules: []string{"AKS-NET-01"},
			Status: "fail", Summary: report.Summary{Fail: 1}},
		{Section: rules.Network, Practice: "A network policy engine is enabled", Rules: []string{"AKS-NET-05"},
			Status: "suppressed", Suppressed: 1},
		{Section: rules.Network, Practice: "SSH to nodes is blocked except from the AKS subnets", Rules: []string{"AKS-NET-06"},
			Status: "fail", Summary: report.Summary{Fail: 1}},
		{Section: rules.Compliance, Practice: "Workloads run only trusted images", Rules: []string{"AKS-IMG-01"},
			Status: "fail", Summary: report.Summary{Fail: 1}},
		// Not in the catalog: described by its finding, in its section.
		{Section: rules.Compliance, Practice: "Images are scanned and kept fresh", Rules: []string{"AKS-IMG-05"},
			Status: "manual", Summary: report.Summary{Manual: 1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compliance (-want +got):\n%s", diff)
	}
}

// Practices of rules no finding names are listed as not assessed; rules
// that share a practice are one entry whose status is the worst.
func TestComplianceCoverage(t *testing.T) {
	cat := []*rules.Rule{
		{ID: "AKS-LOG-01", Title: "Audit logs", Section: rules.Audit, Practice: "Audit logs are collected"},
		{ID: "AKS-NET-03", Title: "TLS in front", Section: rules.Network, Practice: "TLS 1.2"},
		{ID: "AKS-NET-10", Title: "TLS to the API", Section: rules.Network, Practice: "TLS 1.2"},
		{ID: "AKS-IAM-01", Title: "Entra ID", Section: rules.IAM, Practice: "Entra ID"},
	}
	fs := []rules.Finding{
		{Rule: "AKS-NET-03", Verdict: rules.Passed, Section: rules.Network},
		{Rule: "AKS-NET-10", Verdict: rules.Manual, Section: rules.Network},
	}
	got := report.Compliance(fs, cat)
	want := []report.PracticeSummary{
		{Section: rules.IAM, Practice: "Entra ID", Rules: []string{"AKS-IAM-01"}, Status: "not-assessed"},
		{Section: rules.Network, Practice: "TLS 1.2", Rules: []string{"AKS-NET-03", "AKS-NET-10"}, Status: "manual",
			Summary: report.Summary{Pass: 1, Manual: 1}},
		{Section: rules.Audit, Practice: "Audit logs are collected", Rules: []string{"AKS-LOG-01"}, Status: "not-assessed"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compliance (-want +got):\n%s", diff)
	}
}

// Over the real catalog, every rule is accounted for exactly once, in the
// brief's order of sections, so an auditor sees all of the brief.
func TestComplianceCatalog(t *testing.T) {
	all := catalogpkg.All()
	ps := report.Compliance(nil, all)
	seen := map[string]int{}
	order := map[rules.Section]int{rules.IAM: 0, rules.Network: 1, rules.Audit: 2, rules.Compliance: 3, rules.Extra: 4}
	last := -1
	for _, p := range ps {
		if p.Status != report.StatusNotAssessed || p.Practice == "" {
			t.Errorf("practice %+v: want a text and not-assessed without findings", p)
		}
		if order[p.Section] < last {
			t.Errorf("section %s after a later section of the brief", p.Section)
		}
		last = order[p.Section]
		for _, id := range p.Rules {
			seen[id]++
		}
	}
	for _, r := range all {
		if seen[r.ID] != 1 {
			t.Errorf("%s appears in %d practices; want 1", r.ID, seen[r.ID])
		}
	}
}

// The practices' counts add up to the report's summary: the compliance view
// and the counts never disagree.
func TestComplianceAddsUp(t *testing.T) {
	r := fixture()
	var sum report.Summary
	for _, p := range report.Compliance(r.Findings, catalog()) {
		sum.Pass += p.Summary.Pass
		sum.Fail += p.Summary.Fail
		sum.Unknown += p.Summary.Unknown
		sum.Manual += p.Summary.Manual
	}
	if sum != r.Summary {
		t.Errorf("practices add up to %+v; summary is %+v", sum, r.Summary)
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		s    report.Summary
		want int
		ok   bool
	}{
		{report.Summary{}, 0, false},
		{report.Summary{Manual: 3}, 0, false},
		{report.Summary{Pass: 3}, 100, true},
		{report.Summary{Pass: 2, Fail: 1}, 66, true},
		{report.Summary{Pass: 199, Unknown: 1}, 99, true}, // never rounds up to a perfect score
		{report.Summary{Pass: 1, Fail: 1, Unknown: 2, Manual: 10}, 25, true},
	}
	for _, tt := range tests {
		got, ok := tt.s.Score()
		if got != tt.want || ok != tt.ok {
			t.Errorf("%+v.Score() = %d, %v; want %d, %v", tt.s, got, ok, tt.want, tt.ok)
		}
	}
}

// The JSON report holds the compliance view when the caller fills it, and
// leaves the contract's other fields as they were when it does not.
func TestJSONPractices(t *testing.T) {
	r := fixture()
	if strings.Contains(string(render(t, report.JSON, r, report.Options{Rules: catalog()})), `"practices"`) {
		t.Error("practices written though the report holds none")
	}
	r.Practices = report.Compliance(r.Findings, catalog())
	var back report.Report
	if err := json.Unmarshal(render(t, report.JSON, r, report.Options{}), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r.Practices, back.Practices); diff != "" {
		t.Errorf("practices round trip (-want +got):\n%s", diff)
	}
}

// The table grouped by section lists every practice of each section, those
// no input could assess included, and still fits the terminal.
func TestTableGroupBySection(t *testing.T) {
	cat := append(catalog(), &rules.Rule{ID: "AKS-LOG-01", Title: "Audit logs are collected", Section: rules.Audit,
		Practice: "The Kubernetes API server's audit log is collected outside the cluster, so that every change can be traced"})
	for _, width := range []int{100, 60, 40} {
		out := string(render(t, report.Table, fixture(), report.Options{GroupBySection: true, Rules: cat, Width: width}))
		for i, line := range strings.Split(out, "\n") {
			if n := len([]rune(line)); n > width {
				t.Errorf("width %d: line %d has %d columns: %q", width, i+1, n, line)
			}
		}
		if width < 100 {
			continue
		}
		for _, want := range []string{
			"IAM: 1 failed, 2 passed, 1 unknown, 0 manual\n",
			"Network: 2 failed, 0 passed, 0 unknown, 0 manual, 1 suppressed\n",
			"Audit and monitoring: 0 failed, 0 passed, 0 unknown, 0 manual\n  NOT-ASSESSED  The Kubernetes API server's audit log",
			"  SUPPRESSED    A network policy engine is enabled (AKS-NET-05)",
			"  MANUAL        Images are scanned and kept fresh (AKS-IMG-05)",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("grouped table lacks %q:\n%s", want, out)
			}
		}
		if strings.Index(out, "AKS-NET-01  The API server") < strings.Index(out, "Network:") {
			t.Error("a network finding is listed before its section")
		}
	}
}

// SARIF places each rule in the brief and carries the whole compliance view.
func TestSARIFPractices(t *testing.T) {
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string
						Properties struct{ Section, Practice string }
					}
				}
			}
			Properties struct{ Practices []report.PracticeSummary }
		}
	}
	if err := json.Unmarshal(render(t, report.SARIF, fixture(), report.Options{Rules: catalog()}), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	for _, r := range run.Tool.Driver.Rules {
		if r.Properties.Section == "" || r.Properties.Practice == "" {
			t.Errorf("rule %s has no section or practice: %+v", r.ID, r.Properties)
		}
	}
	if diff := cmp.Diff(report.Compliance(fixture().Findings, catalog()), run.Properties.Practices); diff != "" {
		t.Errorf("run practices (-want +got):\n%s", diff)
	}
}
