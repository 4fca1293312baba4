package net

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

var (
	aks     = clusterID("aks")
	vnetID  = id("Microsoft.Network/virtualNetworks/vnet")
	nodesID = vnetID + "/subnets/nodes"
	nsgID   = id("Microsoft.Network/networkSecurityGroups/nodes-nsg")
)

// nsgRule is an explicit inbound rule of the test NSG.
func nsgRule(name string, prio int, acc, proto string, srcs, ports []string) *estate.SecurityRule {
	rid := nsgID + "/securityRules/" + estate.ResourceID(name)
	return &estate.SecurityRule{
		Meta:             meta(rid),
		NSG:              nsgID,
		Priority:         set(prio, "properties.priority"),
		Direction:        set("Inbound", "properties.direction"),
		Access:           set(acc, "properties.access"),
		Protocol:         set(proto, "properties.protocol"),
		SourcePrefixes:   set(srcs, "properties.sourceAddressPrefixes"),
		DestinationPorts: set(ports, "properties.destinationPortRanges"),
	}
}

// sshEstate is a cluster with one node pool on subnet nodes (10.240.0.0/16)
// whose NSG holds the given explicit rules, declared as separate resources
// (Link attaches them and Azure's defaults).
func sshEstate(rs ...*estate.SecurityRule) *estate.Estate {
	return &estate.Estate{
		Clusters: []*estate.Cluster{{
			Meta: meta(aks),
			NodePools: []*estate.NodePool{{
				Meta:      meta(aks + "/agentPools/system"),
				SubnetID:  set(nodesID, "properties.agentPoolProfiles[0].vnetSubnetID"),
				SSHAccess: def("LocalUser", "properties.agentPoolProfiles[0].securityProfile.sshAccess"),
			}},
		}},
		Subnets: []*estate.Subnet{{
			Meta:            meta(nodesID),
			VNet:            vnetID,
			AddressPrefixes: set([]string{"10.240.0.0/16"}, "properties.addressPrefixes"),
			NSGID:           set(nsgID, "properties.networkSecurityGroup.id"),
			RouteTableID:    def[estate.ResourceID]("", "properties.routeTable.id"),
		}},
		NSGs:          []*estate.NSG{{Meta: meta(nsgID)}},
		SecurityRules: rs,
	}
}

