package iam

import "github.com/aksguard/aksguard/rules"

// IAM02 flags clusters that still accept local (non-Entra ID) accounts.
var IAM02 = &rules.Rule{
	ID:       "AKS-IAM-02",
	Title:    "Local accounts are disabled, so Entra ID is the only way in",
	Severity: rules.High,
	Section:  rules.IAM,
	Practice: "Entra ID as the only identity provider",
	Doc: `Local accounts hand out a static cluster-admin credential
(az aks get-credentials --admin) that bypasses Entra ID, its MFA, its
conditional access and its sign-in log, and that cannot be revoked short of
rotating the cluster certificates.

Reads the cluster's disableLocalAccounts (Terraform: local_account_disabled).
Azure's default is false: local accounts enabled.`,
	Fix: rules.Fix{
		CLI:       "az aks update -g <resource-group> -n <cluster> --disable-local-accounts",
		Terraform: "set local_account_disabled = true on azurerm_kubernetes_cluster (same name in azurerm v3 and v4; needs Entra ID integration)",
		ARM:       "set properties.disableLocalAccounts: true on the Microsoft.ContainerService/managedClusters resource",
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			rules.Expect(p, c, c.DisableLocalAccounts, true)
		}
	},
}
