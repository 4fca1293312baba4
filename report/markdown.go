package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/aksguard/aksguard/rules"
)

// Markdown, for a pull-request comment: the counts per section, the failed
// checks in a table, then collapsed <details> for unknown, manual, passed and
// suppressed findings and for the compliance view, and the errors. Text from
// the inputs is escaped for GitHub-flavoured Markdown, so a resource name
// cannot break a table or inject markup.

// mdMaxRows bounds each table, so that a scan of a large estate still fits
// in a comment (GitHub refuses comments over 65,536 characters). The JSON
// and HTML reports hold everything.
const (
	mdMaxFailRows  = 100
	mdMaxOtherRows = 40
)

func writeMarkdown(w io.Writer, r *Report, o Options) error {
	c := normalize(r)
	var b bytes.Buffer
	s := c.Summary
	title := c.Tool.Name
	if c.Tool.Version != "" {
		title += " " + c.Tool.Version
	}
	fmt.Fprintf(&b, "### %s: %d failed, %d passed, %d unknown, %d manual\n\n",
		mdCell(title), s.Fail, s.Pass, s.Unknown, s.Manual)
	if score, ok := s.Score(); ok {
		fmt.Fprintf(&b, "Posture score **%d%%**: %d of %d automated checks passed (unknown counts as not passed).",
			score, s.Pass, s.Pass+s.Fail+s.Unknown)
	} else {
		b.WriteString("No automated check applied to the inputs.")
	}
	if n := countSuppressed(c.Findings); n > 0 {
		fmt.Fprintf(&b, " %d suppressed by ignores.", n)
	}
	b.WriteString("\n\n")
	mdCounts(&b, sectionSummaries(c.Findings), s)

	mdBaselineCounts(&b, c)

	groups := splitByVerdict(c.Findings)
	failTitle := "Failed checks"
	if c.Baseline != nil || len(c.Fixed) > 0 {
		failTitle = "New failed checks"
	}
	if len(groups.fail) > 0 {
		fmt.Fprintf(&b, "#### %s (%d)\n\n", failTitle, len(groups.fail))
		mdFindings(&b, groups.fail, mdFixColumn, mdMaxFailRows)
	} else {
		fmt.Fprintf(&b, "No %s.\n\n", strings.ToLower(failTitle))
	}
	for _, d := range []struct {
		title string
		fs    []rules.Finding
		extra mdColumn
	}{
		{"Failing in the baseline too", groups.unchanged, mdFixColumn},
		{"Fixed since the baseline: failed then, passing or gone now", c.Fixed, 0},
		{"Unknown: the inputs do not decide these", groups.unknown, 0},
		{"Manual checks: a person must verify these", groups.manual, 0},
		{"Passed", groups.pass, 0},
		{"Suppressed by ignores", groups.suppressed, mdIgnoredColumn},
	} {
		if len(d.fs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "<details><summary>%s (%d)</summary>\n\n", d.title, len(d.fs))
		mdFindings(&b, d.fs, d.extra, mdMaxOtherRows)
		b.WriteString("</details>\n\n")
	}
	mdPractices(&b, practicesFor(r, o))
	mdErrors(&b, c.Errors, c.Ignores)
	_, err := w.Write(bytes.TrimRight(b.Bytes(), "\n"))
	if err == nil {
		_, err = io.WriteString(w, "\n")
	}
	return err
}

