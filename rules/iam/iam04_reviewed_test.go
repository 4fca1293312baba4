package iam

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// TestIAM04ReviewedAdminGroups: a group the configuration declares reviewed
// counts as one known principal, as a user does; everything else the rule
// checks still applies to it.
func TestIAM04ReviewedAdminGroups(t *testing.T) {
	c := goodCluster("aks")
	const group = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"
	reviewedCfg := rules.Config{ReviewedAdminGroups: []string{group}}
	aadAdmins := func(c *estate.Cluster) {
		c.AdminGroupObjectIDs = set([]string{group}, "properties.aadProfile.adminGroupObjectIDs")
	}
	users := func(n int) []estate.Resource {
		var out []estate.Resource
		for i := range n {
			out = append(out, grant("u"+string(rune('a'+i)), c.ID, roleID(rbacClusterAdm), "user-"+string(rune('a'+i)), "User"))
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
		{name: "a reviewed group granted an admin role passes, saying why",
			extra: []estate.Resource{grant("g", c.ID, roleID(rbacClusterAdm), group, "Group")},
			cfg:   reviewedCfg,
			want:  expect{verdict: rules.Passed, has: []string{"1 principal(s)", group, "declared reviewed in the configuration's reviewedAdminGroups"}}},
		{name: "the reviewed group of the aadProfile and its role assignment are one principal",
			extra: []estate.Resource{grant("g", c.ID, roleID(rbacClusterAdm), group, "Group")},
			edit:  aadAdmins,
			cfg:   reviewedCfg,
			want:  expect{verdict: rules.Passed, has: []string{"1 principal(s)", "reviewedAdminGroups"}}},
		{name: "object IDs compare case-insensitively",
			edit: aadAdmins,
			cfg:  rules.Config{ReviewedAdminGroups: []string{" 6A7B8C9D-0E1F-4A2B-8C3D-4E5F6A7B8C9D "}},
			want: expect{verdict: rules.Passed, has: []string{"reviewedAdminGroups"}}},
		{name: "a reviewed ID whose principal type is unstated is the reviewed group",
			extra: []estate.Resource{grant("g", c.ID, roleID(ownerID), group, "")},
			cfg:   reviewedCfg,
			want:  expect{verdict: rules.Passed, has: []string{"reviewedAdminGroups"}}},
		{name: "without the declaration the group stays unknown",
			extra: []estate.Resource{grant("g", c.ID, roleID(rbacClusterAdm), group, "Group")},
			edit:  aadAdmins,
			want:  expect{verdict: rules.Unknown, has: []string{"membership is not in the scanned inputs"}}},
		{name: "another group beside the reviewed one stays unknown",
			extra: []estate.Resource{grant("g", c.ID, roleID(rbacClusterAdm), group, "Group"), grant("h", c.ID, roleID(rbacClusterAdm), "other-group", "Group")},
			cfg:   reviewedCfg,
			want:  expect{verdict: rules.Unknown, has: []string{"other-group", "membership is not in the scanned inputs"}}},
		{name: "a reviewed group at the subscription still fails",
			extra: []estate.Resource{grant("g", sub, roleID(ownerID), group, "Group")},
			cfg:   reviewedCfg,
			want:  expect{verdict: rules.Failed, has: []string{"subscription scope"}}},
		{name: "a reviewed group counts toward the threshold",
			extra: users(3),
			edit:  aadAdmins,
			cfg:   reviewedCfg,
			want:  expect{verdict: rules.Failed, has: []string{"4 principals", "more than the threshold of 3", group}}},
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
