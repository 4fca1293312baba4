package report_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const (
	liveNSG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks-prod-network" +
		"/providers/Microsoft.Network/networkSecurityGroups/nsg-aks-nodes"
	liveCluster = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks-legacy" +
		"/providers/Microsoft.ContainerService/managedClusters/aks-legacy"
)

// catalog is a few rules as the catalog defines them: a fix per source kind,
// one at the sensitive profile only. AKS-IMG-05 is left out on purpose, so
// that the SARIF writer must describe a rule from its findings.
func catalog() []*rules.Rule {
	return []*rules.Rule{
		{
			ID: "AKS-IAM-01", Title: "Entra ID (Azure AD) integration is enabled", Severity: rules.High,
			Section: rules.IAM, Practice: "Use Entra ID for cluster authentication",
			Doc: "Without Entra ID integration, access to the API server rests on certificates\nthat cannot be revoked one by one.",
			Fix: rules.Fix{
				CLI:       "az aks update -g <rg> -n <cluster> --enable-aad",
				Terraform: "azure_active_directory_role_based_access_control {\n  azure_rbac_enabled = true\n}",
				ARM:       "properties.aadProfile.managed: true",
			},
		},
		{
			ID: "AKS-IAM-02", Title: "Local accounts are disabled", Severity: rules.High, Section: rules.IAM,
			Doc: "Local accounts hand out a static cluster-admin credential that bypasses Entra ID, its MFA and its conditional access.",
			Fix: rules.Fix{
				CLI:       "az aks update -g <rg> -n <cluster> --disable-local-accounts",
				Terraform: "local_account_disabled = true",
				ARM:       "properties.disableLocalAccounts: true",
			},
		},
		{
			ID: "AKS-NET-01", Title: "The API server is not open to the internet", Severity: rules.Critical,
			Section: rules.Network,
			Doc:     "A public API server with no authorized IP ranges can be reached by anyone who steals a `kubeconfig`.",
			Fix: rules.Fix{
				CLI:       "az aks update -g <rg> -n <cluster> --api-server-authorized-ip-ranges <cidr>",
				Terraform: "api_server_access_profile {\n  authorized_ip_ranges = [\"203.0.113.0/24\"]\n}",
				ARM:       "properties.apiServerAccessProfile.authorizedIPRanges: [\"203.0.113.0/24\"]",
			},
		},
		{
			ID: "AKS-NET-05", Title: "A network policy engine is enabled", Severity: rules.High, Section: rules.Network,
			Doc: "Without a network policy engine, NetworkPolicy objects are accepted and ignored.",
			Fix: rules.Fix{
				CLI:       "az aks update -g <rg> -n <cluster> --network-policy azure",
				Terraform: "network_profile { network_policy = \"azure\" }",
			},
		},
		{
			ID: "AKS-NET-06", Title: "SSH to nodes is blocked except from the AKS subnets", Severity: rules.Critical,
			Section: rules.Network,
			Doc:     "An NSG rule that lets the internet reach port 22 exposes every node's SSH daemon.",
			Fix: rules.Fix{
				CLI:       "az network nsg rule create -g <rg> --nsg-name <nsg> -n deny-ssh --priority 100 --access Deny --protocol Tcp --destination-port-ranges 22",
				Terraform: "azurerm_network_security_rule with access = \"Deny\" and destination_port_range = \"22\"",
			},
		},
		{
			ID: "AKS-IAM-09", Title: "Customer-managed keys encrypt etcd secrets and disks", Severity: rules.Medium,
			Section: rules.IAM, SensitiveOnly: true,
			Doc: "Keys the customer holds can be revoked and rotated on the customer's schedule.",
			Fix: rules.Fix{Terraform: "key_management_service { key_vault_key_id = azurerm_key_vault_key.etcd.id }"},
		},
		{
			ID: "AKS-IMG-01", Title: "Workloads run only trusted images", Severity: rules.High, Section: rules.Compliance,
			Doc: "Images from public registries escape the supply-chain controls of the registry you own.",
			Fix: rules.Fix{Kubernetes: "image: myacr.azurecr.io/web@sha256:<digest>"},
		},
	}
}

