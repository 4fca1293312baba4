package iam

import (
	"regexp"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/estate"
)

func TestBuiltinTableIsConsistent(t *testing.T) {
	guid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	ids, names := map[string]bool{}, map[string]bool{}
	for _, r := range BuiltinRoles() {
		if !guid.MatchString(r.ID) {
			t.Errorf("%s: ID %q is not a lower-case GUID", r.Name, r.ID)
		}
		if ids[r.ID] || names[strings.ToLower(r.Name)] {
			t.Errorf("%s (%s) is listed twice", r.Name, r.ID)
		}
		ids[r.ID], names[strings.ToLower(r.Name)] = true, true
		if r.Custom || r.Unresolved != "" {
			t.Errorf("%s: a built-in role is neither custom nor unresolved", r.Name)
		}
		if r.ReadOnly && (r.Admin() || r.ChangesLogs() || r.Registry != RegistryNone) {
			t.Errorf("%s: read-only but grants more", r.Name)
		}
	}
}

func TestBuiltinClassification(t *testing.T) {
	tests := []struct {
		role                 string
		admin, logs, regData bool
	}{
		{"Owner", true, true, false},
		{"Contributor", true, true, false},
		{"User Access Administrator", true, false, false},
		{"Role Based Access Control Administrator", true, false, false},
		{"Azure Kubernetes Service Cluster Admin Role", true, false, false},
		{"Azure Kubernetes Service RBAC Cluster Admin", true, false, false},
		{"Azure Kubernetes Service RBAC Admin", true, false, false},
		{"Azure Kubernetes Service Contributor Role", true, false, false},
		{"Azure Kubernetes Service Cluster User Role", false, false, false},
		{"Reader", false, false, false},
		{"AcrPull", false, false, true},
		{"AcrPush", false, false, true},
		{"Log Analytics Contributor", false, true, false},
		{"Monitoring Contributor", false, false, false},
		{"Network Contributor", false, false, false},
	}
	for _, tt := range tests {
		r, ok := BuiltinRole(tt.role)
		if !ok {
			t.Errorf("%s is not in the table", tt.role)
			continue
		}
		if r.Admin() != tt.admin || r.ChangesLogs() != tt.logs || (r.Registry == RegistryData) != tt.regData {
			t.Errorf("%s: admin %v, changes logs %v, registry %s; want %v, %v, data=%v",
				tt.role, r.Admin(), r.ChangesLogs(), r.Registry, tt.admin, tt.logs, tt.regData)
		}
	}
}

func TestRoleOfResolvesEveryWayARoleIsNamed(t *testing.T) {
	custom := &estate.RoleDefinition{
		Meta:       estate.Meta{ID: sub + "/providers/Microsoft.Authorization/roleDefinitions/11111111-2222-3333-4444-555555555555", Name: "11111111-2222-3333-4444-555555555555"},
		RoleName:   set("Cluster Operator", "properties.roleName"),
		Actions:    set([]string{"Microsoft.ContainerService/*"}, "properties.permissions[0].actions"),
		NotActions: def([]string(nil), "properties.permissions[0].notActions"),
	}
	e := estateOf(custom)
	tests := []struct {
		name      string
		a         *estate.RoleAssignment
		wantName  string
		wantKnown bool
		reason    string
	}{
		{"full ID", grant("a", rg, roleID(ownerID), "p", "User"), "Owner", true, ""},
		{"provider-level ID", grant("a", rg, "/providers/Microsoft.Authorization/roleDefinitions/"+acrPullID, "p", "User"), "AcrPull", true, ""},
		{"bare GUID in upper case", grant("a", rg, strings.ToUpper(contributorID), "p", "User"), "Contributor", true, ""},
		{"name, any case", grant("a", rg, "name:user access administrator", "p", "User"), "User Access Administrator", true, ""},
		{"custom by ID", grant("a", rg, string(custom.ID), "p", "User"), "Cluster Operator", true, ""},
		{"custom by name", grant("a", rg, "name:cluster operator", "p", "User"), "Cluster Operator", true, ""},
		{"unknown GUID", grant("a", rg, roleID("99999999-0000-0000-0000-000000000000"), "p", "User"), "", false, "not a built-in role aksguard classifies"},
		{"unknown name", grant("a", rg, "name:Made Up", "p", "User"), "Made Up", false, "no role definition of that name"},
		{"unresolved", func() *estate.RoleAssignment {
			a := grant("a", rg, roleID(ownerID), "p", "User")
			a.RoleDefinitionID = unres[string]("role_definition_id")
			return a
		}(), "", false, "var.x has no value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, known := RoleOf(e, tt.a)
			if known != tt.wantKnown || r.Name != tt.wantName {
				t.Errorf("RoleOf = %q known %v, want %q known %v (%s)", r.Name, known, tt.wantName, tt.wantKnown, r.Unresolved)
			}
			if !strings.Contains(r.Unresolved, tt.reason) {
				t.Errorf("Unresolved = %q, want it to say %q", r.Unresolved, tt.reason)
			}
		})
	}
}