func TestNET06(t *testing.T) {
	denyAll22 := func(prio int) *estate.SecurityRule {
		return nsgRule("deny-ssh", prio, "Deny", "Tcp", []string{"*"}, []string{"22"})
	}
	fail := func(ev ...string) map[estate.ResourceID]want {
		return map[estate.ResourceID]want{aks: {rules.Failed, ev}}
	}
	pass := func(ev ...string) map[estate.ResourceID]want {
		return map[estate.ResourceID]want{aks: {rules.Passed, ev}}
	}
	unknown := func(ev ...string) map[estate.ResourceID]want {
		return map[estate.ResourceID]want{aks: {rules.Unknown, ev}}
	}

	cases := []ruleCase{
		{name: "only Azure's defaults: AllowVnetInBound is wider than the AKS subnets", e: sshEstate(),
			want: fail("Azure default rule AllowVnetInBound (priority 65000) allows TCP 22 from VirtualNetwork", "no rule with a lower priority number denies it")},
		{name: "deny * on 22 before the defaults", e: sshEstate(denyAll22(100)),
			want: pass("NSG nodes-nsg denies TCP 22 from outside the node subnets", "deny-ssh (priority 100)")},
		{name: "deny VirtualNetwork on 22 before AllowVnetInBound",
			e:    sshEstate(nsgRule("deny-vnet-ssh", 4000, "Deny", "Tcp", []string{"VirtualNetwork"}, []string{"22"})),
			want: pass("deny-vnet-ssh (priority 4000)")},
		{name: "an allow from the internet before the deny wins",
			e:    sshEstate(nsgRule("allow-ssh", 100, "Allow", "Tcp", []string{"Internet"}, []string{"22"}), denyAll22(200)),
			want: fail("rule allow-ssh (priority 100) allows TCP 22 from Internet")},
		{name: "a deny before the allow wins",
			e:    sshEstate(denyAll22(100), nsgRule("allow-ssh", 200, "Allow", "Tcp", []string{"Internet"}, []string{"22"})),
			want: pass("deny-ssh (priority 100)")},
		{name: "port 22 inside a range",
			e:    sshEstate(nsgRule("allow-range", 100, "Allow", "Tcp", []string{"Internet"}, []string{"20-25"}), denyAll22(200)),
			want: fail("allow-range (priority 100) allows TCP 22 from Internet")},
		{name: "every port",
			e:    sshEstate(nsgRule("allow-any", 100, "Allow", "*", []string{"Internet"}, []string{"*"}), denyAll22(200)),
			want: fail("allow-any (priority 100) allows TCP 22 from Internet")},
		{name: "ranges that miss 22",
			e:    sshEstate(nsgRule("allow-web", 100, "Allow", "Tcp", []string{"Internet"}, []string{"80", "443", "2222", "23-1024"}), denyAll22(200)),
			want: pass()},
		{name: "UDP does not carry SSH",
			e:    sshEstate(nsgRule("allow-udp", 100, "Allow", "Udp", []string{"*"}, []string{"22"}), denyAll22(200)),
			want: pass()},
		{name: "source * admits the virtual network even after a deny of the internet",
			e: sshEstate(nsgRule("deny-internet", 100, "Deny", "Tcp", []string{"Internet"}, []string{"22"}),
				nsgRule("allow-all", 200, "Allow", "*", []string{"*"}, []string{"22"})),
			want: fail("allow-all (priority 200) allows TCP 22 from VirtualNetwork")},
		{name: "source * after denies of both the internet and the virtual network",
			e: sshEstate(nsgRule("deny-internet", 100, "Deny", "Tcp", []string{"Internet"}, []string{"22"}),
				nsgRule("deny-vnet", 110, "Deny", "Tcp", []string{"VirtualNetwork"}, []string{"22"}),
				nsgRule("allow-all", 200, "Allow", "*", []string{"*"}, []string{"22"})),
			want: pass("deny-internet", "deny-vnet")},
		{name: "0.0.0.0/0 and Any are everyone",
			e:    sshEstate(nsgRule("allow-zero", 100, "Allow", "Tcp", []string{"0.0.0.0/0"}, []string{"22"}), nsgRule("allow-any", 110, "Allow", "Tcp", []string{"Any"}, []string{"22"}), denyAll22(200)),
			want: fail("allow-zero (priority 100) allows TCP 22 from Internet")},
		{name: "allow from the node subnet itself",
			e:    sshEstate(nsgRule("allow-nodes", 100, "Allow", "Tcp", []string{"10.240.0.0/16"}, []string{"22"}), denyAll22(200)),
			want: pass()},
		{name: "allow from a prefix wider than the node subnets",
			e:    sshEstate(nsgRule("allow-corp", 100, "Allow", "Tcp", []string{"10.0.0.0/8"}, []string{"22"}), denyAll22(200)),
			want: fail("allow-corp (priority 100) allows TCP 22 from 10.0.0.0/8")},
		{name: "allow from a jump host outside the node subnets",
			e:    sshEstate(nsgRule("allow-bastion", 100, "Allow", "Tcp", []string{"10.1.0.4"}, []string{"22"}), denyAll22(200)),
			want: fail("allow-bastion (priority 100) allows TCP 22 from 10.1.0.4/32")},
		{name: "allow from a service tag",
			e:    sshEstate(nsgRule("allow-cloud", 100, "Allow", "Tcp", []string{"AzureCloud"}, []string{"22"}), denyAll22(200)),
			want: fail("allow-cloud (priority 100) allows TCP 22 from AzureCloud")},
		{name: "an unresolved source on an allow",
			e: sshEstate(&estate.SecurityRule{
				Meta: meta(nsgID + "/securityRules/allow-var"), NSG: nsgID,
				Priority: set(100, "priority"), Direction: set("Inbound", "direction"), Access: set("Allow", "access"),
				Protocol: set("Tcp", "protocol"), DestinationPorts: set([]string{"22"}, "destination_port_range"),
				SourcePrefixes: unresolved[[]string]("source_address_prefix", "var.admin_cidr has no value"),
			}, denyAll22(200)),
			want: unknown("allow-var (priority 100)", "var.admin_cidr has no value")},
		{name: "an unresolved priority on the deny",
			e: sshEstate(&estate.SecurityRule{
				Meta: meta(nsgID + "/securityRules/deny-var"), NSG: nsgID,
				Priority: unresolved[int]("priority", "var.prio has no value"), Direction: set("Inbound", "direction"), Access: set("Deny", "access"),
				Protocol: set("Tcp", "protocol"), DestinationPorts: set([]string{"22"}, "destination_port_range"),
				SourcePrefixes: set([]string{"*"}, "source_address_prefix"),
			}),
			want: unknown("deny-var (priority not resolved)", "var.prio has no value")},
		{name: "an unresolved deny does not hide an open allow it cannot precede in effect",
			e: sshEstate(nsgRule("allow-ssh", 100, "Allow", "Tcp", []string{"Internet"}, []string{"22"}), &estate.SecurityRule{
				Meta: meta(nsgID + "/securityRules/deny-var"), NSG: nsgID,
				Priority: set(200, "priority"), Direction: set("Inbound", "direction"), Access: unresolved[string]("access", "var.access has no value"),
				Protocol: set("Tcp", "protocol"), DestinationPorts: set([]string{"22"}, "destination_port_range"),
				SourcePrefixes: set([]string{"*"}, "source_address_prefix"),
			}),
			want: fail("allow-ssh (priority 100) allows TCP 22 from Internet")},
		{name: "outbound rules do not matter",
			e: func() *estate.Estate {
				r := nsgRule("out-ssh", 100, "Allow", "Tcp", []string{"*"}, []string{"22"})
				r.Direction = set("Outbound", "direction")
				return sshEstate(r, denyAll22(200))
			}(),
			want: pass()},
		{name: "a subnet without NSG",
			e: func() *estate.Estate {
				e := sshEstate()
				e.Subnets[0].NSGID = def[estate.ResourceID]("", "properties.networkSecurityGroup.id")
				return e
			}(),
			want: fail("subnet nodes (node pools system) has no network security group (none in the scanned inputs)")},
		{name: "an NSG the inputs name but do not hold",
			e: func() *estate.Estate {
				e := sshEstate()
				e.NSGs = nil
				return e
			}(),
			want: unknown("NSG " + string(nsgID) + " is not in the scanned inputs")},
		{name: "a subnet the inputs name but do not hold",
			e: func() *estate.Estate {
				e := sshEstate()
				e.Subnets = nil
				return e
			}(),
			want: unknown("its subnet " + string(nodesID) + " is not in the scanned inputs")},
		{name: "an NSG association declared as its own resource",
			e: func() *estate.Estate {
				e := sshEstate(denyAll22(100))
				e.Subnets[0].NSGID = def[estate.ResourceID]("", "network_security_group_id")
				e.SubnetAssociations = []*estate.SubnetAssociation{{
					Meta: meta("azurerm_subnet_network_security_group_association.nodes"), Kind: estate.AssociatesNSG,
					Subnet: set(nodesID, "subnet_id"), Target: set(nsgID, "network_security_group_id"),
				}}
				return e
			}(),
			want: pass("deny-ssh")},
		{name: "SSH disabled on the pool passes whatever the NSG",
			e: func() *estate.Estate {
				e := sshEstate(nsgRule("allow-ssh", 100, "Allow", "Tcp", []string{"*"}, []string{"22"}))
				e.Clusters[0].NodePools[0].SSHAccess = set("Disabled", "properties.agentPoolProfiles[0].securityProfile.sshAccess")
				return e
			}(),
			want: pass(`node pool system: properties.agentPoolProfiles[0].securityProfile.sshAccess = "Disabled"`)},
		{name: "a linked pool on an open subnet fails the cluster whose inline pool disables SSH",
			e: func() *estate.Estate {
				e := sshEstate()
				e.Clusters[0].NodePools[0].SSHAccess = set("Disabled", "sshAccess")
				e.NodePools = []*estate.NodePool{{
					Meta: meta(aks + "/agentPools/user"), Cluster: aks,
					SubnetID: set(nodesID, "properties.vnetSubnetID"), SSHAccess: def("LocalUser", "properties.securityProfile.sshAccess"),
				}}
				return e
			}(),
			want: fail("subnet nodes (node pools user)", "AllowVnetInBound")},
		{name: "an AKS-managed virtual network",
			e: func() *estate.Estate {
				e := sshEstate()
				e.Clusters[0].NodePools[0].SubnetID = def[estate.ResourceID]("", "properties.agentPoolProfiles[0].vnetSubnetID")
				return e
			}(),
			want: unknown("node pool system has no vnetSubnetID", "AKS-managed virtual network")},
		{name: "an AKS-managed virtual network with SSH disabled",
			e: func() *estate.Estate {
				e := sshEstate()
				e.Clusters[0].NodePools[0].SubnetID = def[estate.ResourceID]("", "vnetSubnetID")
				e.Clusters[0].NodePools[0].SSHAccess = set("Disabled", "sshAccess")
				return e
			}(),
			want: pass()},
		{name: "a cluster with no node pool in the inputs",
			e:    &estate.Estate{Clusters: []*estate.Cluster{{Meta: meta(aks)}}},
			want: unknown("no node pool")},
	}
	runCases(t, NET06, cases)
}

// TestNET06OwnPrefixesUnknown: a CIDR outside the known node subnets may be
// another node subnet whose prefixes the inputs leave open.
func TestNET06OwnPrefixesUnknown(t *testing.T) {
	e := sshEstate(nsgRule("allow-peer", 100, "Allow", "Tcp", []string{"10.241.0.0/16"}, []string{"22"}), nsgRule("deny-ssh", 200, "Deny", "Tcp", []string{"*"}, []string{"22"}))
	other := vnetID + "/subnets/other"
	e.Clusters[0].NodePools = append(e.Clusters[0].NodePools, &estate.NodePool{
		Meta: meta(aks + "/agentPools/user"), SubnetID: set(other, "vnetSubnetID"), SSHAccess: set("Disabled", "sshAccess"),
	})
	e.Subnets = append(e.Subnets, &estate.Subnet{Meta: meta(other), AddressPrefixes: unresolved[[]string]("address_prefixes", "var.user_cidr has no value")})
	runCases(t, NET06, []ruleCase{{name: "unresolved sibling subnet", e: e,
		want: map[estate.ResourceID]want{aks: {rules.Unknown, []string{"allow-peer (priority 100) allows TCP 22 from 10.241.0.0/16, which may be a node subnet"}}}}})
}
