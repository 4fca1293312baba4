package logs

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// diag builds a diagnostic setting on target that sends logs to a workspace.
func diag(name, target string, logs ...estate.LogCategory) *estate.DiagnosticSetting {
	return &estate.DiagnosticSetting{
		Meta:        meta(target + "/providers/Microsoft.Insights/diagnosticSettings/" + name),
		Target:      set(estate.ResourceID(target)),
		WorkspaceID: set(estate.ResourceID(ws1)),
		StorageID:   def(estate.ResourceID("")),
		EventHubID:  def(""),
		Logs:        set(logs),
	}
}

func cat(name string, on bool) estate.LogCategory {
	return estate.LogCategory{Category: name, Enabled: set(on)}
}

func group(name string) estate.LogCategory {
	return estate.LogCategory{CategoryGroup: name, Enabled: set(true)}
}

func cluster(id string) *estate.Cluster { return &estate.Cluster{Meta: meta(id)} }

func TestLOG01(t *testing.T) {
	noDest := diag("nodest", aks1, cat("kube-audit", true))
	noDest.WorkspaceID = def(estate.ResourceID(""))
	unresolvedDest := diag("vardest", aks1, cat("kube-audit-admin", true))
	unresolvedDest.WorkspaceID = unk[estate.ResourceID]("var.workspace_id has no value")
	unknownLogs := diag("u", aks1)
	unknownLogs.Logs = unk[[]estate.LogCategory]("local.logs is computed")
	floating := diag("floating", "", cat("kube-audit-admin", true))
	floating.Target = unk[estate.ResourceID]("module output")

	tests := []struct {
		name   string
		diags  []*estate.DiagnosticSetting
		want   rules.Verdict
		substr string
	}{
		{"kube-audit-admin to a workspace", []*estate.DiagnosticSetting{diag("audit", aks1, cat("kube-audit-admin", true))}, rules.Passed, "kube-audit-admin"},
		{"kube-audit, category case differs", []*estate.DiagnosticSetting{diag("audit", aks1, cat("Kube-Audit", true))}, rules.Passed, "Kube-Audit"},
		{"audit category group", []*estate.DiagnosticSetting{diag("audit", aks1, group("audit"))}, rules.Passed, "category group audit"},
		{"allLogs category group", []*estate.DiagnosticSetting{diag("all", aks1, group("allLogs"))}, rules.Passed, "allLogs"},
		{"unresolved destination still names one", []*estate.DiagnosticSetting{unresolvedDest}, rules.Passed, "not determined"},
		{"no setting at all", nil, rules.Failed, "none in the scanned inputs"},
		{"audit disabled", []*estate.DiagnosticSetting{diag("audit", aks1, cat("kube-audit", false), cat("kube-apiserver", true))}, rules.Failed, `"audit"`},
		{"other categories only", []*estate.DiagnosticSetting{diag("api", aks1, cat("kube-apiserver", true), cat("guard", true))}, rules.Failed, "kube-audit"},
		{"setting without destination", []*estate.DiagnosticSetting{noDest}, rules.Failed, "no destination"},
		{"setting on another resource", []*estate.DiagnosticSetting{diag("audit", acr1, cat("kube-audit", true))}, rules.Failed, "none in the scanned inputs"},
		{"logs unresolved", []*estate.DiagnosticSetting{unknownLogs}, rules.Unknown, "local.logs is computed"},
		{"enabled flag unresolved", []*estate.DiagnosticSetting{diag("audit", aks1, estate.LogCategory{Category: "kube-audit", Enabled: unk[bool]("var.on")})}, rules.Unknown, "var.on"},
		{"a setting with unresolved target may be this cluster's", []*estate.DiagnosticSetting{floating}, rules.Unknown, "may be this one"},
		{"a matching setting wins over a floating one", []*estate.DiagnosticSetting{floating, diag("audit", aks1, cat("kube-audit", true))}, rules.Passed, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &estate.Estate{Clusters: []*estate.Cluster{cluster(aks1)}, DiagnosticSettings: tc.diags}
			check(t, LOG01, e, rules.DefaultConfig(), []want{{aks1, tc.want, tc.substr}})
		})
	}
}

func TestLOG01IaCAddresses(t *testing.T) {
	// Terraform clusters have no ARM ID before deployment: the setting's
	// target is the cluster's address.
	const addr = "azurerm_kubernetes_cluster.main"
	e := &estate.Estate{
		Clusters:           []*estate.Cluster{cluster(addr), cluster("azurerm_kubernetes_cluster.other")},
		DiagnosticSettings: []*estate.DiagnosticSetting{diag("audit", addr, cat("kube-audit-admin", true))},
	}
	check(t, LOG01, e, rules.DefaultConfig(), []want{
		{addr, rules.Passed, ""},
		{"azurerm_kubernetes_cluster.other", rules.Failed, "none in the scanned inputs"},
	})
}
