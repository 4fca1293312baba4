package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/aksguard/aksguard/rules"
)

const (
	defaultWidth = 100
	minWidth     = 40
	labelWidth   = len("evidence")
)

// writeTable renders the findings for a person at a terminal: grouped by
// resource, failures only unless o.ShowAll, then a summary line and the
// inputs that could not be read. Every line fits o.Width columns.
func writeTable(w io.Writer, r *Report, o Options) error {
	t := newTableWriter(o)
	c := normalize(r)
	groups := groupFindings(c.Findings, o.ShowAll)
	// One rule column for the whole table, so titles align across groups.
	for _, g := range groups {
		for _, f := range g.findings {
			t.ruleW = max(t.ruleW, width(f.Rule))
		}
	}
	if o.GroupBySection {
		t.bySection(c.Findings, practicesFor(r, o))
	} else {
		t.groups(groups)
	}
	t.summary(c)
	t.baseline(c)
	t.ignores(c.Ignores)
	t.errors(c.Errors)
	_, err := w.Write(t.buf.Bytes())
	return err
}

type tableWriter struct {
	buf     bytes.Buffer
	width   int
	style   styler
	showAll bool
	// Column widths of a finding's row: verdict, then severity (the
	// detail labels share its column), then rule ID.
	verdictW, sevW, ruleW int
}

func newTableWriter(o Options) *tableWriter {
	w := o.Width
	if w <= 0 {
		w = defaultWidth
	}
	return &tableWriter{
		width:    max(w, minWidth),
		style:    styler(o.Color),
		showAll:  o.ShowAll,
		verdictW: len("UNKNOWN"),
		sevW:     max(len("critical"), labelWidth),
	}
}

// groups writes resource groups, a blank line after each.
func (t *tableWriter) groups(groups []*group) {
	for _, g := range groups {
		t.group(g)
		t.line("")
	}
}

func (t *tableWriter) line(s string) {
	t.buf.WriteString(s)
	t.buf.WriteByte('\n')
}

// group is the findings the table shows for one resource.
type group struct {
	typ, name, id, file string
	line                int // the first line any of its findings points at
	findings            []rules.Finding
}

// location is where the group's header says the resource is: file:line for
// files, the resource ID for live and exported resources.
func (g *group) location() string {
	switch {
	case g.file != "" && g.line > 0:
		return g.file + ":" + strconv.Itoa(g.line)
	case g.file != "":
		return g.file
	}
	return g.id
}

// shortLocation says where a live resource is when its full ID does not fit
// n columns: the header already names its type and name, so the resource
// group and subscription are what is left to say, on one line or two. IDs of
// other shapes are cut in the middle.
func shortLocation(id string, n int) []string {
	var sub, rg string
	parts := strings.Split(id, "/")
	for i := 1; i+1 < len(parts); i += 2 {
		if strings.EqualFold(parts[i], "providers") {
			break
		}
		switch {
		case strings.EqualFold(parts[i], "subscriptions") && sub == "":
			sub = "subscription " + parts[i+1]
		case strings.EqualFold(parts[i], "resourceGroups") && rg == "":
			rg = "resource group " + parts[i+1]
		}
	}
	var lines []string
	switch {
	case sub != "" && rg != "" && width(rg)+2+width(sub) <= n:
		lines = []string{rg + ", " + sub}
	case sub != "" && rg != "":
		lines = []string{rg, sub}
	case sub != "":
		lines = []string{sub}
	default:
		lines = []string{id}
	}
	for i, l := range lines {
		lines[i] = truncateMiddle(l, n)
	}
	return lines
}

// groupFindings groups the findings to show by resource and file, and orders
// them so that the worst come first whatever order they were given in.
func groupFindings(fs []rules.Finding, all bool) []*group {
	var groups []*group
	index := make(map[[4]string]*group)
	for _, f := range fs {
		// Compared with a baseline, a failure it already held is known
		// debt, not news: listed with the rest only.
		if !all && (f.Suppressed || f.Verdict != rules.Failed || f.Baseline == rules.BaselineUnchanged) {
			continue
		}
		k := [4]string{f.Resource.Type, f.Resource.Name, f.Resource.ID, f.Location.File}
		g := index[k]
		if g == nil {
			g = &group{typ: f.Resource.Type, name: f.Resource.Name, id: f.Resource.ID, file: f.Location.File}
			index[k] = g
			groups = append(groups, g)
		}
		if f.Location.Line > 0 && (g.line == 0 || f.Location.Line < g.line) {
			g.line = f.Location.Line
		}
		g.findings = append(g.findings, f)
	}
	for _, g := range groups {
		slices.SortStableFunc(g.findings, compareFindings)
	}
	slices.SortStableFunc(groups, func(a, b *group) int {
		return cmp.Or(
			compareFindings(a.findings[0], b.findings[0]),
			cmp.Compare(a.typ, b.typ),
			cmp.Compare(a.name, b.name),
			cmp.Compare(a.file, b.file),
			cmp.Compare(a.id, b.id),
		)
	})
	return groups
}

