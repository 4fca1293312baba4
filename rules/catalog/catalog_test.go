package catalog

import (
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/aksguard/aksguard/rules"
)

var idPattern = regexp.MustCompile(`^AKS-(IAM|NET|LOG|IMG|DEF|EXT)-\d{2}$`)

// TestCatalogIsWellFormed validates the catalog the way analysis.Validate
// validates analyzers: unique well-formed IDs, documentation, a check and a
// fix for every rule.
func TestCatalogIsWellFormed(t *testing.T) {
	seen := make(map[string]bool)
	for _, r := range All() {
		if !idPattern.MatchString(r.ID) || seen[r.ID] {
			t.Errorf("%q: malformed or duplicate ID", r.ID)
		}
		seen[r.ID] = true
		if r.Title == "" || r.Doc == "" || r.Practice == "" || r.Check == nil || r.Severity == 0 || r.Section == "" {
			t.Errorf("%s: needs a title, practice, doc, severity, section and check", r.ID)
		}
		if r.Fix == (rules.Fix{}) {
			t.Errorf("%s: has no remediation", r.ID)
		}
		if ByID(r.ID) != r {
			t.Errorf("ByID(%s) does not find it", r.ID)
		}
	}
}

// TestCatalogCoversRULES checks that every rule ID RULES.md names is in the
// catalog, and nothing else.
func TestCatalogCoversRULES(t *testing.T) {
	doc, err := os.ReadFile("../../../shared/RULES.md")
	if err != nil {
		t.Skipf("RULES.md not beside the checkout: %v", err)
	}
	want := regexp.MustCompile(`AKS-[A-Z]{3}-\d{2}`).FindAllString(string(doc), -1)
	slices.Sort(want)
	want = slices.Compact(want)
	var got []string
	for _, r := range All() {
		got = append(got, r.ID)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("catalog IDs %v\nRULES.md IDs %v", got, want)
	}
}
