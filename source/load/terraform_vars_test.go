package load

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTerraformVariables: --var-file, --var and TF_VAR_ reach every
// Terraform root module, with Terraform's precedence (environment, then
// terraform.tfvars, then --var-file, then --var).
func TestTerraformVariables(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", `
variable "cluster" { type = string }
variable "registry" { type = string }
variable "vault" { type = string }
variable "workspace" { type = string }
resource "azurerm_kubernetes_cluster" "c" {
  name                = var.cluster
  resource_group_name = "rg"
}
resource "azurerm_container_registry" "r" {
  name                = var.registry
  resource_group_name = "rg"
}
resource "azurerm_key_vault" "v" {
  name                = var.vault
  resource_group_name = "rg"
}
resource "azurerm_log_analytics_workspace" "w" {
  name                = var.workspace
  resource_group_name = "rg"
}
`)
	write("terraform.tfvars", "registry = \"from-tfvars\"\nvault = \"from-tfvars\"\nworkspace = \"from-tfvars\"\n")
	write("prod.tfvars", "vault = \"from-var-file\"\nworkspace = \"from-var-file\"\n")
	opts := Options{Terraform: TerraformOptions{
		Env:      []string{"TF_VAR_cluster=from-env", "TF_VAR_registry=from-env", "PATH=/bin"},
		VarFiles: []string{filepath.Join(dir, "prod.tfvars")},
		Vars:     map[string]string{"workspace": "from-var"},
	}}
	e, diags, _ := Paths(context.Background(), []string{dir}, opts)
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags)
	}
	got := map[string]string{}
	for _, r := range e.All() {
		got[r.M().Name] = r.M().ID.Name()
	}
	want := map[string]string{
		"azurerm_kubernetes_cluster.c":      "from-env",
		"azurerm_container_registry.r":      "from-tfvars",
		"azurerm_key_vault.v":               "from-var-file",
		"azurerm_log_analytics_workspace.w": "from-var",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("names by resource type (-want +got):\n%s", diff)
	}
}