var verdictRank = map[rules.Verdict]int{rules.Failed: 0, rules.Unknown: 1, rules.Manual: 2, rules.Passed: 3}

// compareFindings orders by what needs attention: unsuppressed before
// suppressed, fail, unknown, manual, pass, then severity, rule and line.
func compareFindings(a, b rules.Finding) int {
	suppressed := func(f rules.Finding) int {
		if f.Suppressed {
			return 1
		}
		return 0
	}
	return cmp.Or(
		cmp.Compare(suppressed(a), suppressed(b)),
		cmp.Compare(verdictRank[a.Verdict], verdictRank[b.Verdict]),
		cmp.Compare(b.Severity, a.Severity),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Location.Line, b.Location.Line),
		cmp.Compare(a.Evidence, b.Evidence),
	)
}

// group writes a resource header and its findings.
func (t *tableWriter) group(g *group) {
	title := sanitize(strings.TrimSpace(g.typ + " " + cmp.Or(g.name, g.id)))
	title = truncateMiddle(strings.ReplaceAll(title, "\n", " "), t.width)
	where := strings.ReplaceAll(sanitize(g.location()), "\n", " ")
	if where == "" || where == cmp.Or(g.name, g.id) {
		t.line(t.style.paint(ansiBold, title))
	} else if width(title)+2+width(where) <= t.width {
		t.line(t.style.paint(ansiBold, title) + "  " + t.style.paint(ansiDim, where))
	} else {
		lines := []string{truncateMiddle(where, t.width-2)}
		if width(where) > t.width-2 && g.file == "" {
			lines = shortLocation(where, t.width-2)
		}
		t.line(t.style.paint(ansiBold, title))
		for _, l := range lines {
			t.line("  " + t.style.paint(ansiDim, l))
		}
	}
	for _, f := range g.findings {
		t.finding(g, f)
	}
}

// finding writes one finding: a row with verdict, severity, rule and title,
// then labelled detail lines under it.
func (t *tableWriter) finding(g *group, f rules.Finding) {
	verdict := strings.ToUpper(f.Verdict.String())
	row := "  " + t.style.paint(verdictStyle(f.Verdict), pad(verdict, t.verdictW)) +
		"  " + t.style.paint(severityStyle(f.Severity), pad(f.Severity.String(), t.sevW))
	titleCol := 2 + t.verdictW + 2 + t.sevW + 2 + t.ruleW + 2
	rule := strings.ReplaceAll(sanitize(f.Rule), "\n", " ")
	title := sanitize(cmp.Or(f.Title, f.Rule))
	if t.width-titleCol >= 20 {
		lines := wrap(title, t.width-titleCol)
		t.line(row + "  " + pad(rule, t.ruleW) + "  " + lines[0])
		for _, l := range lines[1:] {
			t.line(strings.Repeat(" ", titleCol) + l)
		}
	} else {
		// Too narrow for a title column: the title becomes a detail line.
		t.line(row + "  " + truncateMiddle(rule, t.width-(2+t.verdictW+2+t.sevW+2)))
		t.detail("", title)
	}
	if f.Location.Line > 0 && f.Location.Line != g.line {
		t.detail("at", f.Location.File+":"+strconv.Itoa(f.Location.Line))
	}
	t.detail("evidence", cmp.Or(f.Evidence, "(none given)"))
	if b := baselineDetail(f); b != "" {
		t.detail("baseline", b)
	}
	if f.Verdict == rules.Failed && f.Remediation != "" {
		t.detail("fix", f.Remediation)
	}
	if f.Suppressed {
		t.detail("ignored", cmp.Or(f.SuppressedBy, "suppressed by an ignore"))
	}
}

// detail writes a labelled line in the severity column, wrapping its text
// with a hanging indent.
func (t *tableWriter) detail(label, text string) {
	indent := 2 + t.verdictW + 2
	textCol := indent + t.sevW + 2
	lines := wrap(sanitize(text), t.width-textCol)
	for i, l := range lines {
		lab := strings.Repeat(" ", t.sevW)
		if i == 0 {
			lab = t.style.paint(ansiDim, pad(label, t.sevW))
		}
		s := strings.Repeat(" ", indent) + lab + "  " + l
		t.line(strings.TrimRight(s, " "))
	}
}

