package rules

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestSort: the order is the documented one (severity first, highest
// first, then rule, resource, file, line, verdict, evidence), and findings
// that compare equal keep their order, as a stable sort of the findings
// themselves would.
func TestSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	fs := make([]Finding, 2000)
	for i := range fs {
		fs[i] = Finding{
			Rule:     fmt.Sprintf("AKS-NET-%02d", r.IntN(3)),
			Severity: Severity(r.IntN(3)),
			Verdict:  Verdict(r.IntN(2)),
			Resource: ResourceRef{ID: fmt.Sprintf("/x/%d", r.IntN(4))},
			Location: Location{File: fmt.Sprintf("f%d.tf", r.IntN(2)), Line: r.IntN(3)},
			Evidence: fmt.Sprintf("e%d", r.IntN(2)),
			Title:    fmt.Sprint(i), // tells equal findings apart
		}
	}
	want := slices.Clone(fs)
	slices.SortStableFunc(want, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(b.Severity, a.Severity), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Resource.ID, b.Resource.ID),
			cmp.Compare(a.Location.File, b.Location.File), cmp.Compare(a.Location.Line, b.Location.Line),
			cmp.Compare(a.Verdict, b.Verdict), cmp.Compare(a.Evidence, b.Evidence))
	})
	Sort(fs)
	if diff := gocmp.Diff(want, fs, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Sort (-want +got):\n%s", diff)
	}
}
