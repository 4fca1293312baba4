package report

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/aksguard/aksguard/rules"
)

// JUnit XML, for the test dashboards of Jenkins and Azure DevOps, in the
// dialect of Jenkins' junit-10.xsd (which Azure DevOps' JUnit reader also
// accepts):
//
//   - one <testsuite> per section of the brief, with the status of each of
//     its practices as <properties>, so the compliance view survives;
//   - one <testcase> per rule and resource: classname "<section>.<rule ID>"
//     (Jenkins shows the section as the package and the rule as the class),
//     name the resource;
//   - a fail is a <failure>; unknown, manual and suppressed findings are
//     <skipped> with the reason; a pass has no child but its evidence;
//   - every case carries its evidence, location and remediation in
//     <system-out>, so a dashboard shows what decided it;
//   - inputs that could not be read are <error> cases of an "inputs" suite.
//
// Times are zero (rules take no measurable time) and there is no timestamp,
// so the same scan renders the same bytes.

type junitSuites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Time     string   `xml:"time,attr"`
	// Jenkins' schema has no skipped count on the root: each suite has one.
	Suites []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string           `xml:"name,attr"`
	ID         int              `xml:"id,attr"`
	Package    string           `xml:"package,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Skipped    int              `xml:"skipped,attr"`
	Time       string           `xml:"time,attr"`
	Properties *junitProperties `xml:"properties,omitempty"`
	Cases      []junitCase      `xml:"testcase"`
}

type junitProperties struct {
	Property []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Classname string       `xml:"classname,attr"`
	Name      string       `xml:"name,attr"`
	Time      string       `xml:"time,attr"`
	File      string       `xml:"file,attr,omitempty"`
	Line      string       `xml:"line,attr,omitempty"`
	Failure   *junitResult `xml:"failure,omitempty"`
	Error     *junitResult `xml:"error,omitempty"`
	Skipped   *junitResult `xml:"skipped,omitempty"`
	SystemOut *junitText   `xml:"system-out,omitempty"`

	id string // the resource ID, to tell apart cases of the same name
}

type junitResult struct {
	Message string `xml:"message,attr,omitempty"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",cdata"`
}

// junitText is element content as CDATA, so that multi-line evidence and
// fixes stay readable in the file.
type junitText struct {
	Text string `xml:",cdata"`
}

func writeJUnit(w io.Writer, r *Report, o Options) error {
	c := normalize(r)
	ps := practicesFor(r, o)
	practices := practiceIndex(ps)
	doc := junitSuites{Name: c.Tool.Name, Time: "0"}
	for _, ss := range sectionSummaries(c.Findings) {
		suite := junitSuite{Name: ss.Label, Package: string(ss.Section), Time: "0"}
		suite.Properties = junitPracticeProps(ss.Section, ps)
		var fs []rules.Finding
		for _, f := range c.Findings {
			if sectionOf(f.Section) == ss.Section {
				fs = append(fs, f)
			}
		}
		if len(fs) == 0 && suite.Properties == nil {
			continue
		}
		for _, f := range junitOrder(fs) {
			suite.add(junitCaseFor(f, practices[f.Rule]))
		}
		doc.add(suite)
	}
	if len(c.Errors) > 0 {
		suite := junitSuite{Name: "Inputs", Package: "inputs", Time: "0"}
		for _, e := range c.Errors {
			suite.add(junitInputCase(e))
		}
		doc.add(suite)
	}
	disambiguate(doc.Suites)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func (s *junitSuite) add(c junitCase) {
	s.Tests++
	switch {
	case c.Failure != nil:
		s.Failures++
	case c.Error != nil:
		s.Errors++
	case c.Skipped != nil:
		s.Skipped++
	}
	s.Cases = append(s.Cases, c)
}

func (d *junitSuites) add(s junitSuite) {
	s.ID = len(d.Suites)
	d.Tests += s.Tests
	d.Failures += s.Failures
	d.Errors += s.Errors
	d.Suites = append(d.Suites, s)
}

// junitOrder sorts a section's findings by rule, then resource, as test
// dashboards list classes and cases.
func junitOrder(fs []rules.Finding) []rules.Finding {
	fs = slices.Clone(fs)
	slices.SortStableFunc(fs, func(a, b rules.Finding) int {
		return cmp.Or(
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(resourceLabel(a.Resource), resourceLabel(b.Resource)),
			cmp.Compare(a.Location.File, b.Location.File),
			cmp.Compare(a.Location.Line, b.Location.Line),
			cmp.Compare(a.Resource.ID, b.Resource.ID),
			compareFindings(a, b),
		)
	})
	return fs
}

func junitCaseFor(f rules.Finding, p *PracticeSummary) junitCase {
	c := junitCase{
		Classname: xmlText(string(sectionOf(f.Section)) + "." + f.Rule),
		Name:      xmlText(resourceLabel(f.Resource)),
		Time:      "0",
		File:      xmlText(f.Location.File),
		id:        xmlText(f.Resource.ID),
	}
	if f.Location.Line > 0 {
		c.Line = strconv.Itoa(f.Location.Line)
	}
	title := cmp.Or(f.Title, f.Rule)
	evidence := cmp.Or(f.Evidence, "(none given)")
	switch {
	case f.Suppressed:
		c.Skipped = &junitResult{
			Message: xmlText(fmt.Sprintf("suppressed %s: %s", f.Verdict, cmp.Or(f.SuppressedBy, "by an ignore"))),
			Type:    StatusSuppressed,
		}
	case f.Verdict == rules.Failed:
		c.Failure = &junitResult{
			Message: xmlText(firstLine(title + ": " + evidence)),
			Type:    f.Severity.String(),
			Text:    xmlText(evidence),
		}
	case f.Verdict == rules.Unknown:
		c.Skipped = &junitResult{Message: xmlText("unknown: " + firstLine(evidence)), Type: "unknown"}
	case f.Verdict == rules.Manual:
		c.Skipped = &junitResult{Message: xmlText("manual check: " + firstLine(evidence)), Type: "manual"}
	}
	c.SystemOut = &junitText{Text: xmlText(findingText(f, p))}
	return c
}

// findingText is a finding as plain text: what a CI log or a test dashboard
// shows under the case.
func findingText(f rules.Finding, p *PracticeSummary) string {
	var b strings.Builder
	line := func(label, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%-12s%s\n", label+":", strings.ReplaceAll(v, "\n", "\n            "))
		}
	}
	line("Rule", f.Rule+" ("+f.Severity.String()+"): "+cmp.Or(f.Title, f.Rule))
	if p != nil {
		line("Practice", SectionLabel(p.Section)+": "+p.Practice)
	}
	line("Verdict", f.Verdict.String())
	line("Resource", resourceLabel(f.Resource))
	if f.Resource.ID != "" && f.Resource.ID != f.Resource.Name {
		line("ID", f.Resource.ID)
	}
	line("Location", locationText(f.Location))
	line("Path", f.Path)
	line("Evidence", cmp.Or(f.Evidence, "(none given)"))
	if f.Verdict == rules.Failed {
		line("Fix", f.Remediation)
	}
	if f.Suppressed {
		line("Ignored", cmp.Or(f.SuppressedBy, "suppressed by an ignore"))
	}
	return b.String()
}

func junitInputCase(e Error) junitCase {
	c := junitCase{Classname: "inputs", Name: xmlText(cmp.Or(e.Input, "(input)")), Time: "0"}
	if e.Line > 0 {
		c.File, c.Line = xmlText(e.Input), strconv.Itoa(e.Line)
	}
	text := xmlText(errorText(e))
	if e.Severity == "warning" {
		c.Skipped = &junitResult{Message: xmlText("warning: " + firstLine(e.Message)), Type: "warning", Text: text}
	} else {
		c.Error = &junitResult{Message: xmlText(firstLine(e.Message)), Type: "input", Text: text}
	}
	return c
}

// junitPracticeProps lists a section's practices as properties: the status
// and rules of each, including those no finding names.
func junitPracticeProps(s rules.Section, ps []PracticeSummary) *junitProperties {
	var props junitProperties
	for _, p := range ps {
		if p.Section != s {
			continue
		}
		props.Property = append(props.Property, junitProperty{
			Name:  xmlText("practice: " + p.Practice),
			Value: xmlText(p.Status + " (" + strings.Join(p.Rules, ", ") + ")"),
		})
	}
	if len(props.Property) == 0 {
		return nil
	}
	return &props
}

// disambiguate names apart cases that would share a class and a name (two
// resources of one type and name in different files or subscriptions), as
// dashboards merge cases with the same full name.
func disambiguate(suites []junitSuite) {
	count := make(map[[2]string]int)
	for _, s := range suites {
		for _, c := range s.Cases {
			count[[2]string{c.Classname, c.Name}]++
		}
	}
	for _, s := range suites {
		for i := range s.Cases {
			c := &s.Cases[i]
			if count[[2]string{c.Classname, c.Name}] < 2 {
				continue
			}
			where := c.File
			if c.Line != "" {
				where += ":" + c.Line
			}
			if where == "" {
				where = c.id
			}
			if where != "" {
				c.Name += " (" + where + ")"
			}
		}
	}
}

// resourceLabel names a resource for people: its type and name.
func resourceLabel(r rules.ResourceRef) string {
	return strings.TrimSpace(r.Type + " " + cmp.Or(r.Name, r.ID))
}

func locationText(l rules.Location) string {
	if l.File != "" && l.Line > 0 {
		return l.File + ":" + strconv.Itoa(l.Line)
	}
	return l.File
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// xmlText makes input text safe for XML 1.0: terminal controls and
// bidirectional overrides become visible escapes (as in the table), and the
// two non-characters XML forbids are replaced.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0xFFFE || r == 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, sanitize(s))
}
