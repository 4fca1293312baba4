package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/internal/iostreams"
)

// tfRoot declares three cluster settings as variables without defaults, so
// that each verdict says which source set them.
const tfRoot = `
variable "private" { type = bool }
variable "local_accounts_disabled" { type = bool }
variable "policy" { type = bool }
resource "azurerm_kubernetes_cluster" "aks" {
  name                    = "aks"
  resource_group_name     = "rg"
  private_cluster_enabled = var.private
  local_account_disabled  = var.local_accounts_disabled
  azure_policy_enabled    = var.policy
  default_node_pool {
    name       = "system"
    node_count = 1
  }
}
`

// TestScanTerraformVariables: --var, --var-file and TF_VAR_ give Terraform
// root variables their values, with Terraform's precedence (--var over
// --var-file over the environment), and a malformed --var is a usage error.
func TestScanTerraformVariables(t *testing.T) {
	dir := tree(t, map[string]string{"infra/main.tf": tfRoot, "envs/prod.tfvars": "local_accounts_disabled = true\npolicy = false\n"})
	t.Setenv("TF_VAR_private", "true")
	t.Setenv("TF_VAR_policy", "true") // the var file overrides it
	verdicts := func(args ...string) map[string]string {
		t.Helper()
		io, _, out, errOut := iostreams.Test()
		args = append([]string{"scan", "--format", "json"}, append(args, filepath.Join(dir, "infra"))...)
		if code := Run(context.Background(), args, NewFactory(io)); code == 2 {
			t.Fatalf("exit 2: %s", errOut)
		}
		got := map[string]string{}
		for _, f := range decodeReport(t, out.String()).Findings {
			switch f.Rule {
			case "AKS-NET-01", "AKS-IAM-02", "AKS-IMG-03":
				got[f.Rule] = f.Verdict.String()
			}
		}
		return got
	}
	got := verdicts("--var-file", filepath.Join(dir, "envs", "prod.tfvars"), "--var", "policy=false", "--var", "policy=true")
	want := map[string]string{"AKS-NET-01": "pass", "AKS-IAM-02": "pass", "AKS-IMG-03": "pass"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("with --var-file, --var and TF_VAR_ (-want +got):\n%s", diff)
	}
	// Without the flags only the environment speaks: local accounts unknown.
	got = verdicts()
	want = map[string]string{"AKS-NET-01": "pass", "AKS-IAM-02": "unknown", "AKS-IMG-03": "pass"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("with TF_VAR_ only (-want +got):\n%s", diff)
	}

	io, _, _, errOut := iostreams.Test()
	if code := Run(context.Background(), []string{"scan", "--var", "private", dir}, NewFactory(io)); code != 2 || !strings.Contains(errOut.String(), "NAME=VALUE") {
		t.Errorf("--var without '=': exit %d, want 2 with a usage message; stderr:\n%s", code, errOut)
	}
}
