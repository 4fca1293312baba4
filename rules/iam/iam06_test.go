package iam

import (
	"context"
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

// A cluster declared in a template and read from an export of the deployed
// estate is one cluster: its identity is not "shared".
func TestIAM06SameClusterInTemplateAndExport(t *testing.T) {
	sp := estate.Set("5f8c2c6e-0d7a-4b3e-9f1a-2b3c4d5e6f70", estate.Loc{Path: "servicePrincipalProfile.clientId"})
	mk := func(id estate.ResourceID, src estate.SourceKind) *estate.Cluster {
		return &estate.Cluster{
			Meta:                      estate.Meta{ID: id, Name: "aks-prod", Source: src},
			IdentityType:              estate.Set("UserAssigned", estate.Loc{}),
			UserAssignedIdentities:    estate.Set([]estate.ResourceID{"/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks"}, estate.Loc{}),
			ServicePrincipalClientID:  estate.Set("msi", sp.Loc),
			KubeletIdentityResourceID: estate.Defaulted[estate.ResourceID]("", estate.Loc{}),
			KubeletIdentityClientID:   estate.Defaulted("", estate.Loc{}),
			KubeletIdentityObjectID:   estate.Defaulted("", estate.Loc{}),
		}
	}
	e := &estate.Estate{Clusters: []*estate.Cluster{
		mk("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod", estate.SourceARM),
		mk("/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/aks-prod", estate.SourceAzure),
	}}
	fs, err := rules.Evaluate(context.Background(), e, rules.DefaultConfig(), []*rules.Rule{IAM06})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Verdict != rules.Passed {
			t.Errorf("%s: %s %s, want pass", f.Resource.ID, f.Verdict, f.Evidence)
		}
	}
	if len(fs) != 2 {
		t.Errorf("findings = %d, want one per cluster", len(fs))
	}
}
