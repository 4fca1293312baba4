package iam

import (
	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// IAM03 flags clusters whose Kubernetes authorization is not Azure RBAC.
var IAM03 = &rules.Rule{
	ID:       "AKS-IAM-03",
	Title:    "Azure RBAC authorizes Kubernetes access",
	Severity: rules.Medium,
	Section:  rules.IAM,
	Practice: "Azure RBAC for Kubernetes authorization",
	Doc: `With Azure RBAC for Kubernetes authorization, who may do what inside the
cluster is granted by Azure role assignments: one place to review, audited
in the activity log, revoked with the identity. Kubernetes RoleBindings
alone are scattered over clusters and namespaces.

Reads the cluster's aadProfile.enableAzureRBAC (Terraform:
azure_active_directory_role_based_access_control.azure_rbac_enabled).
Azure RBAC needs managed Entra ID integration: a cluster without it
(aadProfile.managed false) fails, with that as evidence, even when
enableAzureRBAC is not stated.`,
	Fix: rules.Fix{
		CLI:       "az aks update -g <resource-group> -n <cluster> --enable-aad --enable-azure-rbac",
		Terraform: "set azure_active_directory_role_based_access_control { azure_rbac_enabled = true } on azurerm_kubernetes_cluster (same name in azurerm v3 and v4)",
		ARM:       "set properties.aadProfile.enableAzureRBAC: true (with properties.aadProfile.managed: true) on the Microsoft.ContainerService/managedClusters resource",
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			checkAzureRBAC(p, c)
		}
	},
}

func checkAzureRBAC(p *rules.Pass, c *estate.Cluster) {
	v := c.AzureRBAC
	switch {
	case estate.Is(v, true):
		p.Report(c, rules.Passed, v.Loc, v.Evidence())
	case estate.Is(c.AADManaged, false):
		// Azure RBAC cannot be on without managed Entra ID integration.
		p.Report(c, rules.Failed, c.AADManaged.Loc,
			"Azure RBAC requires Entra ID integration, which is off: "+c.AADManaged.Evidence()+"; "+v.Evidence())
	default:
		rules.Expect(p, c, v, true)
	}
}
