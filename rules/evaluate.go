package rules

import (
	"cmp"
	"context"
	"slices"

	"github.com/aksguard/aksguard/estate"
)

// Evaluate runs the rules over the estate and returns their findings, sorted
// by severity (highest first), rule ID, resource ID and location. Rules are
// pure and fast, so they run one after the other; ctx stops the run between
// rules.
func Evaluate(ctx context.Context, e *estate.Estate, cfg Config, rs []*Rule) ([]Finding, error) {
	e.Link()
	var out []Finding
	for _, r := range rs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p := NewPass(r, e, cfg)
		r.Check(p)
		out = append(out, p.out...)
	}
	Sort(out)
	return out, nil
}

// Sort orders findings deterministically: severity
// (highest first), rule ID, resource ID, file and line.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(b.Severity, a.Severity),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Resource.ID, b.Resource.ID),
			cmp.Compare(a.Location.File, b.Location.File),
			cmp.Compare(a.Location.Line, b.Location.Line),
			cmp.Compare(a.Verdict, b.Verdict),
			cmp.Compare(a.Evidence, b.Evidence),
		)
	})
}
