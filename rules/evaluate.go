package rules

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/aksguard/aksguard/estate"
)

// Evaluate runs the rules over the estate and returns their findings, sorted
// by severity (highest first), rule ID, resource ID and location. The rules
// run concurrently (they only read the estate, linked before they start);
// ctx stops the run between rules. A rule that panics panics the caller, as
// if the rules ran in its goroutine.
func Evaluate(ctx context.Context, e *estate.Estate, cfg Config, rs []*Rule) ([]Finding, error) {
	e.Link()
	passes := make([]*Pass, len(rs))
	panics := make([]any, len(rs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(rs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				func() {
					defer func() { panics[i] = recover() }()
					p := NewPass(rs[i], e, cfg)
					rs[i].Check(p)
					passes[i] = p
				}()
			}
		}()
	}
	var err error
	for i := range rs {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
	if err != nil {
		return nil, err
	}
	n := 0
	for _, p := range passes {
		n += p.len()
	}
	out := make([]Finding, 0, n)
	for _, p := range passes {
		out = p.appendTo(out)
	}
	Sort(out)
	return out, nil
}

// Sort orders findings deterministically: severity
// (highest first), rule ID, resource ID, file and line. Findings that
// compare equal keep their order.
func Sort(fs []Finding) {
	if len(fs) < 2 {
		return
	}
	// A finding is a large struct and a scan of a big tree has hundreds of
	// thousands: sort their indexes, then move each finding once.
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		return cmp.Or(compareFindings(&fs[a], &fs[b]), cmp.Compare(a, b))
	})
	permute(fs, idx)
}

func compareFindings(a, b *Finding) int {
	if c := cmp.Compare(b.Severity, a.Severity); c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	if c := strings.Compare(a.Resource.ID, b.Resource.ID); c != 0 {
		return c
	}
	if c := strings.Compare(a.Location.File, b.Location.File); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Location.Line, b.Location.Line); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Verdict, b.Verdict); c != 0 {
		return c
	}
	return strings.Compare(a.Evidence, b.Evidence)
}

// permute puts fs[idx[i]] at i for every i, in place, following the
// permutation's cycles; idx is consumed.
func permute(fs []Finding, idx []int) {
	for i := range fs {
		if idx[i] < 0 {
			continue
		}
		tmp := fs[i]
		j := i
		for {
			k := idx[j]
			idx[j] = -1
			if k == i {
				fs[j] = tmp
				break
			}
			fs[j] = fs[k]
			j = k
		}
	}
}
