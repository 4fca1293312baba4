package logs

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestLOG02(t *testing.T) {
	login, repo := "ContainerRegistryLoginEvents", "ContainerRegistryRepositoryEvents"
	storageOnly := diag("archive", acr1, cat(login, true), cat(repo, true))
	storageOnly.WorkspaceID = def(estate.ResourceID(""))
	storageOnly.StorageID = set(estate.ResourceID(rg + "/providers/Microsoft.Storage/storageAccounts/logs"))
	unknownRepo := diag("repo", acr1, estate.LogCategory{Category: repo, Enabled: unk[bool]("var.repo_events")})

	tests := []struct {
		name   string
		diags  []*estate.DiagnosticSetting
		want   rules.Verdict
		substr string
	}{
		{"both categories in one setting", []*estate.DiagnosticSetting{diag("acr", acr1, cat(login, true), cat(repo, true))}, rules.Passed, login},
		{"both categories in two settings", []*estate.DiagnosticSetting{diag("a", acr1, cat(login, true)), diag("b", acr1, cat(repo, true))}, rules.Passed, repo},
		{"audit group covers both", []*estate.DiagnosticSetting{diag("acr", acr1, group("audit"))}, rules.Passed, "audit"},
		{"storage destination", []*estate.DiagnosticSetting{storageOnly}, rules.Passed, "storage account"},
		{"only login events", []*estate.DiagnosticSetting{diag("acr", acr1, cat(login, true))}, rules.Failed, repo},
		{"repository events off", []*estate.DiagnosticSetting{diag("acr", acr1, cat(login, true), cat(repo, false))}, rules.Failed, repo},
		{"no setting", nil, rules.Failed, "none in the scanned inputs"},
		{"one known, one unresolved", []*estate.DiagnosticSetting{diag("a", acr1, cat(login, true)), unknownRepo}, rules.Unknown, "var.repo_events"},
		{"a missing category fails even when another is unknown", []*estate.DiagnosticSetting{unknownRepo}, rules.Failed, login},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &estate.Estate{Registries: []*estate.Registry{{Meta: meta(acr1)}}, DiagnosticSettings: tc.diags}
			check(t, LOG02, e, rules.DefaultConfig(), []want{{acr1, tc.want, tc.substr}})
		})
	}
}
