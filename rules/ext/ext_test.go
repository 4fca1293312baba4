package ext

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestEXT01(t *testing.T) {
	tests := []struct {
		name string
		v    estate.Value[bool]
		want rules.Verdict
	}{
		{"on", set(true), rules.Passed},
		{"absent: Azure default on", def(true), rules.Passed},
		{"off", set(false), rules.Failed},
		{"unresolved", unk[bool]("var.rbac"), rules.Unknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &estate.Cluster{Meta: meta(aks1), EnableRBAC: tc.v}
			check(t, EXT01, &estate.Estate{Clusters: []*estate.Cluster{c}}, rules.DefaultConfig(), []want{{aks1, tc.want, ""}})
		})
	}
}

func TestEXT02(t *testing.T) {
	tests := []struct {
		name           string
		public, action estate.Value[string]
		want           rules.Verdict
		evidence       string
	}{
		{"public access disabled", set("Disabled"), def("Allow"), rules.Passed, "Disabled"},
		{"firewall denies by default", def("Enabled"), set("Deny"), rules.Passed, "Deny"},
		{"values compared case-insensitively", set("disabled"), def("Allow"), rules.Passed, ""},
		{"absent: open to all", def("Enabled"), def("Allow"), rules.Failed, "default"},
		{"public access unresolved", unk[string]("var.public"), def("Allow"), rules.Unknown, "var.public"},
		{"default action unresolved", def("Enabled"), unk[string]("var.action"), rules.Unknown, "var.action"},
		{"a known restriction wins over an unresolved value", unk[string]("var.public"), set("Deny"), rules.Passed, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &estate.Registry{Meta: meta(acr1), PublicNetworkAccess: tc.public, NetworkDefaultAction: tc.action}
			check(t, EXT02, &estate.Estate{Registries: []*estate.Registry{r}}, rules.DefaultConfig(), []want{{acr1, tc.want, tc.evidence}})
		})
	}
}

func TestEXT03(t *testing.T) {
	tests := []struct {
		name     string
		v        estate.Value[string]
		want     rules.Verdict
		evidence string
	}{
		{"patch", set("patch"), rules.Passed, "patch"},
		{"stable", set("stable"), rules.Passed, ""},
		{"node-image passes with a note", set("node-image"), rules.Passed, "node images only"},
		{"none", set("none"), rules.Failed, "no automatic upgrade"},
		{"absent", def("none"), rules.Failed, "default"},
		{"empty", set(""), rules.Failed, ""},
		{"unresolved", unk[string]("var.channel"), rules.Unknown, "var.channel"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &estate.Cluster{Meta: meta(aks1), UpgradeChannel: tc.v}
			check(t, EXT03, &estate.Estate{Clusters: []*estate.Cluster{c}}, rules.DefaultConfig(), []want{{aks1, tc.want, tc.evidence}})
		})
	}
}

func pool(id string, host estate.Value[bool], disk estate.Value[string]) *estate.NodePool {
	return &estate.NodePool{Meta: meta(id), EncryptionAtHost: host, OSDiskType: disk}
}

func TestEXT04(t *testing.T) {
	tests := []struct {
		name     string
		host     estate.Value[bool]
		disk     estate.Value[string]
		want     rules.Verdict
		evidence string
	}{
		{"encryption at host", set(true), def("Managed"), rules.Passed, "true"},
		{"ephemeral OS disk", def(false), set("Ephemeral"), rules.Passed, "Ephemeral"},
		{"absent: neither", def(false), def("Managed"), rules.Failed, "default"},
		{"host unresolved", unk[bool]("var.host"), def("Managed"), rules.Unknown, "var.host"},
		{"disk unresolved", def(false), unk[string]("var.disk"), rules.Unknown, "var.disk"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &estate.Cluster{Meta: meta(aks1), NodePools: []*estate.NodePool{pool(aks1+"/agentPools/system", tc.host, tc.disk)}}
			check(t, EXT04, &estate.Estate{Clusters: []*estate.Cluster{c}}, rules.DefaultConfig(), []want{{aks1 + "/agentPools/system", tc.want, tc.evidence}})
		})
	}
}

func TestEXT04EveryPool(t *testing.T) {
	// The inline default pool, a separately declared pool that Link attaches,
	// and a pool whose cluster is not in the inputs each get a finding.
	inline := pool(aks1+"/agentPools/system", set(true), def("Managed"))
	child := pool(aks1+"/agentPools/user", def(false), def("Managed"))
	child.Cluster = aks1
	orphan := pool(rg+"/providers/Microsoft.ContainerService/managedClusters/elsewhere/agentPools/x", def(false), set("Ephemeral"))
	orphan.Cluster = rg + "/providers/Microsoft.ContainerService/managedClusters/elsewhere"
	e := &estate.Estate{
		Clusters:  []*estate.Cluster{{Meta: meta(aks1), NodePools: []*estate.NodePool{inline}}},
		NodePools: []*estate.NodePool{child, orphan},
	}
	check(t, EXT04, e, rules.DefaultConfig(), []want{
		{string(inline.ID), rules.Passed, ""},
		{string(child.ID), rules.Failed, ""},
		{string(orphan.ID), rules.Passed, ""},
	})
}

func TestEXT05(t *testing.T) {
	tests := []struct {
		name     string
		wi, pod  estate.Value[bool]
		want     rules.Verdict
		evidence string
	}{
		{"workload identity on, pod identity off", set(true), def(false), rules.Passed, ""},
		{"workload identity off", def(false), def(false), rules.Failed, "default"},
		{"both on: pod identity still on", set(true), set(true), rules.Failed, "pod-managed identity is still on"},
		{"workload identity unresolved", unk[bool]("var.wi"), def(false), rules.Unknown, "var.wi"},
		{"pod identity unresolved", set(true), unk[bool]("var.pod"), rules.Unknown, "var.pod"},
		{"pod identity on fails even when workload identity is unresolved", unk[bool]("var.wi"), set(true), rules.Failed, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &estate.Cluster{Meta: meta(aks1), WorkloadIdentity: tc.wi, PodIdentity: tc.pod}
			check(t, EXT05, &estate.Estate{Clusters: []*estate.Cluster{c}}, rules.DefaultConfig(), []want{{aks1, tc.want, tc.evidence}})
		})
	}
}
