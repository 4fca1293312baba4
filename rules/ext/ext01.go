package ext

import "github.com/aksguard/aksguard/rules"

// EXT01 checks that Kubernetes RBAC is enabled.
var EXT01 = &rules.Rule{
	ID:       "AKS-EXT-01",
	Title:    "Kubernetes RBAC is enabled",
	Severity: rules.High,
	Section:  rules.Extra,
	Practice: "Kubernetes RBAC",
	Doc: `Without Kubernetes RBAC every authenticated user and service account is
effectively cluster-admin: a compromised pod's token is enough to take the
cluster. The rule reads enableRBAC (role_based_access_control_enabled in
Terraform); absent means on, as Azure and the azurerm provider default. RBAC
can only be chosen when the cluster is created, so the fix is a new cluster.`,
	Fix: rules.Fix{
		CLI:       "az aks create --resource-group <rg> --name <new-cluster> ... without --disable-rbac (RBAC is on by default), then move the workloads: Kubernetes RBAC cannot be turned on in place",
		Terraform: "role_based_access_control_enabled = true on azurerm_kubernetes_cluster (forces a new cluster)",
		ARM:       "properties.enableRBAC: true (set at creation; changing it needs a new cluster)",
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			rules.Expect(p, c, c.EnableRBAC, true)
		}
	},
}
