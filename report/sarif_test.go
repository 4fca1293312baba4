package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

// TestSARIFSchema validates the output against the official OASIS SARIF 2.1.0
// schema (testdata/sarif-schema-2.1.0.json; see the .md beside it), formats
// (uri, uri-reference) asserted.
func TestSARIFSchema(t *testing.T) {
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	odd := &report.Report{Findings: []rules.Finding{{
		Rule: "AKS-X-01", Verdict: rules.Failed, Severity: rules.Low,
		Location: rules.Location{File: `C:\work\infra dir\main.tf`, Line: 1},
	}, {
		Rule: "AKS-X-02", Verdict: rules.Unknown, Severity: rules.Medium,
		Location: rules.Location{File: "-"},
	}}}
	tests := []struct {
		name string
		r    *report.Report
		o    report.Options
	}{
		{"fixture with catalog", fixture(), report.Options{Rules: catalog()}},
		{"fixture without catalog", fixture(), report.Options{}},
		{"empty report", &report.Report{}, report.Options{}},
		{"odd paths, no resource", odd, report.Options{}},
	}
	// The schema must be able to fail: a level SARIF does not define.
	bad := bytes.Replace(render(t, report.SARIF, fixture(), report.Options{}), []byte(`"level": "error"`), []byte(`"level": "severe"`), 1)
	if inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad)); err != nil {
		t.Fatal(err)
	} else if schema.Validate(inst) == nil {
		t.Fatal(`the schema accepts "level": "severe"; validation is not working`)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, report.SARIF, tt.r, tt.o)))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("SARIF does not validate: %v", err)
			}
		})
	}
}

// The parts of the SARIF log that code scanning reads.
type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name, Version, InformationURI string
				Rules                         []struct {
					ID                   string
					ShortDescription     struct{ Text string }
					Help                 struct{ Text, Markdown string }
					DefaultConfiguration struct{ Level string }
					Properties           map[string]any
				}
			}
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct {
				Level   string
				Message struct{ Text string }
			}
		}
		Results []sarifResult
	}
}

type sarifResult struct {
	RuleID, Kind, Level string
	RuleIndex           int
	Message             struct{ Text string }
	Locations           []struct {
		PhysicalLocation *struct {
			ArtifactLocation struct{ URI string }
			Region           *struct{ StartLine int }
		}
		LogicalLocations []struct{ FullyQualifiedName, Kind string }
	}
	PartialFingerprints map[string]string
	Suppressions        []struct{ Kind, Status, Justification string }
}

func decodeSARIF(t *testing.T, r *report.Report, o report.Options) sarifDoc {
	t.Helper()
	var d sarifDoc
	if err := json.Unmarshal(render(t, report.SARIF, r, o), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("%d runs; want 1", len(d.Runs))
	}
	return d
}

