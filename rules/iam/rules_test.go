package iam

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/rules"
)

// TestRulesAreWellFormed checks every rule of the package against the
// catalog's contract: IDs in order, severities as RULES.md gives them, and
// documentation and a remediation for each kind of source the rule reads.
func TestRulesAreWellFormed(t *testing.T) {
	severity := map[string]rules.Severity{ // RULES.md, IAM table
		"AKS-IAM-01": rules.High, "AKS-IAM-02": rules.High, "AKS-IAM-03": rules.Medium,
		"AKS-IAM-04": rules.High, "AKS-IAM-05": rules.High, "AKS-IAM-06": rules.Medium,
		"AKS-IAM-07": rules.Medium, "AKS-IAM-08": rules.High, "AKS-IAM-09": rules.Medium,
	}
	kubernetesOnly := map[string]bool{"AKS-IAM-07": true}
	idPattern := regexp.MustCompile(`^AKS-IAM-\d{2}$`)

	all := Rules()
	if len(all) != len(severity) {
		t.Fatalf("Rules() has %d rules, want %d", len(all), len(severity))
	}
	for i, r := range all {
		if want := fmt.Sprintf("AKS-IAM-%02d", i+1); r.ID != want || !idPattern.MatchString(r.ID) {
			t.Errorf("rule %d has ID %q, want %q", i, r.ID, want)
		}
		if r.Severity != severity[r.ID] {
			t.Errorf("%s: severity %s, want %s", r.ID, r.Severity, severity[r.ID])
		}
		if r.Section != rules.IAM {
			t.Errorf("%s: section %q, want %q", r.ID, r.Section, rules.IAM)
		}
		if r.Title == "" || r.Practice == "" || r.Check == nil {
			t.Errorf("%s: needs a title, a practice and a check", r.ID)
		}
		if len(strings.Fields(r.Doc)) < 40 {
			t.Errorf("%s: doc is too short to give the rationale and what the rule reads", r.ID)
		}
		if kubernetesOnly[r.ID] {
			if r.Fix.Kubernetes == "" {
				t.Errorf("%s: reads manifests but has no Kubernetes fix", r.ID)
			}
		} else if r.Fix.CLI == "" || r.Fix.Terraform == "" || r.Fix.ARM == "" {
			t.Errorf("%s: needs a CLI, Terraform and ARM fix", r.ID)
		}
		if r.Fix.CLI != "" && !strings.HasPrefix(r.Fix.CLI, "az ") {
			t.Errorf("%s: CLI fix %q is not an az command", r.ID, r.Fix.CLI)
		}
		if r.SensitiveOnly != (r.ID == "AKS-IAM-09") {
			t.Errorf("%s: SensitiveOnly = %v", r.ID, r.SensitiveOnly)
		}
	}
}

// TestRulesReportNothingOnAnEmptyEstate: no resource, no finding, and no
// panic on an estate without companions.
func TestRulesReportNothingOnAnEmptyEstate(t *testing.T) {
	for _, r := range Rules() {
		if got := run(r, estateOf(), rules.DefaultConfig()); len(got) != 0 {
			t.Errorf("%s reported %d findings on an empty estate", r.ID, len(got))
		}
	}
}
