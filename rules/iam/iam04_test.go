package iam

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestIAM04ClusterAdmins(t *testing.T) {
	c := goodCluster("aks")
	other := clusterID("other")
	custom := func(actions ...string) *estate.RoleDefinition {
		return &estate.RoleDefinition{
			Meta:       estate.Meta{ID: sub + "/providers/Microsoft.Authorization/roleDefinitions/11111111-2222-3333-4444-555555555555"},
			RoleName:   set("Custom", "properties.roleName"),
			Actions:    set(actions, "properties.permissions[0].actions"),
			NotActions: def([]string(nil), "properties.permissions[0].notActions"),
		}
	}
	customID := sub + "/providers/Microsoft.Authorization/roleDefinitions/11111111-2222-3333-4444-555555555555"
	users := func(n int, scope estate.ResourceID, role string) []estate.Resource {
		var out []estate.Resource
		for i := range n {
			out = append(out, grant("u"+string(rune('a'+i)), scope, role, "user-"+string(rune('a'+i)), "User"))
		}
		return out
	}

	tests := []struct {
		name  string
		extra []estate.Resource
		edit  func(*estate.Cluster)
		cfg   rules.Config
		want  expect
	}{
		{name: "no role assignment at all",
			want: expect{verdict: rules.Passed, has: []string{"none in the scanned inputs"}}},
		{name: "Owner at the subscription, even to a user",
			extra: []estate.Resource{grant("o", sub, roleID(ownerID), "alice", "User")},
			want:  expect{verdict: rules.Failed, has: []string{"Owner", "subscription scope", `properties.scope = "` + sub + `"`}}},
		{name: "cluster admin at a management group",
			extra: []estate.Resource{grant("m", "/providers/Microsoft.Management/managementGroups/root", roleID(rbacClusterAdm), "alice", "User")},
			want:  expect{verdict: rules.Failed, has: []string{"Azure Kubernetes Service RBAC Cluster Admin", "subscription scope or above"}}},
		{name: "non-admin roles only",
			extra: []estate.Resource{grant("n", rg, roleID(networkContrib), "cluster-identity", "ServicePrincipal"), grant("r", sub, roleID(readerID), "auditor", "User")},
			want:  expect{verdict: rules.Passed, has: []string{"none of the 2 role assignments covering the cluster grants an admin role"}}},
		{name: "two named admins at the cluster",
			extra: append(users(2, c.ID, roleID(rbacClusterAdm)), grant("x", other, roleID(ownerID), "someone-else", "User")),
			want:  expect{verdict: rules.Passed, has: []string{"2 principal(s)", "user-a", "user-b", "threshold 3"}, hasNot: []string{"someone-else"}}},
		{name: "four admins at cluster and resource group exceed the default threshold",
			extra: append(users(3, c.ID, roleID(rbacClusterAdm)), grant("o", rg, "name:Owner", "ops-sp", "ServicePrincipal")),
			want:  expect{verdict: rules.Failed, has: []string{"4 principals", "more than the threshold of 3", `"ops-sp"`}}},
		{name: "a configured threshold of 5",
			extra: append(users(3, c.ID, roleID(rbacClusterAdm)), grant("o", rg, "name:Owner", "ops-sp", "ServicePrincipal")),
			cfg:   rules.Config{AdminThreshold: 5},
			want:  expect{verdict: rules.Passed, has: []string{"4 principal(s)", "threshold 5"}}},
		{name: "one principal with two admin roles counts once",
			extra: []estate.Resource{grant("a", c.ID, roleID(rbacClusterAdm), "alice", "User"), grant("b", rg, roleID(contributorID), "ALICE", "User")},
			want:  expect{verdict: rules.Passed, has: []string{"1 principal(s)"}}},
		{name: "a group is unknown offline",
			extra: []estate.Resource{grant("g", rg, roleID(contributorID), "devs", "Group")},
			want:  expect{verdict: rules.Unknown, has: []string{"Contributor", "membership is not in the scanned inputs", "more than 3 members"}}},
		{name: "admin groups of the aadProfile are cluster-admins",
			edit: func(c *estate.Cluster) {
				c.AdminGroupObjectIDs = set([]string{"aks-admins"}, "properties.aadProfile.adminGroupObjectIDs")
			},
			want: expect{verdict: rules.Unknown, has: []string{`group "aks-admins" is cluster-admin through properties.aadProfile.adminGroupObjectIDs`}}},
		{name: "admin groups count toward the threshold",
			extra: users(3, c.ID, roleID(rbacClusterAdm)),
			edit: func(c *estate.Cluster) {
				c.AdminGroupObjectIDs = set([]string{"aks-admins"}, "properties.aadProfile.adminGroupObjectIDs")
			},
			want: expect{verdict: rules.Failed, has: []string{"4 principals", "also not determined", "aks-admins"}}},
		{name: "unstated principal type may be a group",
			extra: []estate.Resource{grant("t", c.ID, roleID(ownerID), "someone", "")},
			want:  expect{verdict: rules.Unknown, has: []string{"principal type is not stated"}}},
		{name: "unresolved principal",
			extra: []estate.Resource{func() estate.Resource {
				a := grant("p", c.ID, roleID(ownerID), "", "User")
				a.PrincipalID = unres[string]("principal_id")
				return a
			}()},
			want: expect{verdict: rules.Unknown, has: []string{"principal is not determined"}}},
		{name: "role the inputs do not define",
			extra: []estate.Resource{grant("u", c.ID, roleID("99999999-0000-0000-0000-000000000000"), "alice", "User")},
			want:  expect{verdict: rules.Unknown, has: []string{"not a built-in role aksguard classifies"}}},
		{name: "unresolved scope with an admin role may cover the cluster",
			extra: []estate.Resource{func() estate.Resource {
				a := grant("s", sub, roleID(ownerID), "alice", "User")
				a.Scope = unres[estate.ResourceID]("scope")
				return a
			}()},
			want: expect{verdict: rules.Unknown, has: []string{"scope is not determined"}}},
		{name: "unresolved scope with a harmless role is ignored",
			extra: []estate.Resource{func() estate.Resource {
				a := grant("s", sub, roleID(acrPullID), "kubelet", "ServicePrincipal")
				a.Scope = unres[estate.ResourceID]("scope")
				return a
			}()},
			want: expect{verdict: rules.Passed}},
		{name: "custom role with * is admin",
			extra: []estate.Resource{custom("*"), grant("c", sub, customID, "alice", "User")},
			want:  expect{verdict: rules.Failed, has: []string{"Custom", "subscription scope"}}},
		{name: "custom read-only role is not",
			extra: []estate.Resource{custom("Microsoft.ContainerService/managedClusters/read"), grant("c", sub, customID, "alice", "User")},
			want:  expect{verdict: rules.Passed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl := goodCluster("aks", func(x *estate.Cluster) {
				if tt.edit != nil {
					tt.edit(x)
				}
			})
			e := estateOf(append([]estate.Resource{cl}, tt.extra...)...)
			tt.want.res = cl.ID
			assertFindings(t, run(IAM04, e, tt.cfg), []expect{tt.want})
		})
	}
}

// TestIAM04PerCluster: each cluster gets its own finding, and an assignment
// on one cluster does not count on the other.
func TestIAM04PerCluster(t *testing.T) {
	a, b := goodCluster("a"), goodCluster("b")
	e := estateOf(a, b, grant("x", a.ID, roleID(ownerID), "alice", "Group"))
	assertFindings(t, run(IAM04, e, rules.DefaultConfig()), []expect{
		{res: a.ID, verdict: rules.Unknown, has: []string{"alice"}},
		{res: b.ID, verdict: rules.Passed, has: []string{"none in the scanned inputs"}},
	})
}
