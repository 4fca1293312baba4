package iam

import "github.com/aksguard/aksguard/rules"

// IAM01 flags clusters without managed Entra ID integration.
var IAM01 = &rules.Rule{
	ID:       "AKS-IAM-01",
	Title:    "Entra ID (Azure AD) integration is enabled",
	Severity: rules.High,
	Section:  rules.IAM,
	Practice: "Entra ID integration",
	Doc: `Without Entra ID integration, users reach the Kubernetes API with
certificates or tokens that no directory knows: no MFA, no conditional
access, no central offboarding, no sign-in log. With the AKS-managed
integration, kubectl signs users in with Entra ID and Kubernetes or Azure
RBAC authorizes them.

Reads the cluster's aadProfile.managed (Terraform: the
azure_active_directory_role_based_access_control block). An absent
aadProfile means no integration.`,
	Fix: rules.Fix{
		CLI:       "az aks update -g <resource-group> -n <cluster> --enable-aad --aad-admin-group-object-ids <entra-group-object-id>",
		Terraform: `add azure_active_directory_role_based_access_control { admin_group_object_ids = ["<entra-group-object-id>"] } to azurerm_kubernetes_cluster (azurerm v3 also needs managed = true inside the block)`,
		ARM:       "set properties.aadProfile.managed: true (with properties.aadProfile.adminGroupObjectIDs) on the Microsoft.ContainerService/managedClusters resource",
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			rules.Expect(p, c, c.AADManaged, true)
		}
	},
}
