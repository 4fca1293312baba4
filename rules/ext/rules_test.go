package ext

import (
	"regexp"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/rules"
)

// TestRulesAreWellFormed checks what the catalog and the reports rely on:
// IDs, titles, severities, the section, documentation, a fix for every source
// kind each rule applies to, and a check.
func TestRulesAreWellFormed(t *testing.T) {
	tests := []struct {
		rule *rules.Rule
		id   string
		sev  rules.Severity
	}{
		{EXT01, "AKS-EXT-01", rules.High},
		{EXT02, "AKS-EXT-02", rules.Medium},
		{EXT03, "AKS-EXT-03", rules.Low},
		{EXT04, "AKS-EXT-04", rules.Medium},
		{EXT05, "AKS-EXT-05", rules.Medium},
	}
	idPattern := regexp.MustCompile(`^AKS-EXT-\d{2}$`)
	for _, tc := range tests {
		r := tc.rule
		t.Run(tc.id, func(t *testing.T) {
			if r.ID != tc.id || !idPattern.MatchString(r.ID) {
				t.Errorf("ID = %q, want %q", r.ID, tc.id)
			}
			if r.Severity != tc.sev {
				t.Errorf("Severity = %v, want %v", r.Severity, tc.sev)
			}
			if r.Section != rules.Extra {
				t.Errorf("Section = %q, want %q", r.Section, rules.Extra)
			}
			if r.Title == "" || strings.HasSuffix(r.Title, ".") {
				t.Errorf("Title %q: want one line without a final period", r.Title)
			}
			if r.Practice == "" || len(r.Doc) < 200 {
				t.Errorf("Practice and Doc must say what the practice is and why (Doc is %d bytes)", len(r.Doc))
			}
			if r.Fix.CLI == "" || r.Fix.Terraform == "" || r.Fix.ARM == "" {
				t.Errorf("Fix needs CLI, Terraform and ARM: %+v", r.Fix)
			}
			if !strings.HasPrefix(r.Fix.CLI, "az ") {
				t.Errorf("Fix.CLI %q is not an az command", r.Fix.CLI)
			}
			if r.Check == nil {
				t.Error("Check is nil")
			}
		})
	}
}
