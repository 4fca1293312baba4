package report

import (
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/aksguard/aksguard/rules"
)

// The HTML report is one self-contained file for people who open it from an
// email: styles and script are inline (embedded from assets/ at build time),
// fonts are the system's, the chart is inline SVG, and a Content Security
// Policy forbids every network request, so the page works offline and leaks
// nothing. html/template escapes all text from the inputs; sanitize also
// turns terminal controls and bidirectional overrides into visible escapes,
// so a resource name cannot reorder what is shown. Without script the page
// shows everything; the script adds the filters and copy buttons.

//go:embed assets/report.html.tmpl assets/report.css assets/report.js
var htmlAssets embed.FS

var htmlTemplate = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"upper": strings.ToUpper,
}).ParseFS(htmlAssets, "assets/report.html.tmpl"))

// htmlPage is what the template renders.
type htmlPage struct {
	Title      string
	Tool       Tool
	Summary    Summary
	Score      string // "50%", or "–" when nothing was checked automatically
	Donut      htmlDonut
	Suppressed int
	Findings   int // every finding, suppressed included
	Sections   []htmlSection
	Chart      []htmlChartRow
	Resources  []htmlResource
	Practices  []htmlPracticeGroup
	Errors     []htmlError
	Ignores    []string
	Verdicts   []htmlOption
	Severities []htmlOption
	SectionOps []htmlOption
	CSS        template.CSS
	JS         template.JS
	CSP        string
}

type htmlSection struct {
	Key, Label string
	Summary    Summary
	Score      string
	Suppressed int
}

type htmlOption struct {
	Value, Label string
	Count        int
}

type htmlResource struct {
	Type, Name, ID, Where string
	Findings              []htmlFinding
}

type htmlFinding struct {
	Anchor                      string
	Rule, Title, Verdict        string
	Severity, Section, SecLabel string
	Practice                    string
	Location, Path, Evidence    string
	Remediation, FixLabel       string
	Suppressed                  bool
	SuppressedBy                string
	Open                        bool
}

type htmlPracticeGroup struct {
	Label     string
	Practices []PracticeSummary
}

type htmlError struct {
	Where, Severity, Message string
}

const htmlPolicyFmt = "default-src 'none'; style-src '%s'; script-src '%s'; img-src data:; base-uri 'none'; form-action 'none'"

func writeHTML(w io.Writer, r *Report, o Options) error {
	page, err := newHTMLPage(r, o)
	if err != nil {
		return err
	}
	return htmlTemplate.Execute(w, page)
}

func newHTMLPage(r *Report, o Options) (*htmlPage, error) {
	css, err := htmlAssets.ReadFile("assets/report.css")
	if err != nil {
		return nil, err
	}
	js, err := htmlAssets.ReadFile("assets/report.js")
	if err != nil {
		return nil, err
	}
	c := normalize(r)
	ps := practicesFor(r, o)
	byRule := practiceIndex(ps)
	p := &htmlPage{
		Title:      fmt.Sprintf("%s report: %d failed, %d passed, %d unknown, %d manual", c.Tool.Name, c.Summary.Fail, c.Summary.Pass, c.Summary.Unknown, c.Summary.Manual),
		Tool:       c.Tool,
		Summary:    c.Summary,
		Score:      scoreText(c.Summary),
		Donut:      donutFor(c.Summary),
		Suppressed: countSuppressed(c.Findings),
		Findings:   len(c.Findings),
		CSS:        template.CSS(css),
		JS:         template.JS(js),
		CSP:        fmt.Sprintf(htmlPolicyFmt, cspHash(css), cspHash(js)),
	}
	sections := sectionSummaries(c.Findings)
	for _, s := range sections {
		p.Sections = append(p.Sections, htmlSection{
			Key: string(s.Section), Label: s.Label, Summary: s.Summary, Score: scoreText(s.Summary), Suppressed: s.Suppressed,
		})
	}
	p.Chart = chartFor(sections)
	n := 0
	for _, g := range groupFindings(c.Findings, true) {
		res := htmlResource{Type: sanitize(g.typ), Name: sanitize(cmp.Or(g.name, g.id)), Where: sanitize(g.location())}
		if g.id != "" && g.id != g.name && g.id != res.Where {
			res.ID = sanitize(g.id)
		}
		for _, f := range g.findings {
			n++
			res.Findings = append(res.Findings, htmlFindingFor(f, byRule[f.Rule], n))
		}
		p.Resources = append(p.Resources, res)
	}
	for i, x := range ps {
		if i == 0 || x.Section != ps[i-1].Section {
			p.Practices = append(p.Practices, htmlPracticeGroup{Label: SectionLabel(x.Section)})
		}
		x.Practice = sanitize(x.Practice)
		last := &p.Practices[len(p.Practices)-1]
		last.Practices = append(last.Practices, x)
	}
	for _, e := range c.Errors {
		where := e.Input
		if e.Line > 0 {
			where += fmt.Sprintf(":%d", e.Line)
			if e.Column > 0 {
				where += fmt.Sprintf(":%d", e.Column)
			}
		}
		p.Errors = append(p.Errors, htmlError{Where: sanitize(where), Severity: cmp.Or(e.Severity, "error"), Message: sanitize(e.Message)})
	}
	for _, ig := range c.Ignores {
		s := ig.Rule
		if ig.Resource != "" {
			s += " on " + ig.Resource
		}
		s += ": " + ig.Status
		if ig.Reason != "" {
			s += " (reason: " + ig.Reason + ")"
		}
		if ig.Where != "" {
			s = ig.Where + ": " + s
		}
		p.Ignores = append(p.Ignores, sanitize(s))
	}
	p.Verdicts, p.Severities, p.SectionOps = filterOptions(c.Findings, sections)
	return p, nil
}

