package img

import "github.com/aksguard/aksguard/rules"

// IMG03 checks that the Azure Policy add-on is on.
var IMG03 = &rules.Rule{
	ID:       "AKS-IMG-03",
	Title:    "The Azure Policy add-on enforces image rules in the cluster",
	Severity: rules.Medium,
	Section:  rules.Compliance,
	Practice: "Only trusted images from ACR",
	Doc: `Reviewing manifests catches what is in the repository; an admission
controller catches everything else (a kubectl run, a Helm chart from
elsewhere). The Azure Policy add-on runs Gatekeeper in the cluster so that
policies such as "Kubernetes cluster containers should only use allowed
images" reject untrusted images at admission. The rule reads
addonProfiles.azurepolicy.enabled (azure_policy_enabled in Terraform); absent
means off, as Azure defaults. Assign the image policies once the add-on is on.`,
	Fix: rules.Fix{
		CLI:       "az aks enable-addons --resource-group <rg> --name <cluster> --addons azure-policy, then assign the policy \"Kubernetes cluster containers should only use allowed images\"",
		Terraform: "azure_policy_enabled = true on azurerm_kubernetes_cluster",
		ARM:       "properties.addonProfiles.azurepolicy.enabled: true",
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			rules.Expect(p, c, c.AzurePolicy, true)
		}
	},
}
