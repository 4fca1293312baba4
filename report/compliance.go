package report

import (
	"cmp"
	"slices"

	"github.com/aksguard/aksguard/rules"
)

// PracticeSummary is the compliance view of one practice of the brief: the
// rules that implement it and what their findings say, so that an auditor
// sees every practice accounted for, including those no input could show.
type PracticeSummary struct {
	Section  rules.Section `json:"section"`
	Practice string        `json:"practice"`
	// Rules are the IDs of the rules that implement the practice.
	Rules []string `json:"rules"`
	// Status is the practice's worst unsuppressed verdict: "fail",
	// "unknown", "manual" or "pass"; "suppressed" when every finding is
	// suppressed; "not-assessed" when the inputs hold no resource its rules
	// apply to.
	Status string `json:"status"`
	// Summary counts the practice's unsuppressed findings by verdict.
	Summary Summary `json:"summary"`
	// Suppressed counts the findings an ignore suppressed.
	Suppressed int `json:"suppressed,omitempty"`
}

// Practice statuses beyond the verdicts.
const (
	StatusSuppressed  = "suppressed"
	StatusNotAssessed = "not-assessed"
)

// Compliance maps findings to the practices of the brief they come from. Every
// practice of the catalog is listed, in the catalog's order within the
// brief's order of sections, whether or not a finding names it; rules that
// findings name but the catalog lacks follow, described by their findings.
// A rule with no practice text stands for a practice of its own, named by
// its title.
func Compliance(findings []rules.Finding, catalog []*rules.Rule) []PracticeSummary {
	type key struct {
		section  rules.Section
		practice string
	}
	var out []*PracticeSummary
	index := make(map[key]*PracticeSummary)
	byRule := make(map[string]*PracticeSummary)
	add := func(id string, s rules.Section, practice string) {
		k := key{sectionOf(s), practice}
		p := index[k]
		if p == nil {
			p = &PracticeSummary{Section: k.section, Practice: practice}
			index[k] = p
			out = append(out, p)
		}
		if !slices.Contains(p.Rules, id) {
			p.Rules = append(p.Rules, id)
		}
		byRule[id] = p
	}
	for _, r := range catalog {
		if r == nil || byRule[r.ID] != nil {
			continue
		}
		add(r.ID, r.Section, cmp.Or(r.Practice, r.Title, r.ID))
	}
	var extra []rules.Finding
	for _, f := range findings {
		if byRule[f.Rule] == nil && !slices.ContainsFunc(extra, func(e rules.Finding) bool { return e.Rule == f.Rule }) {
			extra = append(extra, f)
		}
	}
	slices.SortFunc(extra, func(a, b rules.Finding) int { return cmp.Compare(a.Rule, b.Rule) })
	for _, f := range extra {
		add(f.Rule, f.Section, cmp.Or(f.Title, f.Rule))
	}
	for _, f := range findings {
		p := byRule[f.Rule]
		if f.Suppressed {
			p.Suppressed++
			continue
		}
		countVerdict(&p.Summary, f.Verdict)
	}
	// The brief's order of sections; within one, the catalog's order.
	slices.SortStableFunc(out, func(a, b *PracticeSummary) int {
		return compareSections(a.Section, b.Section)
	})
	res := make([]PracticeSummary, len(out))
	for i, p := range out {
		p.Status = practiceStatus(p)
		res[i] = *p
	}
	return res
}

func practiceStatus(p *PracticeSummary) string {
	s := p.Summary
	switch {
	case s.Fail > 0:
		return rules.Failed.String()
	case s.Unknown > 0:
		return rules.Unknown.String()
	case s.Manual > 0:
		return rules.Manual.String()
	case s.Pass > 0:
		return rules.Passed.String()
	case p.Suppressed > 0:
		return StatusSuppressed
	}
	return StatusNotAssessed
}

func countVerdict(s *Summary, v rules.Verdict) {
	switch v {
	case rules.Passed:
		s.Pass++
	case rules.Failed:
		s.Fail++
	case rules.Unknown:
		s.Unknown++
	case rules.Manual:
		s.Manual++
	}
}

// Score is the posture score: the share, in whole percent rounded down, of
// the automated checks that passed. Unknown counts against it, as an unknown
// is never a pass; manual checks are left out, since no input can decide
// them. ok is false when nothing was checked automatically.
func (s Summary) Score() (percent int, ok bool) {
	n := s.Pass + s.Fail + s.Unknown
	if n == 0 {
		return 0, false
	}
	return s.Pass * 100 / n, true
}

// Total is the number of findings the summary counts.
func (s Summary) Total() int { return s.Pass + s.Fail + s.Unknown + s.Manual }

// sectionInfo describes the sections of the brief, in its order.
var sectionInfo = []struct {
	section rules.Section
	label   string
}{
	{rules.IAM, "IAM"},
	{rules.Network, "Network"},
	{rules.Audit, "Audit and monitoring"},
	{rules.Compliance, "Compliance"},
	{rules.Extra, "Beyond the brief"},
}

// SectionLabel names a section as the brief does ("Audit and monitoring").
func SectionLabel(s rules.Section) string {
	s = sectionOf(s)
	for _, i := range sectionInfo {
		if i.section == s {
			return i.label
		}
	}
	return string(s)
}

// sectionOf files a finding without a section with the rules beyond the brief.
func sectionOf(s rules.Section) rules.Section { return cmp.Or(s, rules.Extra) }

func sectionRank(s rules.Section) int {
	for i, x := range sectionInfo {
		if x.section == sectionOf(s) {
			return i
		}
	}
	return len(sectionInfo)
}

func compareSections(a, b rules.Section) int {
	return cmp.Or(cmp.Compare(sectionRank(a), sectionRank(b)), cmp.Compare(a, b))
}

// sectionSummary counts one section's findings.
type sectionSummary struct {
	Section    rules.Section
	Label      string
	Summary    Summary
	Suppressed int
}

// sectionSummaries counts findings by section: every section of the brief,
// whether or not it has findings, then any other section findings name.
func sectionSummaries(fs []rules.Finding) []sectionSummary {
	var out []sectionSummary
	for _, i := range sectionInfo {
		out = append(out, sectionSummary{Section: i.section, Label: i.label})
	}
	for _, f := range fs {
		s := sectionOf(f.Section)
		i := slices.IndexFunc(out, func(x sectionSummary) bool { return x.Section == s })
		if i < 0 {
			out = append(out, sectionSummary{Section: s, Label: SectionLabel(s)})
			i = len(out) - 1
		}
		if f.Suppressed {
			out[i].Suppressed++
		} else {
			countVerdict(&out[i].Summary, f.Verdict)
		}
	}
	slices.SortStableFunc(out, func(a, b sectionSummary) int { return compareSections(a.Section, b.Section) })
	return out
}

// practicesFor returns the report's compliance view, or computes it from the
// findings and the catalog when the caller left it out.
func practicesFor(r *Report, o Options) []PracticeSummary {
	if r.Practices != nil {
		return r.Practices
	}
	return Compliance(r.Findings, o.Rules)
}

// practiceIndex maps each rule ID to its practice.
func practiceIndex(ps []PracticeSummary) map[string]*PracticeSummary {
	m := make(map[string]*PracticeSummary)
	for i := range ps {
		for _, id := range ps[i].Rules {
			m[id] = &ps[i]
		}
	}
	return m
}
