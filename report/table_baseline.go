package report

import (
	"cmp"
	"fmt"
	"strconv"

	"github.com/aksguard/aksguard/rules"
)

// The table of a scan compared with a baseline report (scan --baseline,
// diff) lists the new failures only, unless o.ShowAll; each listed failure
// says whether it is new, and the findings the baseline failed that now
// pass or are gone follow the summary.

// baselineDetail is the detail line of a finding compared with a baseline.
func baselineDetail(f rules.Finding) string {
	switch f.Baseline {
	case rules.BaselineNew:
		return "new: not in the baseline report"
	case rules.BaselineUnchanged:
		return "unchanged: the baseline report holds it too"
	}
	return ""
}

// baseline writes the comparison's counts and the fixed findings.
func (t *tableWriter) baseline(r Report) {
	if r.Baseline == nil && len(r.Fixed) == 0 {
		return
	}
	b := baselineSummary(r)
	line := "Since the baseline"
	if b.File != "" {
		line += " " + b.File
	}
	line += fmt.Sprintf(": %d new, %d unchanged, %d fixed.", b.New, b.Unchanged, b.Fixed)
	if b.Unchanged > 0 && !t.showAll {
		line += " Unchanged findings are not listed (--show all lists them)."
	}
	t.line("")
	for _, l := range wrap(sanitize(line), t.width) {
		t.line(t.style.paint(ansiBold, l))
	}
	if len(r.Fixed) == 0 {
		return
	}
	t.line("")
	t.line(t.style.paint(ansiBold+ansiGreen, "Fixed since the baseline (now passing or gone):"))
	for _, f := range r.Fixed {
		what := f.Rule + " " + cmp.Or(f.Title, f.Rule)
		on := cmp.Or(f.Resource.Name, f.Resource.ID)
		if f.Resource.Type != "" {
			on = f.Resource.Type + " " + on
		}
		if f.Location.File != "" {
			on += " (" + f.Location.File
			if f.Location.Line > 0 {
				on += ":" + strconv.Itoa(f.Location.Line)
			}
			on += ")"
		}
		t.hanging(what + ", on " + on)
	}
}

// baselineSummary is the report's comparison counts, counted from the
// findings when the report does not carry them.
func baselineSummary(r Report) BaselineSummary {
	if r.Baseline != nil {
		return *r.Baseline
	}
	b := BaselineSummary{Fixed: len(r.Fixed)}
	for _, f := range r.Findings {
		switch f.Baseline {
		case rules.BaselineNew:
			b.New++
		case rules.BaselineUnchanged:
			b.Unchanged++
		}
	}
	return b
}
