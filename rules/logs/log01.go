package logs

import "github.com/aksguard/aksguard/rules"

// LOG01 checks that each cluster's control-plane audit log reaches a destination.
var LOG01 = &rules.Rule{
	ID:       "AKS-LOG-01",
	Title:    "Control-plane audit logs are collected",
	Severity: rules.High,
	Section:  rules.Audit,
	Practice: "AKS audit logs sent to Azure Monitor",
	Doc: `AKS keeps the API server's audit log only if a diagnostic setting on the
cluster sends it somewhere: without one, nobody can tell afterwards who created
a privileged pod or read a secret. The rule reads the diagnostic settings whose
target is the cluster and passes when one of them has a destination (a Log
Analytics workspace, a storage account or an event hub) and an enabled
kube-audit or kube-audit-admin category, or the audit or allLogs category group.
kube-audit-admin (writes only) is the cheaper choice for most clusters.

A cluster without such a setting in the inputs fails ("none in the scanned
inputs"): scan the repository or subscription that holds the settings to see
them. A setting whose logs or enabled flags are unresolved, or a setting whose
target is unresolved and may be this cluster, makes the verdict unknown.`,
	Fix: rules.Fix{
		CLI: `az monitor diagnostic-settings create --name aks-audit --resource <cluster-resource-id> ` +
			`--workspace <workspace-resource-id> --logs '[{"category":"kube-audit-admin","enabled":true}]'`,
		Terraform: `Add an azurerm_monitor_diagnostic_setting with target_resource_id = azurerm_kubernetes_cluster.<name>.id, ` +
			`log_analytics_workspace_id = <workspace id> and enabled_log { category = "kube-audit-admin" } ` +
			`(azurerm v3: log { category = "kube-audit-admin" enabled = true }).`,
		ARM: `Add a Microsoft.Insights/diagnosticSettings resource with "scope" set to the cluster, ` +
			`properties.workspaceId set to the workspace, and properties.logs: [{"category": "kube-audit-admin", "enabled": true}].`,
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			judgeSettings(p, c, "cluster", []need{{label: "kube-audit or kube-audit-admin", categories: []string{"kube-audit", "kube-audit-admin"}}})
		}
	},
}
