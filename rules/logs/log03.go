package logs

import (
	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// LOG03 checks that Container insights or Azure Monitor metrics is on.
var LOG03 = &rules.Rule{
	ID:       "AKS-LOG-03",
	Title:    "Container insights or Azure Monitor metrics is on",
	Severity: rules.Low,
	Section:  rules.Audit,
	Practice: "Cluster monitoring with Azure Monitor",
	Doc: `Container insights (the omsagent / Azure Monitor agent add-on) collects
container logs, events and performance data into Log Analytics; the Azure
Monitor metrics profile sends Prometheus metrics to an Azure Monitor workspace.
Either gives operators and incident responders a record of what ran and how it
behaved. The rule reads addonProfiles.omsagent.enabled and
azureMonitorProfile.metrics.enabled (oms_agent and monitor_metrics in
Terraform) and passes when either is on. Absent means off, as Azure defaults.`,
	Fix: rules.Fix{
		CLI: "az aks enable-addons --resource-group <rg> --name <cluster> --addons monitoring --workspace-resource-id <workspace-resource-id> " +
			"(or az aks update --resource-group <rg> --name <cluster> --enable-azure-monitor-metrics)",
		Terraform: "Add an oms_agent { log_analytics_workspace_id = <workspace id> } block (or a monitor_metrics {} block) to azurerm_kubernetes_cluster.",
		ARM:       `Set properties.addonProfiles.omsagent.enabled: true with config.logAnalyticsWorkspaceResourceID, or properties.azureMonitorProfile.metrics.enabled: true.`,
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			check03(p, c)
		}
	},
}

func check03(p *rules.Pass, c *estate.Cluster) {
	oms, metrics := c.OMSAgent, c.AzureMonitorMetrics
	switch {
	case estate.Is(oms, true):
		p.Passf(c, oms.Loc, "%s", oms.Evidence())
	case estate.Is(metrics, true):
		p.Passf(c, metrics.Loc, "%s", metrics.Evidence())
	case !oms.Known():
		p.Unknownf(c, oms.Loc, "%s; %s", oms.Evidence(), metrics.Evidence())
	case !metrics.Known():
		p.Unknownf(c, metrics.Loc, "%s; %s", metrics.Evidence(), oms.Evidence())
	default:
		p.Failf(c, oms.Loc, "%s; %s", oms.Evidence(), metrics.Evidence())
	}
}
