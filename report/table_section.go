package report

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/rules"
)

// statusW is the width of the practice status column ("NOT-ASSESSED").
var statusW = len(strings.ToUpper(StatusNotAssessed))

// bySection writes the auditor's view of the table: for each section of the
// brief, its counts, the status of each of its practices (all of them, so
// that the brief is seen covered practice by practice), then its findings
// grouped by resource as in the plain table.
func (t *tableWriter) bySection(fs []rules.Finding, ps []PracticeSummary) {
	for _, ss := range sectionSummaries(fs) {
		var practices []PracticeSummary
		for _, p := range ps {
			if p.Section == ss.Section {
				practices = append(practices, p)
			}
		}
		var in []rules.Finding
		for _, f := range fs {
			if sectionOf(f.Section) == ss.Section {
				in = append(in, f)
			}
		}
		if len(practices) == 0 && len(in) == 0 {
			continue
		}
		s := ss.Summary
		head := fmt.Sprintf("%s: %d failed, %d passed, %d unknown, %d manual", ss.Label, s.Fail, s.Pass, s.Unknown, s.Manual)
		if ss.Suppressed > 0 {
			head += fmt.Sprintf(", %d suppressed", ss.Suppressed)
		}
		for _, l := range wrap(sanitize(head), t.width) {
			t.line(t.style.paint(ansiBold, l))
		}
		for _, p := range practices {
			t.practice(p)
		}
		t.line("")
		t.groups(groupFindings(in, t.showAll))
	}
}

// practice writes one practice's status, its text and its rules, wrapped
// with a hanging indent after the status column.
func (t *tableWriter) practice(p PracticeSummary) {
	status := strings.ToUpper(p.Status)
	style := ""
	switch p.Status {
	case rules.Failed.String():
		style = verdictStyle(rules.Failed)
	case rules.Unknown.String():
		style = verdictStyle(rules.Unknown)
	case rules.Manual.String():
		style = verdictStyle(rules.Manual)
	case rules.Passed.String():
		style = verdictStyle(rules.Passed)
	case StatusNotAssessed, StatusSuppressed:
		style = ansiDim
	}
	indent := 2 + statusW + 2
	text := sanitize(p.Practice + " (" + strings.Join(p.Rules, ", ") + ")")
	for i, l := range wrap(strings.ReplaceAll(text, "\n", " "), t.width-indent) {
		if i == 0 {
			t.line("  " + t.style.paint(style, pad(status, statusW)) + "  " + l)
		} else {
			t.line(strings.Repeat(" ", indent) + l)
		}
	}
}
