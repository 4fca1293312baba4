package rules

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/aksguard/aksguard/estate"
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

// TestEvaluate: rules run concurrently, but the findings are those of
// every rule, in the documented order whatever the rules' timing, and a
// rule that panics panics the caller (which reports it as a bug).
func TestEvaluate(t *testing.T) {
	e := &estate.Estate{}
	for i := range 50 {
		e.Clusters = append(e.Clusters, &estate.Cluster{Meta: estate.Meta{ID: estate.ResourceID(fmt.Sprintf("/c/%02d", i))}})
	}
	var rs []*Rule
	for i := range 20 {
		rs = append(rs, &Rule{ID: fmt.Sprintf("AKS-T-%02d", i), Severity: Severity(i % 3), Check: func(p *Pass) {
			for _, c := range slices.Backward(p.Estate.Clusters) {
				p.Failf(c, estate.Loc{}, "checked %s", c.ID)
			}
		}})
	}
	fs, err := Evaluate(context.Background(), e, DefaultConfig(), rs)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 50*20 {
		t.Fatalf("%d findings, want %d", len(fs), 50*20)
	}
	if !slices.IsSortedFunc(fs, func(a, b Finding) int { return compareFindings(&a, &b) }) {
		t.Error("findings not in the documented order")
	}

	rs = append(rs, &Rule{ID: "AKS-T-PANIC", Check: func(*Pass) { panic("boom") }})
	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v, want the rule's panic", r)
		}
	}()
	Evaluate(context.Background(), e, DefaultConfig(), rs)
	t.Error("no panic")
}

// TestPassFindingsInOrder: a pass reporting more findings than a chunk
// gives them all back in the order reported.
func TestPassFindingsInOrder(t *testing.T) {
	c := &estate.Cluster{Meta: estate.Meta{ID: "/c"}}
	p := NewPass(&Rule{ID: "AKS-T-01"}, &estate.Estate{Clusters: []*estate.Cluster{c}}, DefaultConfig())
	const n = 2*findingsChunk + 7
	for i := range n {
		p.Passf(c, estate.Loc{}, "%d", i)
	}
	fs := p.Findings()
	if len(fs) != n {
		t.Fatalf("%d findings, want %d", len(fs), n)
	}
	for i, f := range fs {
		if f.Evidence != fmt.Sprint(i) {
			t.Fatalf("finding %d has evidence %q", i, f.Evidence)
		}
	}
}
