package report_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

// xsdElement is what an XML Schema declares of one element: the child
// elements it may hold, the attributes it allows and requires, and whether
// text may appear between its children (mixed or simple content).
type xsdElement struct {
	children []string
	attrs    []string
	required []string
	text     bool
}

// junitSchema is Jenkins' JUnit schema, junit-10.xsd of the xunit plugin
// (github.com/jenkinsci/xunit-plugin, file
// src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/junit-10.xsd
// at commit 0c3752259ca17669b739481b2785a3e4cea1cc0f; MIT licence,
// © 2014 Gregory Boissinot), restated as the constraints it sets. Go has no
// XSD validator, and the schema uses nothing beyond these: every attribute is
// xs:string, content models are choices of any order and count, and
// testsuites holds a sequence of testsuite only.
var junitSchema = map[string]xsdElement{
	"testsuites": {
		children: []string{"testsuite"},
		attrs:    []string{"name", "time", "tests", "failures", "disabled", "errors"},
	},
	"testsuite": {
		children: []string{"testsuite", "properties", "testcase", "system-out", "system-err"},
		attrs: []string{"name", "tests", "failures", "errors", "time", "disabled", "skipped", "skips", "timestamp",
			"hostname", "id", "package", "assertions", "file", "skip", "log", "url"},
		required: []string{"tests"},
	},
	"properties": {children: []string{"property"}},
	"property":   {attrs: []string{"name", "value"}, required: []string{"name", "value"}},
	"testcase": {
		children: []string{"skipped", "error", "failure", "rerunFailure", "rerunError", "system-out", "system-err"},
		attrs: []string{"name", "assertions", "time", "timestamp", "classname", "status", "class", "file", "line",
			"log", "group", "url"},
		required: []string{"name"},
	},
	"failure":      {attrs: []string{"type", "message"}, text: true},
	"error":        {attrs: []string{"type", "message"}, text: true},
	"skipped":      {attrs: []string{"type", "message"}, text: true},
	"rerunFailure": {children: []string{"system-out", "system-err"}, attrs: []string{"type", "message"}, text: true},
	"rerunError":   {children: []string{"system-out", "system-err"}, attrs: []string{"type", "message"}, text: true},
	"system-out":   {text: true},
	"system-err":   {text: true},
}

// xmlNode is a parsed element, kept for the count checks.
type xmlNode struct {
	name     string
	attrs    map[string]string
	children []*xmlNode
	text     strings.Builder
}

func (n *xmlNode) all(name string) []*xmlNode {
	var out []*xmlNode
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
		out = append(out, c.all(name)...)
	}
	return out
}

