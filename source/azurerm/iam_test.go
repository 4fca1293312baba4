package azurerm

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
)

const sub = "/subscriptions/00000000-0000-0000-0000-000000000000"

// TestRoleAssignment: the role is named by name or by ID; the other is an
// empty default, so rules read the one given.
func TestRoleAssignment(t *testing.T) {
	tests := []struct {
		name       string
		v          obj
		id, role   estate.Value[string]
		principalT estate.Value[string]
	}{
		{"by name", obj{"scope": str(clusterID), "role_definition_name": str("Azure Kubernetes Service RBAC Cluster Admin"), "principal_id": str("p")},
			def("", "role_definition_id"), set("Azure Kubernetes Service RBAC Cluster Admin", "role_definition_name"),
			unres[string]("principal_type", "principal_type is not set: Azure looks the principal up at deployment")},
		{"by ID", obj{"scope": str(clusterID), "role_definition_id": str(sub + "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
			"principal_id": str("p"), "principal_type": str("Group")},
			set(sub+"/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "role_definition_id"), def("", "role_definition_name"),
			set("Group", "principal_type")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := adaptOne(t, res("azurerm_role_assignment", "azurerm_role_assignment.admin", tt.v, nil))
			a := e.RoleAssignments[0]
			if a.ID != "azurerm_role_assignment.admin" {
				t.Errorf("ID = %q: an assignment without a name is known by its address", a.ID)
			}
			check(t, "Scope", a.Scope, set[estate.ResourceID](clusterID, "scope"))
			check(t, "RoleDefinitionID", a.RoleDefinitionID, tt.id)
			check(t, "RoleName", a.RoleName, tt.role)
			check(t, "PrincipalID", a.PrincipalID, set("p", "principal_id"))
			check(t, "PrincipalType", a.PrincipalType, tt.principalT)
		})
	}
}

// TestRoleDefinitionJoins: an assignment that names a custom role by its
// role_definition_resource_id finds the definition.
func TestRoleDefinitionJoins(t *testing.T) {
	defV := obj{"name": str("log-deleter"), "scope": str(sub), "role_definition_id": str("11111111-2222-3333-4444-555555555555"),
		"permissions": blocks(o(obj{"actions": list("Microsoft.OperationalInsights/workspaces/delete"), "not_actions": list()}))}
	resID, ok := SyntheticAttr("azurerm_role_definition", "azurerm_role_definition.d", o(defV), "role_definition_resource_id")
	if !ok {
		t.Fatal("role_definition_resource_id has no synthetic value")
	}
	out := Adapt([]Resource{
		res("azurerm_role_definition", "azurerm_role_definition.d", defV, nil),
		res("azurerm_role_assignment", "azurerm_role_assignment.a", obj{"scope": str(sub), "role_definition_id": str(resID), "principal_id": str("p")}, nil),
	})
	e := out.Estate
	d := e.RoleDefinition(e.RoleAssignments[0].RoleDefinitionID.V)
	if d == nil || d.Name != "azurerm_role_definition.d" {
		t.Fatalf("assignment's role %q does not find the definition", e.RoleAssignments[0].RoleDefinitionID.V)
	}
	check(t, "RoleName", d.RoleName, set("log-deleter", "name"))
	check(t, "Actions", d.Actions, set([]string{"Microsoft.OperationalInsights/workspaces/delete"}, "permissions[0].actions"))
	check(t, "DataActions", d.DataActions, set([]string(nil), "permissions[0].data_actions"))
	check(t, "AssignableScopes", d.AssignableScopes, def([]estate.ResourceID{sub}, "assignable_scopes"))
}

// TestLockAndPricing: locks cover their scope; a Defender pricing covers
// the configuration's subscription, and defaults to the VirtualMachines plan.
func TestLockAndPricing(t *testing.T) {
	out := Adapt([]Resource{
		res("azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster.aks", minimalCluster(nil), nil),
		res("azurerm_management_lock", "azurerm_management_lock.rg", obj{"name": str("nodelete"), "scope": str(rgID), "lock_level": str("CanNotDelete")}, nil),
		res("azurerm_security_center_subscription_pricing", "azurerm_security_center_subscription_pricing.containers",
			obj{"tier": str("Standard"), "resource_type": str("Containers")}, nil),
		res("azurerm_security_center_subscription_pricing", "azurerm_security_center_subscription_pricing.vms", obj{"tier": str("Free")}, nil),
	})
	e := out.Estate
	l := e.Locks[0]
	if l.ID != rgID+"/providers/Microsoft.Authorization/locks/nodelete" {
		t.Errorf("lock ID = %q", l.ID)
	}
	check(t, "Level", l.Level, set("CanNotDelete", "lock_level"))
	if got := e.LocksCovering(clusterID); len(got) != 1 {
		t.Errorf("locks covering the cluster = %d, want the resource group's", len(got))
	}
	p := e.DefenderPlans[0]
	check(t, "Plan", p.Plan, set("Containers", "resource_type"))
	check(t, "Tier", p.Tier, set("Standard", "tier"))
	check(t, "Scope", p.Scope, def[estate.ResourceID](sub, "the provider's subscription"))
	check(t, "default plan", e.DefenderPlans[1].Plan, def("VirtualMachines", "resource_type"))
	if got := e.DefenderPlansCovering(clusterID); len(got) != 2 {
		t.Errorf("pricings covering the cluster = %d, want 2", len(got))
	}
}

// TestKubeletIdentityJoin: a role assignment to the kubelet identity AKS
// creates names the same principal the cluster records.
func TestKubeletIdentityJoin(t *testing.T) {
	v := minimalCluster(nil)
	principal, ok := SyntheticAttr("azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster.aks", o(v), "kubelet_identity[0].object_id")
	if !ok {
		t.Fatal("kubelet_identity[0].object_id has no stand-in")
	}
	out := Adapt([]Resource{
		res("azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster.aks", v, nil),
		res("azurerm_role_assignment", "azurerm_role_assignment.pull", obj{"scope": str("acr"), "role_definition_name": str("AcrPull"), "principal_id": str(principal)}, nil),
	})
	if got, want := out.Estate.RoleAssignments[0].PrincipalID.V, out.Estate.Clusters[0].KubeletIdentityObjectID.V; got != want {
		t.Errorf("assignment principal %q, cluster kubelet identity %q", got, want)
	}
}