func TestClassifyCustomRoles(t *testing.T) {
	tests := []struct {
		name          string
		actions, nots []string
		data          []string
		check         func(Role) bool
	}{
		{"star is privileged and writes", []string{"*"}, nil, nil,
			func(r Role) bool { return r.Privileged && r.Writes && r.Deletes && r.Admin() && r.ChangesLogs() }},
		{"star minus AKS is not cluster admin", []string{"*"}, []string{"Microsoft.ContainerService/*"}, nil,
			func(r Role) bool { return r.Privileged && !r.ClusterAdmin }},
		// "*/write" includes role assignment writes: it can grant itself anything.
		{"*/write writes and is admin", []string{"*/read", "*/write"}, nil, nil,
			func(r Role) bool { return r.Writes && !r.Deletes && r.GrantsAccess && r.Admin() && r.ChangesLogs() }},
		{"*/write minus Authorization is not admin of access", []string{"*/write"}, []string{"Microsoft.Authorization/*"}, nil,
			func(r Role) bool { return r.Writes && !r.GrantsAccess && r.ClusterAdmin }},
		{"*/delete deletes", []string{"*/delete"}, nil, nil,
			func(r Role) bool { return r.Deletes && r.ChangesLogs() }},
		{"Log Analytics writes", []string{"Microsoft.OperationalInsights/*"}, nil, nil,
			func(r Role) bool { return r.LogWrites && !r.Writes && r.ChangesLogs() }},
		{"role assignment writes grant access", []string{"Microsoft.Authorization/roleAssignments/*"}, nil, nil,
			func(r Role) bool { return r.GrantsAccess && r.Admin() }},
		{"NotActions win, case-insensitively", []string{"Microsoft.Authorization/*"}, []string{"microsoft.authorization/*/write"}, nil,
			func(r Role) bool { return !r.GrantsAccess }},
		{"admin credential", []string{"Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action"}, nil, nil,
			func(r Role) bool { return r.ClusterAdmin }},
		{"Kubernetes admin via data actions", []string{"Microsoft.ContainerService/managedClusters/read"}, nil, []string{"Microsoft.ContainerService/managedClusters/*"},
			func(r Role) bool { return r.ClusterAdmin }},
		{"cluster read only", []string{"Microsoft.ContainerService/managedClusters/read"}, nil, nil,
			func(r Role) bool { return !r.Admin() && r.ReadOnly }},
		{"registry pull", []string{"Microsoft.ContainerRegistry/registries/pull/read"}, nil, nil,
			func(r Role) bool { return r.Registry == RegistryData && !r.Admin() }},
		{"registry writes", []string{"Microsoft.ContainerRegistry/registries/*"}, nil, nil,
			func(r Role) bool { return r.Registry == RegistryManage }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &estate.RoleDefinition{
				Meta:        estate.Meta{ID: "/providers/Microsoft.Authorization/roleDefinitions/c"},
				RoleName:    set("custom", "properties.roleName"),
				Actions:     set(tt.actions, "actions"),
				NotActions:  set(tt.nots, "notActions"),
				DataActions: set(tt.data, "dataActions"),
			}
			r, known := classifyCustom(d)
			if !known || !r.Custom || !tt.check(r) {
				t.Errorf("classifyCustom(%v - %v, data %v) = %+v, known %v", tt.actions, tt.nots, tt.data, r, known)
			}
		})
	}
	d := &estate.RoleDefinition{RoleName: set("x", "roleName"), Actions: unres[[]string]("actions")}
	if r, known := classifyCustom(d); known || !strings.Contains(r.Unresolved, "actions") {
		t.Errorf("unresolved actions: %+v known %v", r, known)
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "microsoft.compute/virtualmachines/write", true},
		{"*/write", "microsoft.compute/virtualmachines/write", true},
		{"*/write", "microsoft.compute/virtualmachines/read", false},
		{"microsoft.authorization/*/write", "microsoft.authorization/roleassignments/write", true},
		{"microsoft.authorization/*/write", "microsoft.authorization/roleassignments/delete", false},
		{"microsoft.containerservice/*", "microsoft.containerservice/managedclusters/write", true},
		{"microsoft.containerservice/managedclusters/read", "microsoft.containerservice/managedclusters/write", false},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false},
	}
	for _, tt := range tests {
		if got := globMatch(tt.pattern, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}