func (n *xmlNode) child(name string) *xmlNode {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// validateJUnit checks a document against junitSchema, then the counts CI
// servers show: each suite's tests, failures, errors and skipped must be its
// cases', and the root's the sum of its suites'. It returns the root and
// every violation.
func validateJUnit(data []byte) (*xmlNode, []string) {
	var errs []string
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*xmlNode
	var root *xmlNode
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, append(errs, "not well-formed: "+err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{name: t.Name.Local, attrs: map[string]string{}}
			decl, ok := junitSchema[n.name]
			switch {
			case t.Name.Space != "":
				errs = append(errs, fmt.Sprintf("<%s> has namespace %q", n.name, t.Name.Space))
			case !ok:
				errs = append(errs, fmt.Sprintf("<%s> is not declared", n.name))
			}
			if len(stack) == 0 {
				if n.name != "testsuites" && n.name != "testsuite" {
					errs = append(errs, fmt.Sprintf("root <%s>, want <testsuites> or <testsuite>", n.name))
				}
				root = n
			} else {
				parent := stack[len(stack)-1]
				if !slices.Contains(junitSchema[parent.name].children, n.name) {
					errs = append(errs, fmt.Sprintf("<%s> may not hold <%s>", parent.name, n.name))
				}
				parent.children = append(parent.children, n)
			}
			for _, a := range t.Attr {
				if ok && !slices.Contains(decl.attrs, a.Name.Local) {
					errs = append(errs, fmt.Sprintf("<%s> may not have attribute %q", n.name, a.Name.Local))
				}
				n.attrs[a.Name.Local] = a.Value
			}
			for _, a := range decl.required {
				if _, has := n.attrs[a]; !has {
					errs = append(errs, fmt.Sprintf("<%s> lacks required attribute %q", n.name, a))
				}
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			n := stack[len(stack)-1]
			if !junitSchema[n.name].text && len(bytes.TrimSpace(t)) > 0 {
				errs = append(errs, fmt.Sprintf("<%s> may not hold text %.40q", n.name, t))
			}
			n.text.Write(t)
		}
	}
	if root == nil {
		return nil, append(errs, "no root element")
	}
	return root, append(errs, checkCounts(root)...)
}

func checkCounts(root *xmlNode) []string {
	var errs []string
	suites := []*xmlNode{root}
	if root.name == "testsuites" {
		suites = root.children
	}
	var sum [4]int
	keys := [4]string{"tests", "failures", "errors", "skipped"}
	for _, s := range suites {
		var got [4]int
		for _, c := range s.children {
			if c.name != "testcase" {
				continue
			}
			got[0]++
			switch {
			case c.child("failure") != nil:
				got[1]++
			case c.child("error") != nil:
				got[2]++
			case c.child("skipped") != nil:
				got[3]++
			}
		}
		for i, k := range keys {
			if v := s.attrs[k]; v != strconv.Itoa(got[i]) {
				errs = append(errs, fmt.Sprintf("suite %q: %s=%q, but it has %d", s.attrs["name"], k, v, got[i]))
			}
			sum[i] += got[i]
		}
	}
	if root.name == "testsuites" {
		for i, k := range keys {
			if v, ok := root.attrs[k]; ok && v != strconv.Itoa(sum[i]) {
				errs = append(errs, fmt.Sprintf("testsuites: %s=%q, but its suites have %d", k, v, sum[i]))
			}
		}
	}
	return errs
}

func TestJUnitSchema(t *testing.T) {
	for name, r := range map[string]*report.Report{
		"fixture": fixture(),
		"hostile": hostile(),
		"empty":   {},
	} {
		t.Run(name, func(t *testing.T) {
			out := render(t, report.JUnit, r, report.Options{Rules: catalog()})
			if _, errs := validateJUnit(out); len(errs) > 0 {
				t.Errorf("JUnit output violates junit-10.xsd:\n%s\n%s", strings.Join(errs, "\n"), out)
			}
		})
	}
}

// The validator must be able to say no, or the test above proves nothing.
func TestJUnitValidatorRejects(t *testing.T) {
	tests := []struct {
		doc, want string
	}{
		{`<testsuites><testsuite tests="1"><testcase classname="x"/></testsuite></testsuites>`, `lacks required attribute "name"`},
		{`<testsuites><testsuite><testcase name="a"/></testsuite></testsuites>`, `<testsuite> lacks required attribute "tests"`},
		{`<testsuites><testcase name="a"/></testsuites>`, "<testsuites> may not hold <testcase>"},
		{`<testsuites><testsuite tests="1"><testcase name="a"><output/></testcase></testsuite></testsuites>`, "<output> is not declared"},
		{`<testsuites><testsuite tests="1" severity="x"><testcase name="a"/></testsuite></testsuites>`, `may not have attribute "severity"`},
		{`<testsuites><testsuite tests="2"><testcase name="a"/></testsuite></testsuites>`, `tests="2", but it has 1`},
		{`<testsuites failures="0"><testsuite tests="1" failures="1"><testcase name="a"><failure/></testcase></testsuite></testsuites>`, `testsuites: failures="0"`},
		{`<testsuites><testsuite tests="1">stray<testcase name="a"/></testsuite></testsuites>`, "may not hold text"},
		{`<testsuites><testsuite tests="1"><testcase name="a">`, "not well-formed"},
	}
	for _, tt := range tests {
		_, errs := validateJUnit([]byte(tt.doc))
		if !strings.Contains(strings.Join(errs, "\n"), tt.want) {
			t.Errorf("%s\nviolations %q; want one containing %q", tt.doc, errs, tt.want)
		}
	}
}

// One test case per rule and resource; a fail is a failure, unknown, manual
// and suppressed findings are skipped with their reason, a pass has no
// outcome element; every case shows its evidence.
func TestJUnitCases(t *testing.T) {
	r := fixture()
	root, errs := validateJUnit(render(t, report.JUnit, r, report.Options{Rules: catalog()}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	cases := map[string]*xmlNode{}
	for _, c := range root.all("testcase") {
		key := c.attrs["classname"] + "|" + c.attrs["name"]
		if cases[key] != nil {
			t.Errorf("two cases %q", key)
		}
		cases[key] = c
	}
	if got, want := len(cases), len(r.Findings)+len(r.Errors); got != want {
		t.Errorf("%d cases; want one per finding and per input error, %d", got, want)
	}
	for _, f := range r.Findings {
		key := string(f.Section) + "." + f.Rule + "|" + f.Resource.Type + " " + f.Resource.Name
		c := cases[key]
		if c == nil {
			t.Errorf("no case %q", key)
			continue
		}
		var want string
		switch {
		case f.Suppressed:
			want = "skipped:suppressed"
		case f.Verdict == rules.Failed:
			want = "failure:" + f.Severity.String()
		case f.Verdict == rules.Unknown:
			want = "skipped:unknown"
		case f.Verdict == rules.Manual:
			want = "skipped:manual"
		}
		got := ""
		for _, k := range []string{"failure", "error", "skipped"} {
			if x := c.child(k); x != nil {
				got = k + ":" + x.attrs["type"]
			}
		}
		if got != want {
			t.Errorf("%s: outcome %q; want %q", key, got, want)
		}
		if x := c.child("skipped"); x != nil && x.attrs["message"] == "" {
			t.Errorf("%s: skipped without a reason", key)
		}
		out := c.child("system-out")
		if out == nil || !strings.Contains(out.text.String(), "Evidence:") {
			t.Errorf("%s: no evidence in system-out", key)
		}
	}
	suites := map[string]bool{}
	for _, s := range root.children {
		suites[s.attrs["name"]] = true
	}
	for _, s := range []string{"IAM", "Network", "Compliance", "Inputs"} {
		if !suites[s] {
			t.Errorf("no suite %q (have %v)", s, suites)
		}
	}
	if root.attrs["errors"] != "1" {
		t.Errorf("errors=%q; want the one unreadable input", root.attrs["errors"])
	}
}

// Cases must have distinct names, or Jenkins and Azure DevOps merge them:
// two resources of one type and name (in two subscriptions) are told apart.
func TestJUnitDistinctNames(t *testing.T) {
	a := rules.Finding{Rule: "AKS-NET-01", Verdict: rules.Failed, Severity: rules.Critical, Section: rules.Network,
		Resource: rules.ResourceRef{ID: "/subscriptions/1/resourceGroups/rg/providers/x/managedClusters/aks", Type: "cluster", Name: "aks"}}
	b := a
	b.Resource.ID = "/subscriptions/2/resourceGroups/rg/providers/x/managedClusters/aks"
	root, errs := validateJUnit(render(t, report.JUnit, &report.Report{Findings: []rules.Finding{a, b}}, report.Options{}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	cs := root.all("testcase")
	if len(cs) != 2 || cs[0].attrs["name"] == cs[1].attrs["name"] {
		t.Fatalf("cases not told apart: %v", cs)
	}
	if !strings.Contains(cs[0].attrs["name"], "/subscriptions/") {
		t.Errorf("name %q does not say which resource", cs[0].attrs["name"])
	}
}

// Text from the inputs survives XML intact and safe: a CDATA terminator, a
// terminal escape and a character XML forbids.
func TestJUnitHostileText(t *testing.T) {
	out := render(t, report.JUnit, hostile(), report.Options{})
	root, errs := validateJUnit(out)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var text strings.Builder
	for _, c := range root.all("system-out") {
		text.WriteString(c.text.String())
	}
	for _, want := range []string{"]]>", `\x1b[31m`, "<script>"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("system-out lost %q:\n%s", want, text.String())
		}
	}
	if bytes.ContainsRune(out, '\x1b') || bytes.ContainsRune(out, '\uFFFF') {
		t.Error("a control character or non-character reached the XML")
	}
}