// fixture is a report with every verdict, a finding in a file and one on a
// live resource, a suppressed finding, a finding whose evidence tries to
// inject a terminal escape, a very long unbreakable token, errors and a
// stale ignore. Its findings are deliberately not in the engine's order.
func fixture() *report.Report {
	cluster := rules.ResourceRef{ID: "azurerm_kubernetes_cluster.main", Type: "cluster", Name: "aks-prod"}
	nsg := rules.ResourceRef{ID: liveNSG, Type: "nsg", Name: "nsg-aks-nodes"}
	legacy := rules.ResourceRef{ID: liveCluster, Type: "cluster", Name: "aks-legacy"}
	web := rules.ResourceRef{ID: "apps/v1/Deployment/shop/web", Type: "workload", Name: "shop/web"}
	fs := []rules.Finding{
		{
			Rule: "AKS-IAM-02", Verdict: rules.Passed, Severity: rules.High, Section: rules.IAM,
			Title: "Local accounts are disabled", Resource: cluster,
			Location: rules.Location{File: "infra/aks.tf", Line: 12}, Evidence: "local_account_disabled = true",
			Remediation: "local_account_disabled = true", Source: estate.SourceTerraform, Path: "local_account_disabled",
		},
		{
			Rule: "AKS-NET-01", Verdict: rules.Failed, Severity: rules.Critical, Section: rules.Network,
			Title: "The API server is not open to the internet", Resource: cluster,
			Location:    rules.Location{File: "infra/aks.tf", Line: 18},
			Evidence:    `api_server_access_profile.authorized_ip_ranges = ["0.0.0.0/0"]`,
			Remediation: "api_server_access_profile {\n  authorized_ip_ranges = [\"203.0.113.0/24\"]\n}",
			Source:      estate.SourceTerraform, Path: "api_server_access_profile.authorized_ip_ranges",
		},
		{
			Rule: "AKS-IAM-01", Verdict: rules.Unknown, Severity: rules.High, Section: rules.IAM,
			Title: "Entra ID (Azure AD) integration is enabled", Resource: cluster,
			Location:    rules.Location{File: "infra/aks.tf", Line: 12},
			Evidence:    "azure_active_directory_role_based_access_control is not determined by the inputs (var.aad_enabled has no value)",
			Remediation: "azure_active_directory_role_based_access_control {\n  azure_rbac_enabled = true\n}",
			Source:      estate.SourceTerraform,
		},
		{
			Rule: "AKS-NET-06", Verdict: rules.Failed, Severity: rules.Critical, Section: rules.Network,
			Title: "SSH to nodes is blocked except from the AKS subnets", Resource: nsg,
			Evidence: "securityRules[allow-ssh] allows TCP 22 from Internet (priority 100); default rule " +
				"AllowVnetInBound (65000) also lets the whole virtual network reach port 22",
			Remediation: "az network nsg rule create -g rg-aks-prod-network --nsg-name nsg-aks-nodes -n deny-ssh " +
				"--priority 100 --access Deny --protocol Tcp --destination-port-ranges 22",
			Source: estate.SourceAzure, Path: "properties.securityRules",
		},
		{
			Rule: "AKS-IMG-05", Verdict: rules.Manual, Severity: rules.High, Section: rules.Compliance,
			Title: "Images are scanned and kept fresh", Resource: web,
			Location:    rules.Location{File: "k8s/web.yaml", Line: 3},
			Evidence:    "no vulnerability report was given: check that myacr.azurecr.io/web:1.4 has no fixable critical vulnerability",
			Remediation: "trivy image --format json myacr.azurecr.io/web:1.4 > web.trivy.json", Source: estate.SourceKubernetes,
		},
		{
			Rule: "AKS-IMG-01", Verdict: rules.Failed, Severity: rules.High, Section: rules.Compliance,
			Title: "Workloads run only trusted images", Resource: web,
			Location: rules.Location{File: "k8s/web.yaml", Line: 21},
			// An attacker-written image reference: an escape sequence that
			// would repaint the terminal, and a token no line can hold.
			Evidence:    "spec.template.spec.containers[web].image = \"docker.io/evil\x1b[2J/" + longToken() + "\" is not from a trusted registry",
			Remediation: "image: myacr.azurecr.io/web@sha256:<digest>", Source: estate.SourceKubernetes,
		},
		{
			Rule: "AKS-NET-05", Verdict: rules.Failed, Severity: rules.High, Section: rules.Network,
			Title: "A network policy engine is enabled", Resource: legacy,
			Evidence: "properties.networkProfile.networkPolicy = none", Remediation: "az aks update -g rg-aks-legacy -n aks-legacy --network-policy azure",
			Suppressed: true, SuppressedBy: ".aksguard.yaml:7: migrating to Cilium (expires 2030-01-01)",
			Source: estate.SourceAzure, Path: "properties.networkProfile.networkPolicy",
		},
		{
			Rule: "AKS-IAM-09", Verdict: rules.Failed, Severity: rules.Info, Section: rules.IAM,
			Title: "Customer-managed keys encrypt etcd secrets and disks", Resource: legacy,
			Evidence:    "properties.securityProfile.azureKeyVaultKms.enabled = false (default)",
			Remediation: "az aks update -g rg-aks-legacy -n aks-legacy --enable-azure-keyvault-kms", Source: estate.SourceAzure,
		},
		{
			Rule: "AKS-IAM-02", Verdict: rules.Passed, Severity: rules.High, Section: rules.IAM,
			Title: "Local accounts are disabled", Resource: legacy,
			Evidence: "properties.disableLocalAccounts = true", Remediation: "az aks update --disable-local-accounts",
			Source: estate.SourceAzure, Path: "properties.disableLocalAccounts",
		},
	}
	return &report.Report{
		SchemaVersion: report.SchemaVersion,
		Tool:          report.Tool{Name: "aksguard", Version: "1.2.3"},
		Findings:      fs,
		Summary:       report.Summarize(fs),
		Errors: []report.Error{
			{Input: "exports/bad.json", Line: 3, Column: 7, Message: "invalid character '}' looking for beginning of object key string", Severity: "error"},
			{Input: "infra/variables.tf", Line: 40, Message: "variable \"aad_enabled\" has no default and no value; dependent verdicts are unknown", Severity: "warning"},
		},
		Ignores: []report.IgnoreNote{
			{Rule: "AKS-NET-09", Resource: "aks-old", Reason: "decommissioned", Status: "stale", Where: ".aksguard.yaml:12"},
		},
	}
}