func htmlFindingFor(f rules.Finding, p *PracticeSummary, n int) htmlFinding {
	h := htmlFinding{
		Anchor:       fmt.Sprintf("f%d", n),
		Rule:         sanitize(f.Rule),
		Title:        sanitize(cmp.Or(f.Title, f.Rule)),
		Verdict:      f.Verdict.String(),
		Severity:     f.Severity.String(),
		Section:      string(sectionOf(f.Section)),
		SecLabel:     SectionLabel(f.Section),
		Location:     sanitize(locationText(f.Location)),
		Path:         sanitize(f.Path),
		Evidence:     sanitize(cmp.Or(f.Evidence, "(none given)")),
		Suppressed:   f.Suppressed,
		SuppressedBy: sanitize(cmp.Or(f.SuppressedBy, "suppressed by an ignore")),
		// Failures are what a reader acts on: open them; the rest is one
		// click away.
		Open: f.Verdict == rules.Failed && !f.Suppressed,
	}
	if p != nil {
		h.Practice = sanitize(p.Practice)
	}
	switch f.Verdict {
	case rules.Failed:
		h.FixLabel = "Remediation"
	case rules.Unknown, rules.Manual:
		h.FixLabel = "Remediation, if the check fails"
	}
	if h.FixLabel != "" {
		h.Remediation = sanitize(strings.TrimSpace(f.Remediation))
	}
	return h
}

// filterOptions lists the values each filter offers, with how many findings
// carry each: every verdict, the severities and sections present.
func filterOptions(fs []rules.Finding, sections []sectionSummary) (verdicts, severities, secs []htmlOption) {
	vc := map[string]int{}
	sc := map[string]int{}
	secc := map[string]int{}
	for _, f := range fs {
		vc[f.Verdict.String()]++
		sc[f.Severity.String()]++
		secc[string(sectionOf(f.Section))]++
	}
	for _, v := range []rules.Verdict{rules.Failed, rules.Unknown, rules.Manual, rules.Passed} {
		verdicts = append(verdicts, htmlOption{Value: v.String(), Label: v.String(), Count: vc[v.String()]})
	}
	for _, s := range []rules.Severity{rules.Critical, rules.High, rules.Medium, rules.Low, rules.Info} {
		if n := sc[s.String()]; n > 0 {
			severities = append(severities, htmlOption{Value: s.String(), Label: s.String(), Count: n})
		}
	}
	for _, s := range sections {
		if n := secc[string(s.Section)]; n > 0 {
			secs = append(secs, htmlOption{Value: string(s.Section), Label: s.Label, Count: n})
		}
	}
	return verdicts, severities, secs
}

// cspHash is the Content Security Policy source that allows exactly one
// inline element with this content.
func cspHash(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}
