package logs

import (
	"fmt"
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

const (
	ownerID     = "/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c"
	laContrib   = "92aaf0da-9dab-42b6-94a3-d43ce8d16293"
	reader      = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
	customID    = sub + "/providers/Microsoft.Authorization/roleDefinitions/11111111-2222-3333-4444-555555555555"
)

var assignN int

func assign(scope, role, principal string) *estate.RoleAssignment {
	assignN++
	return &estate.RoleAssignment{
		Meta:             meta(fmt.Sprintf("%s/providers/Microsoft.Authorization/roleAssignments/ra%d", scope, assignN)),
		Scope:            set(estate.ResourceID(scope)),
		RoleDefinitionID: set(role),
		RoleName:         def(""),
		PrincipalID:      set(principal),
	}
}

func lock(scope, level string) *estate.Lock {
	return &estate.Lock{Meta: meta(scope + "/providers/Microsoft.Authorization/locks/keep"), Scope: set(estate.ResourceID(scope)), Level: set(level)}
}

func workspace(id string) *estate.Workspace { return &estate.Workspace{Meta: meta(id)} }

func TestLOG04(t *testing.T) {
	locked := []*estate.Lock{lock(rg, "CanNotDelete")}
	byName := assign(ws1, "", "p-named")
	byName.RoleDefinitionID = def("")
	byName.RoleName = set("Log Analytics Contributor")
	unknownRole := assign(ws1, "", "p-x")
	unknownRole.RoleDefinitionID = unk[string]("var.role")
	unknownPrincipal := assign(ws1, contributor, "")
	unknownPrincipal.PrincipalID = unk[string]("azurerm_user_assigned_identity.x.principal_id")
	custom := func(actions, notActions []string) *estate.RoleDefinition {
		return &estate.RoleDefinition{Meta: meta(customID), RoleName: set("Log Janitor"), Actions: set(actions), NotActions: set(notActions)}
	}

	tests := []struct {
		name     string
		cfg      rules.Config
		assigns  []*estate.RoleAssignment
		defs     []*estate.RoleDefinition
		locks    []*estate.Lock
		want     rules.Verdict
		evidence string
	}{
		{"three writers and a lock", rules.DefaultConfig(), []*estate.RoleAssignment{
			assign(sub, ownerID, "p1"), assign(rg, contributor, "p2"), assign(ws1, laContrib, "p3"), assign(ws1, reader, "p4"),
		}, nil, locked, rules.Passed, "3 principals"},
		{"no assignment and a ReadOnly lock on the workspace", rules.DefaultConfig(), nil, nil, []*estate.Lock{lock(ws1, "ReadOnly")}, rules.Passed, "none in the scanned inputs"},
		{"the same principal twice counts once", rules.DefaultConfig(), []*estate.RoleAssignment{
			assign(sub, ownerID, "p1"), assign(ws1, contributor, "P1"), assign(ws1, laContrib, "p2"), assign(rg, laContrib, "p3"),
		}, nil, locked, rules.Passed, "3 principals"},
		{"four writers", rules.DefaultConfig(), []*estate.RoleAssignment{
			assign(sub, ownerID, "p1"), assign(rg, contributor, "p2"), assign(ws1, laContrib, "p3"), assign(ws1, contributor, "p4"),
		}, nil, locked, rules.Failed, "4 principals"},
		{"threshold from config", rules.Config{AdminThreshold: 1}, []*estate.RoleAssignment{
			assign(sub, ownerID, "p1"), assign(rg, contributor, "p2"),
		}, nil, locked, rules.Failed, "at most 1"},
		{"assignments elsewhere do not count", rules.DefaultConfig(), []*estate.RoleAssignment{
			assign(otherRG, ownerID, "p1"), assign(otherRG, ownerID, "p2"), assign(otherRG, ownerID, "p3"), assign(otherRG, ownerID, "p4"),
		}, nil, locked, rules.Passed, ""},
		{"role named, not by ID; threshold 0 means the default 3", rules.Config{AdminThreshold: 0}, []*estate.RoleAssignment{
			byName, assign(sub, ownerID, "p1"), assign(sub, ownerID, "p2"), assign(sub, ownerID, "p3"),
		}, nil, locked, rules.Failed, "Log Analytics Contributor"},
		{"custom role with */write", rules.DefaultConfig(), []*estate.RoleAssignment{
			assign(sub, ownerID, "p1"), assign(sub, ownerID, "p2"), assign(sub, ownerID, "p3"), assign(ws1, customID, "p4"),
		}, []*estate.RoleDefinition{custom([]string{"*/read", "*/write"}, nil)}, locked, rules.Failed, "Log Janitor"},
		{"custom role whose notActions exclude the writes", rules.DefaultConfig(), []*estate.RoleAssignment{
			assign(sub, ownerID, "p1"), assign(sub, ownerID, "p2"), assign(sub, ownerID, "p3"), assign(ws1, customID, "p4"),
		}, []*estate.RoleDefinition{custom([]string{"Microsoft.OperationalInsights/*"}, []string{"*/write", "*/delete", "*/action"})}, locked, rules.Passed, ""},
		{"no lock", rules.DefaultConfig(), []*estate.RoleAssignment{assign(ws1, ownerID, "p1")}, nil, nil, rules.Failed, "none in the scanned inputs"},
		{"lock on another resource group", rules.DefaultConfig(), nil, nil, []*estate.Lock{lock(otherRG, "CanNotDelete")}, rules.Failed, "no CanNotDelete"},
		{"unclassified role could exceed the threshold", rules.DefaultConfig(), []*estate.RoleAssignment{
			assign(sub, ownerID, "p1"), assign(sub, ownerID, "p2"), assign(sub, ownerID, "p3"), assign(ws1, "99999999-0000-0000-0000-000000000000", "p4"),
		}, nil, locked, rules.Unknown, "cannot classify"},
		{"unresolved role", rules.DefaultConfig(), []*estate.RoleAssignment{
			assign(sub, ownerID, "p1"), assign(sub, ownerID, "p2"), assign(sub, ownerID, "p3"), unknownRole,
		}, nil, locked, rules.Unknown, "var.role"},
		{"unresolved principal", rules.DefaultConfig(), []*estate.RoleAssignment{
			assign(sub, ownerID, "p1"), assign(sub, ownerID, "p2"), assign(sub, ownerID, "p3"), unknownPrincipal,
		}, nil, locked, rules.Unknown, "principal not determined"},
		{"an unclassified role under the threshold is harmless", rules.DefaultConfig(), []*estate.RoleAssignment{
			assign(ws1, "99999999-0000-0000-0000-000000000000", "p4"),
		}, nil, locked, rules.Passed, ""},
		{"lock level unresolved", rules.DefaultConfig(), nil, nil, []*estate.Lock{{Meta: meta(rg + "/providers/Microsoft.Authorization/locks/l"), Scope: set(estate.ResourceID(rg)), Level: unk[string]("var.level")}}, rules.Unknown, "var.level"},
		{"lock scope unresolved", rules.DefaultConfig(), nil, nil, []*estate.Lock{{Meta: meta("azurerm_management_lock.l"), Scope: unk[estate.ResourceID]("data source"), Level: set("CanNotDelete")}}, rules.Unknown, "data source"},
		{"too many writers fail even when the lock is unknown", rules.Config{AdminThreshold: 1}, []*estate.RoleAssignment{
			assign(sub, ownerID, "p1"), assign(rg, contributor, "p2"),
		}, nil, []*estate.Lock{{Meta: meta("azurerm_management_lock.l"), Scope: unk[estate.ResourceID]("data source"), Level: set("CanNotDelete")}}, rules.Failed, "2 principals"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &estate.Estate{Workspaces: []*estate.Workspace{workspace(ws1)}, RoleAssignments: tc.assigns, RoleDefinitions: tc.defs, Locks: tc.locks}
			check(t, LOG04, e, tc.cfg, []want{{ws1, tc.want, tc.evidence}})
		})
	}
}

func TestLOG04IaCWorkspace(t *testing.T) {
	const addr = "azurerm_log_analytics_workspace.logs"
	tests := []struct {
		name  string
		locks []*estate.Lock
		want  rules.Verdict
	}{
		{"lock on the workspace address", []*estate.Lock{lock(addr, "CanNotDelete")}, rules.Passed},
		// A lock on a resource group address the inputs do not model may
		// hold the workspace: unknown, not fail.
		{"lock on an unmodelled scope", []*estate.Lock{lock("azurerm_resource_group.main", "CanNotDelete")}, rules.Unknown},
		// A lock on a cluster cannot cover the workspace.
		{"lock on another modelled resource", []*estate.Lock{lock("azurerm_kubernetes_cluster.main", "CanNotDelete")}, rules.Failed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &estate.Estate{
				Workspaces: []*estate.Workspace{workspace(addr)},
				Clusters:   []*estate.Cluster{cluster("azurerm_kubernetes_cluster.main")},
				Locks:      tc.locks,
			}
			check(t, LOG04, e, rules.DefaultConfig(), []want{{addr, tc.want, ""}})
		})
	}
}
