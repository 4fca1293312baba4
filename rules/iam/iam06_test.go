package iam

import (
	"strings"
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestIAM06Identity(t *testing.T) {
	servicePrincipal := func(clientID estate.Value[string]) func(*estate.Cluster) {
		return func(c *estate.Cluster) {
			c.IdentityType = def("None", "identity.type")
			c.UserAssignedIdentities = def([]estate.ResourceID(nil), "identity.userAssignedIdentities")
			c.ServicePrincipalClientID = clientID
		}
	}
	tests := []struct {
		name string
		edit func(*estate.Cluster)
		want expect
	}{
		{name: "own user-assigned and kubelet identities",
			want: expect{verdict: rules.Passed, has: []string{`identity.type = "UserAssigned" (managed identity)`, "not shared with another cluster"}}},
		{name: "system-assigned, AKS-made kubelet identity",
			edit: func(c *estate.Cluster) {
				c.IdentityType = set("SystemAssigned", "identity.type")
				c.UserAssignedIdentities = def([]estate.ResourceID(nil), "identity.userAssignedIdentities")
				c.KubeletIdentityResourceID = def(estate.ResourceID(""), "kubelet_identity")
				c.KubeletIdentityClientID = def("", "kubelet_identity")
			},
			want: expect{verdict: rules.Passed, has: []string{"AKS creates the cluster's own"}}},
		{name: "service principal",
			edit: servicePrincipal(set("0b1c2d3e", "properties.servicePrincipalProfile.clientId")),
			want: expect{verdict: rules.Failed, has: []string{"uses a service principal with a secret", `clientId = "0b1c2d3e"`}}},
		{name: "service principal whose client ID is a variable",
			edit: servicePrincipal(unres[string]("service_principal.client_id")),
			want: expect{verdict: rules.Failed, has: []string{"uses a service principal with a secret", "also not determined"}}},
		{name: "identity not determined",
			edit: func(c *estate.Cluster) {
				c.IdentityType = unres[string]("identity.type")
				c.ServicePrincipalClientID = unres[string]("service_principal.client_id")
			},
			want: expect{verdict: rules.Unknown, has: []string{"identity.type is not determined"}}},
		{name: "kubelet client ID unresolved may be shared",
			edit: func(c *estate.Cluster) { c.KubeletIdentityClientID = unres[string]("kubelet_identity.client_id") },
			want: expect{verdict: rules.Unknown, has: []string{"cannot tell whether it is shared", "kubelet_identity.client_id"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := goodCluster("aks", func(c *estate.Cluster) {
				if tt.edit != nil {
					tt.edit(c)
				}
			})
			tt.want.res = c.ID
			assertFindings(t, run(IAM06, estateOf(c), rules.DefaultConfig()), []expect{tt.want})
		})
	}
}

func TestIAM06SharedIdentities(t *testing.T) {
	tests := []struct {
		name string
		edit func(a, b *estate.Cluster)
		has  string
	}{
		{"kubelet identity, IDs in different case", func(a, b *estate.Cluster) {
			id := strings.ToUpper(string(a.KubeletIdentityResourceID.V)) + "/"
			b.KubeletIdentityResourceID = set(estate.ResourceID(id), "kubelet_identity.user_assigned_identity_id")
		}, "kubelet identity"},
		{"kubelet client ID", func(a, b *estate.Cluster) {
			b.KubeletIdentityClientID = a.KubeletIdentityClientID
		}, "clientId"},
		{"control-plane identity", func(a, b *estate.Cluster) {
			b.UserAssignedIdentities = a.UserAssignedIdentities
		}, "control-plane identity"},
		{"one's control plane is the other's kubelet", func(a, b *estate.Cluster) {
			b.KubeletIdentityResourceID = set(a.UserAssignedIdentities.V[0], "kubelet_identity.user_assigned_identity_id")
		}, "identity"},
		{"service principal", func(a, b *estate.Cluster) {
			for _, c := range []*estate.Cluster{a, b} {
				c.IdentityType = def("None", "identity.type")
				c.UserAssignedIdentities = def([]estate.ResourceID(nil), "identity.userAssignedIdentities")
				c.ServicePrincipalClientID = set("shared-sp", "service_principal.client_id")
			}
		}, "service principal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b, c := goodCluster("a"), goodCluster("b"), goodCluster("c")
			tt.edit(a, b)
			assertFindings(t, run(IAM06, estateOf(a, b, c), rules.DefaultConfig()), []expect{
				{res: a.ID, verdict: rules.Failed, has: []string{tt.has, `shared with cluster "b"`}},
				{res: b.ID, verdict: rules.Failed, has: []string{tt.has, `shared with cluster "a"`}},
				{res: c.ID, verdict: rules.Passed},
			})
		})
	}
}
