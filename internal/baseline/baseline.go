// Package baseline compares a scan with an earlier one, so that a team can
// adopt aksguard on an estate with known problems and fail only on what is
// new: `aksguard scan --baseline previous.json` and `aksguard diff`.
//
// A finding's identity across scans is its rule and its resource, compared
// case-insensitively, never its line: moving a resource within a file, or
// reformatting the file, changes nothing. When one rule reports several
// findings on one resource, findings with the same evidence are paired
// first, then the rest by count.
package baseline

import (
	"strings"

	"github.com/aksguard/aksguard/rules"
)

// Key is the identity of a finding across scans.
type Key struct {
	Rule     string // upper case
	Resource string // lower case: Azure resource IDs compare case-insensitively
}

// KeyOf returns the identity of f: its rule and its resource ID, or, for a
// finding whose resource has no ID, the resource's type and name.
func KeyOf(f rules.Finding) Key {
	res := f.Resource.ID
	if res == "" {
		res = f.Resource.Type + "/" + f.Resource.Name
	}
	return Key{Rule: strings.ToUpper(strings.TrimSpace(f.Rule)), Resource: strings.ToLower(strings.TrimSpace(res))}
}

// Result is a scan compared with a baseline.
type Result struct {
	// Findings are the current findings, in their order, each fail and
	// unknown one marked rules.BaselineNew or rules.BaselineUnchanged.
	// Passes and manual findings are not marked: they cannot fail a run.
	Findings []rules.Finding
	// Fixed are the baseline's failed findings that now pass or are gone,
	// in the baseline's order, marked rules.BaselineFixed.
	Fixed []rules.Finding
}

// Counts tallies a comparison.
type Counts struct {
	New, Unchanged, Fixed int
}

// Counts counts the new and unchanged findings and the fixed ones.
func (r Result) Counts() Counts {
	c := Counts{Fixed: len(r.Fixed)}
	for _, f := range r.Findings {
		switch f.Baseline {
		case rules.BaselineNew:
			c.New++
		case rules.BaselineUnchanged:
			c.Unchanged++
		}
	}
	return c
}

// Compare marks the current findings against the baseline's. A current
// failure is unchanged when the baseline failed the same rule on the same
// resource; a current unknown is unchanged when the baseline had the rule
// unknown, or failing, on the resource (an unknown where a failure was is
// not a new problem, nor a fixed one). Everything else that fails or is
// unknown is new. The baseline's failures left unpaired are fixed. Neither
// slice is modified; suppression plays no part (an ignore decides what fails
// a run, not what the estate holds).
func Compare(baseline, current []rules.Finding) Result {
	out := Result{Findings: make([]rules.Finding, len(current))}
	copy(out.Findings, current)
	for i := range out.Findings {
		out.Findings[i].Baseline = "" // a report may itself have been compared
	}

	// The baseline's failures and unknowns not yet paired, by key.
	open := make(map[Key][]int)
	for i, f := range baseline {
		if f.Verdict == rules.Failed || f.Verdict == rules.Unknown {
			k := KeyOf(f)
			open[k] = append(open[k], i)
		}
	}
	take := func(k Key, v rules.Verdict, evidence *string) bool {
		list := open[k]
		for j, i := range list {
			if baseline[i].Verdict == v && (evidence == nil || baseline[i].Evidence == *evidence) {
				open[k] = append(list[:j:j], list[j+1:]...)
				return true
			}
		}
		return false
	}
	// Stages, strictest first, so that pairing does not depend on the
	// order findings come in: same verdict and evidence, then same
	// verdict, then an unknown where the baseline failed.
	stages := []struct {
		now, was     rules.Verdict
		sameEvidence bool
	}{
		{rules.Failed, rules.Failed, true},
		{rules.Failed, rules.Failed, false},
		{rules.Unknown, rules.Unknown, true},
		{rules.Unknown, rules.Unknown, false},
		{rules.Unknown, rules.Failed, false},
	}
	for _, s := range stages {
		for i := range out.Findings {
			f := &out.Findings[i]
			if f.Verdict != s.now || f.Baseline != "" {
				continue
			}
			var ev *string
			if s.sameEvidence {
				ev = &f.Evidence
			}
			if take(KeyOf(*f), s.was, ev) {
				f.Baseline = rules.BaselineUnchanged
			}
		}
	}
	for i := range out.Findings {
		f := &out.Findings[i]
		if (f.Verdict == rules.Failed || f.Verdict == rules.Unknown) && f.Baseline == "" {
			f.Baseline = rules.BaselineNew
		}
	}

	fixed := make(map[int]bool)
	for _, list := range open {
		for _, i := range list {
			if baseline[i].Verdict == rules.Failed {
				fixed[i] = true
			}
		}
	}
	for i, f := range baseline {
		if fixed[i] {
			f.Baseline = rules.BaselineFixed
			out.Fixed = append(out.Fixed, f)
		}
	}
	return out
}