func TestSARIFContent(t *testing.T) {
	d := decodeSARIF(t, fixture(), report.Options{Rules: catalog()})
	run := d.Runs[0]
	drv := run.Tool.Driver
	if drv.Name != "aksguard" || drv.Version != "1.2.3" || drv.InformationURI == "" {
		t.Errorf("driver = %q %q %q", drv.Name, drv.Version, drv.InformationURI)
	}
	// Every catalog rule, then AKS-IMG-05, which only a finding names.
	if got, want := len(drv.Rules), len(catalog())+1; got != want {
		t.Fatalf("%d rules; want %d", got, want)
	}
	for _, r := range drv.Rules {
		sev, _ := r.Properties["security-severity"].(string)
		tags, _ := r.Properties["tags"].([]any)
		if sev == "" || len(tags) != 2 || tags[1] != "security" || r.DefaultConfiguration.Level == "" || r.Help.Markdown == "" {
			t.Errorf("rule %s lacks code-scanning metadata: %+v", r.ID, r)
		}
	}
	net01 := drv.Rules[2]
	if net01.ID != "AKS-NET-01" || net01.Properties["security-severity"] != "9.5" ||
		!strings.Contains(net01.Help.Text, "Azure CLI") || !strings.Contains(net01.Help.Markdown, "```hcl\napi_server_access_profile {") {
		t.Errorf("AKS-NET-01 help does not give the fix for every source: %+v", net01)
	}

	byRule := map[string]sarifResult{}
	for _, r := range run.Results {
		byRule[r.RuleID] = r
		if drv.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("%s: ruleIndex %d points at %s", r.RuleID, r.RuleIndex, drv.Rules[r.RuleIndex].ID)
		}
	}
	if _, ok := byRule["AKS-IAM-02"]; ok || len(run.Results) != 7 {
		t.Errorf("%d results; want the 7 non-pass findings and no pass", len(run.Results))
	}
	for _, tt := range []struct{ rule, kind, level string }{
		{"AKS-NET-01", "fail", "error"},
		{"AKS-IAM-09", "fail", "note"},
		{"AKS-IAM-01", "review", "none"},
		{"AKS-IMG-05", "review", "none"},
	} {
		if r := byRule[tt.rule]; r.Kind != tt.kind || r.Level != tt.level {
			t.Errorf("%s: kind %q level %q; want %q %q", tt.rule, r.Kind, r.Level, tt.kind, tt.level)
		}
	}

	file := byRule["AKS-NET-01"].Locations[0]
	if file.PhysicalLocation == nil || file.PhysicalLocation.ArtifactLocation.URI != "infra/aks.tf" ||
		file.PhysicalLocation.Region.StartLine != 18 {
		t.Errorf("file finding location = %+v", file)
	}
	live := byRule["AKS-NET-06"].Locations[0]
	if live.PhysicalLocation != nil || len(live.LogicalLocations) != 1 ||
		live.LogicalLocations[0].FullyQualifiedName != liveNSG || live.LogicalLocations[0].Kind != "resource" {
		t.Errorf("live finding location = %+v", live)
	}
	if msg := byRule["AKS-NET-06"].Message.Text; !strings.Contains(msg, "AllowVnetInBound") || !strings.Contains(msg, "Remediation: az network nsg rule create") {
		t.Errorf("message lacks evidence or remediation: %q", msg)
	}
	if s := byRule["AKS-NET-05"].Suppressions; len(s) != 1 || s[0].Status != "accepted" || !strings.Contains(s[0].Justification, "Cilium") {
		t.Errorf("suppressed finding: suppressions = %+v", s)
	}
	if s := byRule["AKS-NET-01"].Suppressions; s != nil {
		t.Errorf("unsuppressed finding has suppressions %+v", s)
	}

	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 2 ||
		inv.ToolExecutionNotifications[0].Level != "error" || inv.ToolExecutionNotifications[1].Level != "warning" ||
		!strings.HasPrefix(inv.ToolExecutionNotifications[0].Message.Text, "exports/bad.json:3:7: ") {
		t.Errorf("invocation = %+v", inv)
	}
}

// An alert must survive its block moving in the file, and tell two
// resources apart.
func TestSARIFFingerprints(t *testing.T) {
	fp := func(f rules.Finding) string {
		d := decodeSARIF(t, &report.Report{Findings: []rules.Finding{f}}, report.Options{})
		return d.Runs[0].Results[0].PartialFingerprints["aksguardResource/v1"]
	}
	base := rules.Finding{
		Rule: "AKS-NET-01", Verdict: rules.Failed, Severity: rules.Critical,
		Resource: rules.ResourceRef{ID: "azurerm_kubernetes_cluster.main", Type: "cluster", Name: "aks"},
		Location: rules.Location{File: "infra/aks.tf", Line: 18}, Evidence: "a",
	}
	moved := base
	moved.Location.Line = 40
	moved.Evidence = "b"
	other := base
	other.Resource.ID = "azurerm_kubernetes_cluster.other"
	otherRule := base
	otherRule.Rule = "AKS-NET-05"
	if fp(base) == "" || fp(base) != fp(moved) {
		t.Errorf("fingerprint changed when the finding moved: %q, %q", fp(base), fp(moved))
	}
	if fp(base) == fp(other) || fp(base) == fp(otherRule) {
		t.Error("fingerprint does not tell resources or rules apart")
	}
}

func TestSARIFArtifactURIs(t *testing.T) {
	tests := []struct{ file, want string }{
		{"infra/aks.tf", "infra/aks.tf"},
		{"./infra/aks.tf", "infra/aks.tf"},
		{`infra\aks.tf`, "infra/aks.tf"},
		{"infra dir/main.tf", "infra%20dir/main.tf"},
		{"/home/me/infra/aks.tf", "file:///home/me/infra/aks.tf"},
		{`C:\infra\aks.tf`, "file:///C:/infra/aks.tf"},
	}
	for _, tt := range tests {
		d := decodeSARIF(t, &report.Report{Findings: []rules.Finding{{
			Rule: "AKS-NET-01", Verdict: rules.Failed, Severity: rules.High, Location: rules.Location{File: tt.file},
		}}}, report.Options{})
		loc := d.Runs[0].Results[0].Locations[0]
		if loc.PhysicalLocation == nil || loc.PhysicalLocation.ArtifactLocation.URI != tt.want {
			t.Errorf("file %q: location %+v; want uri %q", tt.file, loc, tt.want)
		}
	}
}
