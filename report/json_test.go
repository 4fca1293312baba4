package report_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

// The JSON report is a contract (DESIGN.md): these keys, these types.
func TestJSONContract(t *testing.T) {
	out := render(t, report.JSON, fixture(), report.Options{})
	if !bytes.HasSuffix(out, []byte("}\n")) || !bytes.HasPrefix(out, []byte("{\n  \"schemaVersion\": 1,")) {
		t.Errorf("want two-space indent, schemaVersion first and a trailing newline; got:\n%.80s", out)
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	wantKeys(t, "report", doc, "schemaVersion", "tool", "findings", "summary", "errors", "ignores")
	wantKeys(t, "tool", doc["tool"].(map[string]any), "name", "version")
	wantKeys(t, "summary", doc["summary"].(map[string]any), "pass", "fail", "unknown", "manual")
	findings := doc["findings"].([]any)
	if len(findings) != len(fixture().Findings) {
		t.Fatalf("%d findings in JSON; want all %d, passes included", len(findings), len(fixture().Findings))
	}
	for _, f := range findings {
		m := f.(map[string]any)
		for _, k := range []string{"rule", "verdict", "severity", "section", "title", "resource", "location", "evidence", "remediation", "suppressed"} {
			if _, ok := m[k]; !ok {
				t.Errorf("finding %v has no %q", m["rule"], k)
			}
		}
		wantKeys(t, "resource", m["resource"].(map[string]any), "id", "type", "name")
		if _, ok := m["suppressed"].(bool); !ok {
			t.Errorf("finding %v: suppressed is %T, want a boolean", m["rule"], m["suppressed"])
		}
	}
	for _, e := range doc["errors"].([]any) {
		m := e.(map[string]any)
		if _, ok := m["input"].(string); !ok {
			t.Errorf("error without input: %v", m)
		}
		if _, ok := m["message"].(string); !ok {
			t.Errorf("error without message: %v", m)
		}
	}
	// HTML escaping would print "<rg>" as "\u003crg\u003e".
	if !bytes.Contains(out, []byte("sha256:<digest>")) {
		t.Error("remediation text is HTML-escaped")
	}
}

func wantKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	var got []string
	for k := range m {
		got = append(got, k)
	}
	slices.Sort(got)
	slices.Sort(keys)
	if diff := cmp.Diff(keys, got); diff != "" {
		t.Errorf("%s keys (-want +got):\n%s", what, diff)
	}
}

// Automation reads the report back into the same types.
func TestJSONRoundTrip(t *testing.T) {
	in := fixture()
	var back report.Report
	if err := json.Unmarshal(render(t, report.JSON, in, report.Options{}), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, &back); diff != "" {
		t.Errorf("report changed through JSON (-in +out):\n%s", diff)
	}
}

// An empty or half-filled report still meets the contract: arrays, never
// null; the schema version and tool name set; the summary counted.
func TestJSONNormalizes(t *testing.T) {
	tests := []struct {
		name string
		in   *report.Report
		want string
	}{
		{
			name: "empty",
			in:   &report.Report{},
			want: `{"schemaVersion":1,"tool":{"name":"aksguard","version":""},"findings":[],` +
				`"summary":{"pass":0,"fail":0,"unknown":0,"manual":0},"errors":[]}`,
		},
		{
			name: "summary left zero",
			in: &report.Report{Findings: []rules.Finding{
				{Rule: "AKS-IAM-02", Verdict: rules.Failed, Severity: rules.High},
				{Rule: "AKS-IAM-02", Verdict: rules.Passed, Severity: rules.High},
				{Rule: "AKS-IAM-02", Verdict: rules.Failed, Severity: rules.High, Suppressed: true},
			}},
			want: `"summary":{"pass":1,"fail":1,"unknown":0,"manual":0}`,
		},
		{
			name: "error without severity",
			in:   &report.Report{Errors: []report.Error{{Input: "a.json", Message: "unreadable"}}},
			want: `"errors":[{"input":"a.json","message":"unreadable","severity":"error"}]`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var compact bytes.Buffer
			if err := json.Compact(&compact, render(t, report.JSON, tt.in, report.Options{})); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(compact.String(), tt.want) {
				t.Errorf("got %s\nwant it to contain %s", compact.String(), tt.want)
			}
		})
	}
	// Normalizing must not change the caller's report.
	r := &report.Report{Errors: []report.Error{{Input: "a.json", Message: "x"}}}
	render(t, report.JSON, r, report.Options{})
	if r.SchemaVersion != 0 || r.Findings != nil || r.Errors[0].Severity != "" {
		t.Errorf("Write modified its report: %+v", r)
	}
}

// The findings are written one at a time; the bytes are those of encoding
// the whole report at once, as the contract's two-space indentation has it.
func TestJSONStreamedAsOneDocument(t *testing.T) {
	in := fixture()
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(in); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.String(), string(render(t, report.JSON, in, report.Options{}))); diff != "" {
		t.Errorf("streamed report differs from the whole encoding (-want +got):\n%s", diff)
	}
}
