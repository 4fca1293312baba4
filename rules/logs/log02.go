package logs

import "github.com/aksguard/aksguard/rules"

// LOG02 checks that each registry's login and repository events reach a destination.
var LOG02 = &rules.Rule{
	ID:       "AKS-LOG-02",
	Title:    "Registry authentication and repository events are audited",
	Severity: rules.Medium,
	Section:  rules.Audit,
	Practice: "ACR audit logs sent to Azure Monitor",
	Doc: `Azure Container Registry records who authenticated and which images were
pushed, pulled or deleted only when a diagnostic setting on the registry sends
the ContainerRegistryLoginEvents and ContainerRegistryRepositoryEvents
categories somewhere. Without them a stolen token or a replaced image leaves
no trace. The rule reads the diagnostic settings whose target is the registry
and passes when both categories (or the audit or allLogs category group) are
enabled on settings that have a destination; the two may come from different
settings.

A registry without such a setting in the inputs fails ("none in the scanned
inputs"). Unresolved logs, enabled flags or targets make the verdict unknown.`,
	Fix: rules.Fix{
		CLI: `az monitor diagnostic-settings create --name acr-audit --resource <registry-resource-id> ` +
			`--workspace <workspace-resource-id> --logs '[{"category":"ContainerRegistryLoginEvents","enabled":true},` +
			`{"category":"ContainerRegistryRepositoryEvents","enabled":true}]'`,
		Terraform: `Add an azurerm_monitor_diagnostic_setting with target_resource_id = azurerm_container_registry.<name>.id, ` +
			`a log_analytics_workspace_id, and enabled_log { category = "ContainerRegistryLoginEvents" } plus ` +
			`enabled_log { category = "ContainerRegistryRepositoryEvents" } (azurerm v3: log blocks with enabled = true).`,
		ARM: `Add a Microsoft.Insights/diagnosticSettings resource with "scope" set to the registry, properties.workspaceId, ` +
			`and properties.logs entries {"category": "ContainerRegistryLoginEvents", "enabled": true} and ` +
			`{"category": "ContainerRegistryRepositoryEvents", "enabled": true}.`,
	},
	Check: func(p *rules.Pass) {
		for _, r := range p.Estate.Registries {
			judgeSettings(p, r, "registry", []need{
				{label: "ContainerRegistryLoginEvents", categories: []string{"ContainerRegistryLoginEvents"}},
				{label: "ContainerRegistryRepositoryEvents", categories: []string{"ContainerRegistryRepositoryEvents"}},
			})
		}
	},
}