func longToken() string {
	return "sha256-" + string(bytes.Repeat([]byte("0123456789abcdef"), 8))
}

// render writes r in format f and fails the test on error.
func render(t *testing.T, f report.Format, r *report.Report, o report.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := report.Write(&buf, f, r, o); err != nil {
		t.Fatalf("Write(%s): %v", f, err)
	}
	return buf.Bytes()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

func TestGolden(t *testing.T) {
	tests := []struct {
		golden string
		format report.Format
		opts   report.Options
	}{
		{"report.json.golden", report.JSON, report.Options{}},
		{"report.table.golden", report.Table, report.Options{}},
		{"report.table-all.golden", report.Table, report.Options{ShowAll: true}},
		{"report.table-color.golden", report.Table, report.Options{Color: true}},
		{"report.table-60.golden", report.Table, report.Options{Width: 60}},
		{"report.sarif.golden", report.SARIF, report.Options{Rules: catalog()}},
		{"report.table-section.golden", report.Table, report.Options{GroupBySection: true, Rules: catalog()}},
		{"report.table-section-all.golden", report.Table, report.Options{GroupBySection: true, ShowAll: true, Rules: catalog()}},
		{"report.html.golden", report.HTML, report.Options{Rules: catalog()}},
		{"report.junit.golden", report.JUnit, report.Options{Rules: catalog()}},
		{"report.csv.golden", report.CSV, report.Options{Rules: catalog()}},
		{"report.md.golden", report.Markdown, report.Options{Rules: catalog()}},
		{"report.practices.json.golden", report.JSON, report.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			r := fixture()
			if strings.HasPrefix(tt.golden, "report.practices.") {
				// The CLI fills the compliance view; the JSON holds it then.
				r.Practices = report.Compliance(r.Findings, catalog())
			}
			golden(t, tt.golden, render(t, tt.format, r, tt.opts))
		})
	}
}

// The output must not depend on the order findings arrive in.
func TestDeterministic(t *testing.T) {
	for _, f := range report.Formats() {
		r := fixture()
		a := render(t, f, r, report.Options{ShowAll: true, Rules: catalog()})
		b := render(t, f, r, report.Options{ShowAll: true, Rules: catalog()})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings of the same report differ", f)
		}
	}
	fwd, rev := fixture(), fixture()
	for i, j := 0, len(rev.Findings)-1; i < j; i, j = i+1, j-1 {
		rev.Findings[i], rev.Findings[j] = rev.Findings[j], rev.Findings[i]
	}
	// The formats for people and dashboards sort; JSON and SARIF keep the
	// engine's order.
	for _, f := range []report.Format{report.Table, report.HTML, report.JUnit, report.CSV, report.Markdown} {
		o := report.Options{ShowAll: true, GroupBySection: true, Rules: catalog()}
		a := render(t, f, fwd, o)
		b := render(t, f, rev, o)
		if diff := cmp.Diff(string(a), string(b)); diff != "" {
			t.Errorf("%s depends on the order of findings (-forward +reversed):\n%s", f, diff)
		}
	}
}

func TestWriteRejects(t *testing.T) {
	var buf bytes.Buffer
	if err := report.Write(&buf, "xml", fixture(), report.Options{}); err == nil {
		t.Error(`Write("xml") succeeded; want an error naming the formats`)
	}
	if err := report.Write(&buf, report.JSON, nil, report.Options{}); err == nil {
		t.Error("Write(nil report) succeeded; want an error")
	}
}