// summary writes the counts line. The counts are the report's summary
// (unsuppressed findings); suppressed findings are counted apart.
func (t *tableWriter) summary(r Report) {
	s := r.Summary
	suppressed := 0
	for _, f := range r.Findings {
		if f.Suppressed {
			suppressed++
		}
	}
	parts := []struct {
		text, style string
	}{
		{"Summary:", ""},
		{plural(s.Fail, "failed,"), ansiRed + ansiBold},
		{plural(s.Pass, "passed,"), ansiGreen},
		{plural(s.Unknown, "unknown,"), ansiYellow},
		{plural(s.Manual, "manual,"), ansiCyan},
		{plural(suppressed, "suppressed"), ""},
	}
	if s.Fail == 0 {
		t.line("No failed checks.")
	}
	// Lay the parts out like words, so that the line wraps between counts
	// and the colour never counts towards the width.
	line, lineW := "", 0
	for _, p := range parts {
		if lineW > 0 && lineW+1+width(p.text) > t.width {
			t.line(line)
			line, lineW = "  ", 2
		} else if lineW > 0 {
			line, lineW = line+" ", lineW+1
		}
		line += t.style.paint(p.style, p.text)
		lineW += width(p.text)
	}
	t.line(line)
	if hidden := s.Pass + s.Unknown + s.Manual + suppressed; hidden > 0 && !t.showAll {
		for _, l := range wrap("Only failed checks are listed; the JSON report holds every finding.", t.width) {
			t.line(t.style.paint(ansiDim, l))
		}
	}
}

func plural(n int, word string) string { return fmt.Sprintf("%d %s", n, word) }

// ignores lists the ignores that expired or matched nothing, so that a stale
// suppression does not go unnoticed.
func (t *tableWriter) ignores(ns []IgnoreNote) {
	if len(ns) == 0 {
		return
	}
	t.line("")
	t.line(t.style.paint(ansiBold, "Ignores:"))
	for _, n := range ns {
		what := n.Rule
		if n.Resource != "" {
			what += " on " + n.Resource
		}
		s := fmt.Sprintf("%s: %s", what, n.Status)
		if n.Reason != "" {
			s += fmt.Sprintf(" (reason: %s)", n.Reason)
		}
		if n.Where != "" {
			s = n.Where + ": " + s
		}
		t.hanging(s)
	}
}

// errors lists the inputs that could not be read, in compiler style
// (input:line:column: message) so that editors and terminals link them.
func (t *tableWriter) errors(es []Error) {
	if len(es) == 0 {
		return
	}
	t.line("")
	t.line(t.style.paint(ansiBold, "Errors:"))
	for _, e := range es {
		where := e.Input
		if e.Line > 0 {
			where += ":" + strconv.Itoa(e.Line)
			if e.Column > 0 {
				where += ":" + strconv.Itoa(e.Column)
			}
		}
		sev := cmp.Or(e.Severity, "error")
		style := ansiRed
		if sev == "warning" {
			style = ansiYellow
		}
		where = strings.ReplaceAll(sanitize(where), "\n", " ")
		prefix := where + ": " + sev + ":"
		lines := wrap(prefix+" "+sanitize(e.Message), t.width-4)
		for i, l := range lines {
			if i > 0 {
				t.line("    " + l)
				continue
			}
			if rest, ok := strings.CutPrefix(l, prefix); ok {
				l = where + ": " + t.style.paint(style, sev+":") + rest
			}
			t.line("  " + l)
		}
	}
}

// hanging writes s indented by two columns, continuation lines by four.
func (t *tableWriter) hanging(s string) {
	for i, l := range wrap(sanitize(s), t.width-4) {
		if i == 0 {
			t.line("  " + l)
		} else {
			t.line("    " + l)
		}
	}
}

func verdictStyle(v rules.Verdict) string {
	switch v {
	case rules.Failed:
		return ansiRed + ansiBold
	case rules.Unknown:
		return ansiYellow
	case rules.Manual:
		return ansiCyan
	case rules.Passed:
		return ansiGreen
	}
	return ""
}

func severityStyle(s rules.Severity) string {
	switch s {
	case rules.Critical:
		return ansiMagenta + ansiBold
	case rules.High:
		return ansiRed
	case rules.Medium:
		return ansiYellow
	case rules.Low:
		return ansiBlue
	}
	return ansiDim
}
