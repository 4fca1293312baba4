package load

import (
	"context"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestPlanIaC(t *testing.T) {
	files := map[string]string{
		"infra/main.tf":            "module \"aks\" {\n  source = \"./modules/aks\"\n}\nterraform {\n  required_providers {\n    azurerm = { source = \"hashicorp/azurerm\" }\n  }\n}\n",
		"infra/variables.tf":       "variable \"x\" {}\n",
		"infra/modules/aks/aks.tf": "resource \"azurerm_kubernetes_cluster\" \"this\" {}\n",
		"examples/basic/main.tf":   "module \"aks\" {\n  source = \"../../infra/modules/aks\"\n}\n",
		"json/main.tf.json":        `{"module": {"net": {"source": "./net"}}}`,
		"json/net/net.tf":          "resource \"azurerm_virtual_network\" \"v\" {}\n",
		"lonely/child/x.tf":        "resource \"azurerm_subnet\" \"s\" {}\n",
		"bicep/main.bicep":         "module aks './modules/aks.bicep' = {\n  name: 'aks'\n}\nmodule reg 'br:contoso.azurecr.io/bicep/acr:v1' = {}\n",
		"bicep/modules/aks.bicep":  "param name string\n",
		"bicep/main.bicepparam":    "using './main.bicep'\n",
		"bicep/other.bicep":        "param x string\n",
	}
	var inputs []input
	for name, content := range files {
		data := []byte(content)
		inputs = append(inputs, input{name: name, read: func() ([]byte, error) { return data, nil }})
	}
	inputs = append(inputs, input{name: "lonely/child/y.tf", explicit: true, read: func() ([]byte, error) { return []byte("\n"), nil }})
	roots := planIaC(inputs, paths{slash: true})
	var got []string
	for _, r := range roots {
		got = append(got, r.name)
	}
	// infra/modules/aks and json/net are called by other modules; a
	// directory named by a file on the command line is a root anyway.
	want := []string{"examples/basic", "infra", "json", "lonely/child"}
	if diff := cmp.Diff(want, sorted(got)); diff != "" {
		t.Errorf("root modules (-want +got):\n%s", diff)
	}
	covered := map[string]Kind{}
	for _, in := range inputs {
		if in.covered != Unknown {
			covered[in.name] = in.covered
		}
	}
	wantCovered := map[string]Kind{
		"infra/main.tf": Terraform, "infra/variables.tf": Terraform, "infra/modules/aks/aks.tf": Terraform,
		"examples/basic/main.tf": Terraform, "json/main.tf.json": Terraform, "json/net/net.tf": Terraform,
		"lonely/child/x.tf": Terraform, "lonely/child/y.tf": Terraform,
		// main.bicep is read through main.bicepparam, aks.bicep through main.bicep.
		"bicep/main.bicep": Bicep, "bicep/modules/aks.bicep": Bicep,
	}
	if diff := cmp.Diff(wantCovered, covered); diff != "" {
		t.Errorf("files read through another input (-want +got):\n%s", diff)
	}
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// TestTerraformAndBicep reads a Terraform root module with a local module,
// and a Bicep file with its parameters, with the real readers.
func TestTerraformAndBicep(t *testing.T) {
	fsys := fstest.MapFS{
		"tf/main.tf": {Data: []byte(`module "aks" {
  source = "./modules/aks"
  name   = "aks-tf"
}
`)},
		"tf/modules/aks/main.tf": {Data: []byte(`variable "name" {}
resource "azurerm_kubernetes_cluster" "this" {
  name                = var.name
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks"
  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
`)},
		"bicep/main.bicep": {Data: []byte(`param clusterName string
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: clusterName
  location: 'westeurope'
  properties: {}
}
`)},
		"bicep/main.bicepparam": {Data: []byte("using './main.bicep'\nparam clusterName = 'aks-bicep'\n")},
	}
	e, diags, st := FS(context.Background(), fsys, Options{})
	if diags.HasErrors() {
		t.Errorf("diagnostics:\n%s", render(diags))
	}
	var names []string
	for _, c := range e.Clusters {
		names = append(names, c.Name)
	}
	// The module is read through its caller (its address says so), not
	// again on its own.
	if diff := cmp.Diff([]string{"aks-bicep", "module.aks.azurerm_kubernetes_cluster.this"}, sorted(names)); diff != "" {
		t.Errorf("clusters (-want +got):\n%s\nstats %s", diff, st)
	}
	if st.Read[Terraform] != 1 || st.Read[BicepParams] != 1 || st.Read[Bicep] != 0 || st.Skipped != 0 {
		t.Errorf("stats = %s, want 1 Terraform module and 1 .bicepparam read, nothing skipped", st)
	}
}
