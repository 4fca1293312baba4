package e2e

import (
	"strings"
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// TestParityTerraform scans each example estate written in Terraform and
// requires, for every rule and resource, the verdict its ARM-template and
// Azure-export forms give. Terraform names a resource by its address
// (azurerm_kubernetes_cluster.aks); the Azure name is the last segment of
// the ID the adapter gives it, which is what the other forms are named by.
func TestParityTerraform(t *testing.T) {
	for _, variant := range []string{"insecure", "hardened"} {
		t.Run(variant, func(t *testing.T) {
			tf := azureNamedVerdicts(t, scan(t, "examples/"+variant+"/terraform"))
			if len(tf) < 20 {
				t.Fatalf("only %d findings from the Terraform configuration: the comparison would prove little", len(tf))
			}
			for _, other := range []string{"arm", "azure-export"} {
				want := verdicts(t, scan(t, "examples/"+variant+"/"+other))
				for _, k := range sortedKeys(want) {
					if got, ok := tf[k]; !ok {
						t.Errorf("%s on %s %s: %s from %s, no finding from Terraform", k.Rule, k.Type, k.Name, want[k], other)
					} else if got != want[k] {
						t.Errorf("%s on %s %s: %s from %s, %s from Terraform", k.Rule, k.Type, k.Name, want[k], other, got)
					}
				}
				for _, k := range sortedKeys(tf) {
					if _, ok := want[k]; !ok {
						t.Errorf("%s on %s %s: %s from Terraform, no finding from %s", k.Rule, k.Type, k.Name, tf[k], other)
					}
				}
			}
		})
	}
}

// azureNamedVerdicts is verdicts with each resource named by the Azure
// name in its ID rather than by its Terraform address.
func azureNamedVerdicts(t *testing.T, fs []rules.Finding) map[key]string {
	t.Helper()
	for i := range fs {
		id := estate.ResourceID(fs[i].Resource.ID)
		if !id.IsARM() {
			t.Errorf("%s on %s: no Azure resource ID (%q): its name and resource group are not known", fs[i].Rule, fs[i].Resource.Name, id)
			continue
		}
		fs[i].Resource.Name = strings.ToLower(id.Name())
	}
	return verdicts(t, fs)
}
