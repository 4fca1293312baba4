package net

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// all lists the package's rules; TestEveryRuleIsListed keeps it complete.
var all = map[string]*rules.Rule{
	"NET01": NET01, "NET02": NET02, "NET03": NET03, "NET04": NET04, "NET05": NET05,
	"NET06": NET06, "NET07": NET07, "NET08": NET08, "NET09": NET09, "NET10": NET10,
}

// severities are RULES.md's; NET-10 has none there and is info because it
// only ever reports manual findings.
var severities = map[string]rules.Severity{
	"AKS-NET-01": rules.Critical, "AKS-NET-02": rules.High, "AKS-NET-03": rules.High, "AKS-NET-04": rules.Medium,
	"AKS-NET-05": rules.High, "AKS-NET-06": rules.Critical, "AKS-NET-07": rules.Medium, "AKS-NET-08": rules.High,
	"AKS-NET-09": rules.High, "AKS-NET-10": rules.Info,
}

// TestEveryRuleIsListed parses the package so that a rule added in a new
// file cannot escape the checks below.
func TestEveryRuleIsListed(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, de := range entries {
		if !strings.HasSuffix(de.Name(), ".go") || strings.HasSuffix(de.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), de.Name(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, s := range g.Specs {
				for _, n := range s.(*ast.ValueSpec).Names {
					if n.IsExported() {
						found = append(found, n.Name)
					}
				}
			}
		}
	}
	slices.Sort(found)
	var listed []string
	for k := range all {
		listed = append(listed, k)
	}
	slices.Sort(listed)
	if !slices.Equal(found, listed) {
		t.Errorf("exported vars %q, listed rules %q", found, listed)
	}
}

func TestRulesAreWellFormed(t *testing.T) {
	idPattern := regexp.MustCompile(`^AKS-NET-(\d{2})$`)
	ids := make(map[string]bool)
	for name, r := range all {
		m := idPattern.FindStringSubmatch(r.ID)
		if m == nil || name != "NET"+m[1] {
			t.Errorf("%s: ID %q does not match its name", name, r.ID)
			continue
		}
		if ids[r.ID] {
			t.Errorf("%s: duplicate ID", r.ID)
		}
		ids[r.ID] = true
		if r.Severity != severities[r.ID] {
			t.Errorf("%s: severity %s, want %s", r.ID, r.Severity, severities[r.ID])
		}
		if r.Section != rules.Network {
			t.Errorf("%s: section %q", r.ID, r.Section)
		}
		if r.Title == "" || strings.HasSuffix(r.Title, ".") || r.Title != strings.TrimSpace(r.Title) {
			t.Errorf("%s: title %q must be one line without a final period", r.ID, r.Title)
		}
		if r.Practice == "" || r.Doc == "" || r.Check == nil {
			t.Errorf("%s: needs a practice, a doc and a check", r.ID)
		}
		if len(r.Doc) < 200 {
			t.Errorf("%s: the doc should give the rationale and what the rule reads", r.ID)
		}
		f := r.Fix
		if r.ID == "AKS-NET-07" {
			if f.Kubernetes == "" {
				t.Errorf("%s: a Kubernetes-only rule needs a Kubernetes fix", r.ID)
			}
			continue
		}
		if f.CLI == "" || f.Terraform == "" || f.ARM == "" {
			t.Errorf("%s: an Azure rule needs CLI, Terraform and ARM fixes", r.ID)
		}
		if r.ID != "AKS-NET-10" && !strings.Contains(f.CLI, "az ") {
			t.Errorf("%s: the CLI fix is not an az command: %q", r.ID, f.CLI)
		}
	}
}

// zeroEstate holds one resource of every kind a network rule reads, with
// every value left zero: unknown to the rules.
func zeroEstate() *estate.Estate {
	sn := vnetID + "/subnets/zero"
	return &estate.Estate{
		Clusters: []*estate.Cluster{{Meta: meta(aks), NodePools: []*estate.NodePool{{Meta: meta(aks + "/agentPools/p")}}}},
		NodePools: []*estate.NodePool{
			{Meta: meta(aks + "/agentPools/q"), Cluster: aks, SubnetID: set(sn, "vnetSubnetID")},
		},
		Subnets:         []*estate.Subnet{{Meta: meta(sn)}},
		NSGs:            []*estate.NSG{{Meta: meta(nsgID), Rules: []*estate.SecurityRule{{Meta: meta(nsgID + "/securityRules/r")}}}},
		RouteTables:     []*estate.RouteTable{{Meta: meta(rtID), Routes: []*estate.Route{{Meta: meta(rtID + "/routes/r")}}}},
		Firewalls:       []*estate.Firewall{{Meta: meta(fwID)}},
		AppGateways:     []*estate.AppGateway{{Meta: meta(id("Microsoft.Network/applicationGateways/g"))}},
		StorageAccounts: []*estate.StorageAccount{{Meta: meta(id("Microsoft.Storage/storageAccounts/s"))}},
		ConfigMaps:      []*estate.ConfigMap{{Meta: meta("k8s:ConfigMap/ns/c"), Data: map[string]string{"ssl-protocols": ""}}},
		Workloads:       []*estate.Workload{{Meta: meta("k8s:Deployment/app/w")}},
		NetworkPolicies: []*estate.NetworkPolicy{{Meta: meta("k8s:NetworkPolicy/app/n")}},
	}
}

// TestUnknownNeverPasses: an estate whose values the inputs leave unresolved
// yields no pass from any rule, and every rule still reports.
func TestUnknownNeverPasses(t *testing.T) {
	for _, r := range all {
		fs, err := rules.Evaluate(context.Background(), zeroEstate(), rules.DefaultConfig(), []*rules.Rule{r})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) == 0 {
			t.Errorf("%s: no finding", r.ID)
		}
		for _, f := range fs {
			if f.Verdict == rules.Passed {
				t.Errorf("%s passes %s on unresolved values: %s", r.ID, f.Resource.ID, f.Evidence)
			}
			if f.Evidence == "" {
				t.Errorf("%s: empty evidence on %s", r.ID, f.Resource.ID)
			}
		}
	}
}

// TestFindingsAreDeterministic: the same estate gives the same findings.
func TestFindingsAreDeterministic(t *testing.T) {
	run := func() string {
		var rs []*rules.Rule
		for _, r := range all {
			rs = append(rs, r)
		}
		fs, err := rules.Evaluate(context.Background(), sshEstate(nsgRule("a", 100, "Allow", "*", []string{"*", "10.0.0.0/8", "AzureCloud"}, []string{"*"})), rules.DefaultConfig(), rs)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(fs)
	}
	first := run()
	for range 5 {
		if run() != first {
			t.Fatal("findings differ between runs")
		}
	}
}
