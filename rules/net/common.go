package net

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// noneInInputs is the evidence for an absent companion resource: the verdict
// is decided without it, and the finding says so.
const noneInInputs = "none in the scanned inputs"

// outcome gathers the verdicts of the parts (node pools, subnets, protocols)
// that decide one resource, and reports the worst of them: a failing part
// decides the resource, else an undetermined part, else it passes.
type outcome struct {
	fails, unknowns, passes []part
}

// part is the verdict of one part: where it was decided and why.
type part struct {
	at   estate.Loc
	text string
}

func (o *outcome) fail(at estate.Loc, format string, a ...any) {
	o.fails = append(o.fails, part{at, fmt.Sprintf(format, a...)})
}

func (o *outcome) unknown(at estate.Loc, format string, a ...any) {
	o.unknowns = append(o.unknowns, part{at, fmt.Sprintf(format, a...)})
}

func (o *outcome) pass(at estate.Loc, format string, a ...any) {
	o.passes = append(o.passes, part{at, fmt.Sprintf(format, a...)})
}

// verdict is the resource's verdict; ok is false when no part was recorded.
func (o *outcome) verdict() (v rules.Verdict, ok bool) {
	switch {
	case len(o.fails) > 0:
		return rules.Failed, true
	case len(o.unknowns) > 0:
		return rules.Unknown, true
	case len(o.passes) > 0:
		return rules.Passed, true
	}
	return 0, false
}

// report records the resource's finding. A failure lists the failing parts
// first and then the undetermined ones, so that fixing the first does not
// hide the second; a pass lists every part that was checked. With no part at
// all the verdict is unknown, with the reason empty.
func (o *outcome) report(p *rules.Pass, res estate.Resource, empty string) {
	v, ok := o.verdict()
	if !ok {
		p.Unknownf(res, estate.Loc{}, "%s", empty)
		return
	}
	var parts []part
	switch v {
	case rules.Failed:
		parts = append(append(parts, o.fails...), o.unknowns...)
	case rules.Unknown:
		parts = o.unknowns
	default:
		parts = o.passes
	}
	texts := make([]string, len(parts))
	for i, x := range parts {
		texts[i] = x.text
	}
	p.Report(res, v, parts[0].at, strings.Join(texts, "; "))
}

// poolName names a node pool in evidence.
func poolName(np *estate.NodePool) string {
	if np.Name != "" {
		return np.Name
	}
	if n := np.ID.Name(); n != "" {
		return n
	}
	return "(unnamed)"
}

// resName names any resource in evidence: its name, else the last segment of
// its ID.
func resName(m *estate.Meta) string {
	if m.Name != "" {
		return m.Name
	}
	return m.ID.Name()
}

// allPools returns every node pool of the estate once: the pools of each
// cluster (inline and linked) and the separately declared pools whose cluster
// is not in the inputs.
func allPools(e *estate.Estate) []*estate.NodePool {
	var out []*estate.NodePool
	seen := make(map[string]bool)
	add := func(np *estate.NodePool) {
		k := np.ID.Key()
		if k != "" && seen[k] {
			return
		}
		seen[k] = true
		out = append(out, np)
	}
	for _, c := range e.Clusters {
		for _, np := range c.NodePools {
			add(np)
		}
	}
	for _, np := range e.NodePools {
		add(np)
	}
	return out
}

// locOr returns at when it names a place, else the fallback resource's
// location with at's property path: adapters locate defaulted values, but a
// rule should still point at the resource that lacks them.
func locOr(at estate.Loc, fallback estate.Loc) estate.Loc {
	if at.File != "" || at.Resource != "" {
		return at
	}
	return fallback.At(at.Path)
}
