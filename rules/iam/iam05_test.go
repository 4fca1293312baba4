package iam

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestIAM05Registry(t *testing.T) {
	reg := registryID("acr")
	tests := []struct {
		name  string
		edit  func(*estate.Registry)
		extra []estate.Resource
		want  expect
	}{
		{name: "defaults and no role assignment",
			want: expect{verdict: rules.Passed, has: []string{
				"properties.adminUserEnabled = false (default", "properties.anonymousPullEnabled = false",
				"role assignments at the registry: none in the scanned inputs"}}},
		{name: "admin user on",
			edit: func(r *estate.Registry) { r.AdminUserEnabled = set(true, "properties.adminUserEnabled") },
			want: expect{verdict: rules.Failed, has: []string{"properties.adminUserEnabled = true"}}},
		{name: "anonymous pull on",
			edit: func(r *estate.Registry) { r.AnonymousPullEnabled = set(true, "anonymous_pull_enabled") },
			want: expect{verdict: rules.Failed, has: []string{"anonymous_pull_enabled = true"}}},
		{name: "anonymous pull unresolved",
			edit: func(r *estate.Registry) { r.AnonymousPullEnabled = unres[bool]("anonymous_pull_enabled") },
			want: expect{verdict: rules.Unknown, has: []string{"anonymous_pull_enabled is not determined"}}},
		{name: "AcrPull and AcrPush to identities, Reader to a user",
			extra: []estate.Resource{
				grant("pull", reg, roleID(acrPullID), "kubelet", "ServicePrincipal"),
				grant("push", reg, "name:acrpush", "ci", "ServicePrincipal"),
				grant("read", reg, roleID(readerID), "alice", "User"),
			},
			want: expect{verdict: rules.Passed, has: []string{"AcrPull", "AcrPush", "Reader"}}},
		{name: "Contributor to a workload identity",
			extra: []estate.Resource{grant("c", reg, roleID(contributorID), "app-identity", "ServicePrincipal")},
			want:  expect{verdict: rules.Failed, has: []string{"Contributor", "a workload identity needs only an AcrPull/AcrPush-class role"}}},
		{name: "Owner to a user",
			extra: []estate.Resource{grant("o", reg, "name:Owner", "alice", "User")},
			want:  expect{verdict: rules.Failed, has: []string{"Owner", "only AcrPull/AcrPush-class roles belong at registry scope"}}},
		{name: "a registry configuration role",
			extra: []estate.Resource{grant("t", reg, "name:Container Registry Tasks Contributor", "ci", "ServicePrincipal")},
			want:  expect{verdict: rules.Failed, has: []string{"Container Registry Tasks Contributor"}}},
		{name: "Owner at the resource group is not this rule's",
			extra: []estate.Resource{grant("o", rg, roleID(ownerID), "alice", "User")},
			want:  expect{verdict: rules.Passed, has: []string{"none in the scanned inputs"}}},
		{name: "an unclassified role",
			extra: []estate.Resource{grant("u", reg, roleID("99999999-0000-0000-0000-000000000000"), "x", "User")},
			want:  expect{verdict: rules.Unknown, has: []string{"not a built-in role aksguard classifies"}}},
		{name: "an unresolved scope with a wide role",
			extra: []estate.Resource{func() estate.Resource {
				a := grant("s", reg, roleID(contributorID), "x", "ServicePrincipal")
				a.Scope = unres[estate.ResourceID]("scope")
				return a
			}()},
			want: expect{verdict: rules.Unknown, has: []string{"may be on this registry"}}},
		{name: "a failure also names what stayed unknown",
			edit: func(r *estate.Registry) {
				r.AdminUserEnabled = set(true, "admin_enabled")
				r.AnonymousPullEnabled = unres[bool]("anonymous_pull_enabled")
			},
			want: expect{verdict: rules.Failed, has: []string{"admin_enabled = true", "also not determined: anonymous_pull_enabled"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := goodRegistry("acr", func(r *estate.Registry) {
				if tt.edit != nil {
					tt.edit(r)
				}
			})
			tt.want.res = r.ID
			e := estateOf(append([]estate.Resource{r}, tt.extra...)...)
			assertFindings(t, run(IAM05, e, rules.DefaultConfig()), []expect{tt.want})
		})
	}
}
