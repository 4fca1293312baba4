package report_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

// No line may be wider than the terminal, and without colour no escape
// sequence may reach it, not even one smuggled in through the evidence.
func TestTableFitsAndIsPlain(t *testing.T) {
	for _, width := range []int{0, 100, 80, 60, 40, 10} {
		for _, all := range []bool{false, true} {
			out := string(render(t, report.Table, fixture(), report.Options{Width: width, ShowAll: all}))
			limit := width
			switch {
			case width == 0:
				limit = 100 // the default
			case width < 40:
				limit = 40 // the narrowest the table renders
			}
			for i, line := range strings.Split(out, "\n") {
				if n := utf8.RuneCountInString(line); n > limit {
					t.Errorf("width %d, all %v: line %d has %d columns:\n%s", width, all, i+1, n, line)
				}
			}
			if strings.ContainsRune(out, '\x1b') {
				t.Errorf("width %d, all %v: escape character in uncoloured output", width, all)
			}
			if limit >= 80 && !strings.Contains(out, `docker.io/evil\x1b[2J/`) {
				t.Errorf("width %d: the injected escape is not shown as visible text", width)
			}
		}
	}
}

func TestTableShows(t *testing.T) {
	tests := []struct {
		name      string
		opts      report.Options
		want, not []string
	}{
		{
			name: "failures only by default",
			want: []string{
				"cluster aks-prod  infra/aks.tf:18", "AKS-NET-01", "fix", "authorized_ip_ranges = [\"203.0.113.0/24\"]",
				"nsg nsg-aks-nodes\n  resource group rg-aks-prod-network, subscription 00000000-0000-0000-0000-000000000000\n", "AKS-NET-06", "AKS-IMG-01", "AKS-IAM-09",
				"Summary: 4 failed, 2 passed, 1 unknown, 1 manual, 1 suppressed",
				"Only failed checks are listed",
				"Errors:", "exports/bad.json:3:7: error: invalid character",
				"infra/variables.tf:40: warning: variable",
				"Ignores:", ".aksguard.yaml:12: AKS-NET-09 on aks-old: stale (reason: decommissioned)",
			},
			not: []string{"PASS", "UNKNOWN", "MANUAL", "AKS-NET-05", "AKS-IAM-02"},
		},
		{
			name: "everything with ShowAll",
			opts: report.Options{ShowAll: true},
			want: []string{
				"PASS", "UNKNOWN", "MANUAL", "AKS-IAM-02", "AKS-IMG-05",
				"AKS-NET-05", "ignored   .aksguard.yaml:7: migrating to Cilium",
				"cluster aks-prod  infra/aks.tf:12", "at        infra/aks.tf:18",
			},
			not: []string{"Only failed checks are listed"},
		},
		{
			name: "colour when asked",
			opts: report.Options{Color: true},
			want: []string{"\x1b[31m\x1b[1mFAIL   \x1b[0m", "\x1b[35m\x1b[1mcritical\x1b[0m"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := string(render(t, report.Table, fixture(), tt.opts))
			for _, s := range tt.want {
				if !strings.Contains(out, s) {
					t.Errorf("table lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(out, s) {
					t.Errorf("table shows %q:\n%s", s, out)
				}
			}
		})
	}
}

// Remediation is shown for failures; an unknown says what was missing, not how
// to fix a problem that may not exist.
func TestTableFixOnlyForFailures(t *testing.T) {
	r := &report.Report{Findings: []rules.Finding{{
		Rule: "AKS-IAM-01", Verdict: rules.Unknown, Severity: rules.High, Title: "Entra ID",
		Resource: rules.ResourceRef{ID: "x", Type: "cluster", Name: "x"}, Evidence: "not determined",
		Remediation: "enable it",
	}}}
	out := string(render(t, report.Table, r, report.Options{ShowAll: true}))
	if strings.Contains(out, "enable it") {
		t.Errorf("unknown finding shows a fix:\n%s", out)
	}
}

func TestTableEmpty(t *testing.T) {
	out := string(render(t, report.Table, &report.Report{}, report.Options{}))
	want := "No failed checks.\nSummary: 0 failed, 0 passed, 0 unknown, 0 manual, 0 suppressed\n"
	if out != want {
		t.Errorf("empty report:\n%q\nwant\n%q", out, want)
	}
}