// mdCounts writes the counts table: one row per section of the brief.
func mdCounts(b *bytes.Buffer, ss []sectionSummary, total Summary) {
	b.WriteString("| Section | Fail | Unknown | Manual | Pass | Score |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
	row := func(label string, s Summary) {
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %s |\n", label, s.Fail, s.Unknown, s.Manual, s.Pass, scoreText(s))
	}
	for _, x := range ss {
		row(mdCell(x.Label), x.Summary)
	}
	row("**Total**", total)
	b.WriteString("\n")
}

func scoreText(s Summary) string {
	if p, ok := s.Score(); ok {
		return fmt.Sprintf("%d%%", p)
	}
	return "–"
}

// mdColumn is the column a findings table adds after the evidence.
type mdColumn int

const (
	mdFixColumn     mdColumn = iota + 1 // the remediation, for failures
	mdIgnoredColumn                     // the ignore, for suppressed findings
)

// mdFindings writes a table of findings, worst first. Fixes are shown for
// failures only, as an unknown or manual finding may need none.
func mdFindings(b *bytes.Buffer, fs []rules.Finding, extra mdColumn, limit int) {
	head := "| Rule | Severity | Resource | Location | Evidence |"
	switch extra {
	case mdFixColumn:
		head += " Fix |"
	case mdIgnoredColumn:
		head += " Ignored by |"
	}
	b.WriteString(head + "\n" + strings.Repeat("| --- ", strings.Count(head, "|")-1) + "|\n")
	for i, f := range fs {
		if i == limit {
			fmt.Fprintf(b, "\n%d more not shown: the JSON and HTML reports list every finding.\n", len(fs)-limit)
			break
		}
		where := locationText(f.Location)
		if where == "" {
			where = f.Resource.ID
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |", mdCell(f.Rule), f.Severity, mdCell(resourceLabel(f.Resource)),
			mdCode(where), mdCode(cmp.Or(f.Evidence, "(none given)")))
		switch extra {
		case mdFixColumn:
			fmt.Fprintf(b, " %s |", mdCode(f.Remediation))
		case mdIgnoredColumn:
			fmt.Fprintf(b, " %s |", mdCell(cmp.Or(f.SuppressedBy, "an ignore")))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

// mdPractices writes the compliance view, collapsed: per section, each
// practice of the brief with its status and rules.
func mdPractices(b *bytes.Buffer, ps []PracticeSummary) {
	if len(ps) == 0 {
		return
	}
	open := 0
	for _, p := range ps {
		if p.Status != rules.Passed.String() {
			open++
		}
	}
	fmt.Fprintf(b, "<details><summary>Compliance: %d practices of the brief, %d not passed</summary>\n\n", len(ps), open)
	var section rules.Section
	for i, p := range ps {
		if i == 0 || p.Section != section {
			if i > 0 {
				b.WriteString("\n")
			}
			section = p.Section
			fmt.Fprintf(b, "**%s**\n\n| Status | Practice | Rules | Fail | Unknown | Manual | Pass |\n| --- | --- | --- | ---: | ---: | ---: | ---: |\n",
				mdCell(SectionLabel(section)))
		}
		fmt.Fprintf(b, "| %s | %s | %s | %d | %d | %d | %d |\n", p.Status, mdCell(p.Practice),
			mdCell(strings.Join(p.Rules, ", ")), p.Summary.Fail, p.Summary.Unknown, p.Summary.Manual, p.Summary.Pass)
	}
	b.WriteString("\n</details>\n\n")
}

// mdErrors lists the inputs that could not be read, visibly: verdicts that
// depend on them are missing. Stale ignores follow, collapsed.
func mdErrors(b *bytes.Buffer, es []Error, ns []IgnoreNote) {
	if len(es) > 0 {
		fmt.Fprintf(b, "#### Errors (%d)\n\n", len(es))
		for _, e := range es {
			fmt.Fprintf(b, "- **%s** %s\n", cmp.Or(e.Severity, "error"), mdCell(errorText(e)))
		}
		b.WriteString("\n")
	}
	if len(ns) > 0 {
		fmt.Fprintf(b, "<details><summary>Ignores to review (%d)</summary>\n\n", len(ns))
		for _, n := range ns {
			what := n.Rule
			if n.Resource != "" {
				what += " on " + n.Resource
			}
			s := what + ": " + n.Status
			if n.Reason != "" {
				s += " (reason: " + n.Reason + ")"
			}
			if n.Where != "" {
				s = n.Where + ": " + s
			}
			fmt.Fprintf(b, "- %s\n", mdCell(s))
		}
		b.WriteString("\n</details>\n\n")
	}
}

// verdictGroups splits findings by what a reader does with them, each
// ordered worst first.
type verdictGroups struct {
	fail, unknown, manual, pass, suppressed []rules.Finding
	// unchanged are the failures a baseline report already held.
	unchanged []rules.Finding
}

func splitByVerdict(fs []rules.Finding) verdictGroups {
	var g verdictGroups
	for _, grp := range groupFindings(fs, true) {
		for _, f := range grp.findings {
			switch {
			case f.Suppressed:
				g.suppressed = append(g.suppressed, f)
			case f.Verdict == rules.Failed && f.Baseline == rules.BaselineUnchanged:
				g.unchanged = append(g.unchanged, f)
			case f.Verdict == rules.Failed:
				g.fail = append(g.fail, f)
			case f.Verdict == rules.Unknown:
				g.unknown = append(g.unknown, f)
			case f.Verdict == rules.Manual:
				g.manual = append(g.manual, f)
			default:
				g.pass = append(g.pass, f)
			}
		}
	}
	return g
}

func countSuppressed(fs []rules.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Suppressed {
			n++
		}
	}
	return n
}

// mdCell escapes prose for a table cell: Markdown markup, the "|" that would
// end the cell, and line breaks that would end the row.
func mdCell(s string) string {
	s = mdEscape(sanitize(s))
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", "<br>")
}

// mdCode renders text as code in a table cell. One line becomes a code span
// fenced by more backticks than the text holds in a row; "|" is escaped, as
// GitHub splits cells before it reads code spans. Several lines become an
// HTML <code> element with <br> between lines, since a code span cannot
// hold a line break; every ASCII punctuation character in it is written as
// a character reference, so that no Markdown or HTML is read in it.
func mdCode(s string) string {
	s = strings.TrimSpace(sanitize(s))
	if s == "" {
		return ""
	}
	if !strings.Contains(s, "\n") {
		fence := strings.Repeat("`", longestRun(s, '`')+1)
		if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
			s = " " + s + " "
		}
		return fence + strings.ReplaceAll(s, "|", `\|`) + fence
	}
	var b strings.Builder
	b.WriteString("<code>")
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString("<br>")
		}
		body := strings.TrimLeft(line, " ")
		b.WriteString(strings.Repeat("&nbsp;", len(line)-len(body)))
		b.WriteString(mdHTMLText(body))
	}
	b.WriteString("</code>")
	return b.String()
}

// mdHTMLText writes text inside HTML in Markdown: the characters that HTML
// or GitHub's Markdown would read as markup (and "|", which would end the
// table cell) as numeric character references. Markdown is still read
// between HTML tags, so ":", "@" and "www." are written so too: GitHub
// would turn URLs and e-mail addresses there into links.
func mdHTMLText(s string) string {
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune("&<>\"'\\`*_[]|~:@", r) || r == '.' && strings.HasSuffix(strings.ToLower(s[:i]), "www") {
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// longestRun is the length of the longest run of r in s.
func longestRun(s string, r rune) int {
	longest, run := 0, 0
	for _, x := range s {
		if x == r {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}
