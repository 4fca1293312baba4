package azurerm

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
)

// TestDiagnosticSettingLogs: enabled_log (4.x) and log (3.x) blocks give the
// same categories; a 3.x log can be disabled.
func TestDiagnosticSettingLogs(t *testing.T) {
	wsID := rgID + "/providers/Microsoft.OperationalInsights/workspaces/logs"
	base := func(extra obj) obj {
		v := obj{"name": str("audit"), "target_resource_id": str(clusterID), "log_analytics_workspace_id": str(wsID)}
		for k, x := range extra {
			v[k] = x
		}
		return v
	}
	tests := []struct {
		name string
		v    obj
		want estate.Value[[]estate.LogCategory]
	}{
		{"4.x enabled_log", base(obj{"enabled_log": blocks(o(obj{"category": str("kube-audit")}), o(obj{"category_group": str("allLogs")}))}),
			set([]estate.LogCategory{
				{Category: "kube-audit", Enabled: def(true, "enabled_log[0]")},
				{CategoryGroup: "allLogs", Enabled: def(true, "enabled_log[1]")},
			}, "enabled_log")},
		{"3.x log", base(obj{"log": blocks(o(obj{"category": str("kube-audit"), "enabled": boolean(false)}), o(obj{"category": str("kube-apiserver")}))}),
			set([]estate.LogCategory{
				{Category: "kube-audit", Enabled: set(false, "log[0].enabled")},
				{Category: "kube-apiserver", Enabled: def(true, "log[1].enabled")},
			}, "log")},
		{"3.x names the default", base(obj{"log": blocks()}), def([]estate.LogCategory(nil), "log")},
		{"none", base(nil), def([]estate.LogCategory(nil), "enabled_log")},
		{"dynamic over an unknown", base(obj{"enabled_log": unknownBlocks}), unres[[]estate.LogCategory]("enabled_log", "dynamic block for_each: var.categories has no value")},
		{"unknown category", base(obj{"enabled_log": blocks(o(obj{"category": unknown}))}), unres[[]estate.LogCategory]("enabled_log[0].category", "each.value is not known before apply")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := adaptOne(t, res("azurerm_monitor_diagnostic_setting", "azurerm_monitor_diagnostic_setting.aks", tt.v, map[string]AttrInfo{
				"enabled_log":            {Line: 4, Reason: "dynamic block for_each: var.categories has no value"},
				"enabled_log.0.category": {Line: 5, Expr: "each.value"},
			}))
			d := e.DiagnosticSettings[0]
			check(t, "Logs", d.Logs, tt.want)
			check(t, "Target", d.Target, set[estate.ResourceID](clusterID, "target_resource_id"))
			check(t, "WorkspaceID", d.WorkspaceID, set[estate.ResourceID](estate.ResourceID(wsID), "log_analytics_workspace_id"))
			check(t, "StorageID", d.StorageID, def[estate.ResourceID]("", "storage_account_id"))
		})
	}
}

// TestDiagnosticSettingJoins: a setting whose target is the cluster's ID is
// found for the cluster.
func TestDiagnosticSettingJoins(t *testing.T) {
	out := Adapt([]Resource{
		res("azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster.aks", minimalCluster(nil), nil),
		res("azurerm_monitor_diagnostic_setting", "azurerm_monitor_diagnostic_setting.aks", obj{"name": str("audit"), "target_resource_id": str(clusterID),
			"enabled_log": blocks(o(obj{"category": str("kube-audit")}))}, nil),
		res("azurerm_log_analytics_workspace", "azurerm_log_analytics_workspace.logs", obj{"name": str("logs"), "resource_group_name": str("rg")}, nil),
	})
	e := out.Estate
	ds := e.DiagnosticSettingsFor(clusterID)
	if len(ds) != 1 || ds[0].ID != clusterID+"/providers/Microsoft.Insights/diagnosticSettings/audit" {
		t.Errorf("settings for the cluster = %+v", ds)
	}
	check(t, "RetentionDays", e.Workspaces[0].RetentionDays, def(30, "retention_in_days"))
}
