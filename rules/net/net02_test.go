package net

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

var (
	rtID = id("Microsoft.Network/routeTables/egress")
	fwID = id("Microsoft.Network/azureFirewalls/hub-fw")
)

// egressEstate is a UDR cluster whose system pool (inline) and user pool
// (declared separately) share subnet nodes, routed by a separately declared
// default route to the private IP of an Azure Firewall.
func egressEstate() *estate.Estate {
	return &estate.Estate{
		Clusters: []*estate.Cluster{{
			Meta:         meta(aks),
			OutboundType: set("userDefinedRouting", "properties.networkProfile.outboundType"),
			NodePools: []*estate.NodePool{{
				Meta: meta(aks + "/agentPools/system"), SubnetID: set(nodesID, "properties.agentPoolProfiles[0].vnetSubnetID"),
			}},
		}},
		NodePools: []*estate.NodePool{{
			Meta: meta(aks + "/agentPools/user"), Cluster: aks, SubnetID: set(nodesID, "properties.vnetSubnetID"),
		}},
		Subnets: []*estate.Subnet{{
			Meta: meta(nodesID), VNet: vnetID,
			AddressPrefixes: set([]string{"10.240.0.0/16"}, "properties.addressPrefixes"),
			NSGID:           def[estate.ResourceID]("", "properties.networkSecurityGroup.id"),
			RouteTableID:    set(rtID, "properties.routeTable.id"),
		}},
		RouteTables: []*estate.RouteTable{{Meta: meta(rtID)}},
		Routes: []*estate.Route{{
			Meta: meta(rtID + "/routes/default"), RouteTable: rtID,
			AddressPrefix: set("0.0.0.0/0", "properties.addressPrefix"),
			NextHopType:   set("VirtualAppliance", "properties.nextHopType"),
			NextHopIP:     set("10.0.1.4", "properties.nextHopIpAddress"),
		}},
		Firewalls: []*estate.Firewall{{Meta: meta(fwID), PrivateIPs: set([]string{"10.0.1.4"}, "properties.ipConfigurations[0].properties.privateIPAddress")}},
	}
}

func TestNET02(t *testing.T) {
	with := func(mod func(e *estate.Estate)) *estate.Estate {
		e := egressEstate()
		mod(e)
		return e
	}
	one := func(v rules.Verdict, ev ...string) map[estate.ResourceID]want {
		return map[estate.ResourceID]want{aks: {v, ev}}
	}
	cases := []ruleCase{
		{name: "default route to the firewall", e: egressEstate(),
			want: one(rules.Passed, `outboundType = "userDefinedRouting"`, "a private IP of Azure Firewall hub-fw")},
		{name: "load balancer egress", e: with(func(e *estate.Estate) {
			e.Clusters[0].OutboundType = def("loadBalancer", "properties.networkProfile.outboundType")
		}), want: one(rules.Failed, `outboundType = "loadBalancer" (default`)},
		{name: "unresolved outbound type", e: with(func(e *estate.Estate) {
			e.Clusters[0].OutboundType = unresolved[string]("network_profile.outbound_type", "var.outbound has no value")
		}), want: one(rules.Unknown, "var.outbound has no value")},
		{name: "a pool in an AKS-managed virtual network", e: with(func(e *estate.Estate) {
			e.NodePools[0].SubnetID = def[estate.ResourceID]("", "properties.vnetSubnetID")
		}), want: one(rules.Failed, "node pool user has no vnetSubnetID")},
		{name: "a subnet the inputs name but do not hold", e: with(func(e *estate.Estate) { e.Subnets = nil }),
			want: one(rules.Unknown, "its subnet "+string(nodesID)+" is not in the scanned inputs")},
		{name: "a subnet without route table", e: with(func(e *estate.Estate) {
			e.Subnets[0].RouteTableID = def[estate.ResourceID]("", "properties.routeTable.id")
		}), want: one(rules.Failed, "subnet nodes has no route table (none in the scanned inputs)")},
		{name: "a route table association declared as its own resource", e: with(func(e *estate.Estate) {
			e.Subnets[0].RouteTableID = def[estate.ResourceID]("", "route_table_id")
			e.SubnetAssociations = []*estate.SubnetAssociation{{
				Meta: meta("azurerm_subnet_route_table_association.nodes"), Kind: estate.AssociatesRouteTable,
				Subnet: set(nodesID, "subnet_id"), Target: set(rtID, "route_table_id"),
			}}
		}), want: one(rules.Passed, "hub-fw")},
		{name: "a route table the inputs name but do not hold", e: with(func(e *estate.Estate) { e.RouteTables, e.Routes = nil, nil }),
			want: one(rules.Unknown, "route table "+string(rtID)+" is not in the scanned inputs")},
		{name: "no default route", e: with(func(e *estate.Estate) { e.Routes[0].AddressPrefix = set("10.0.0.0/8", "properties.addressPrefix") }),
			want: one(rules.Failed, "has no 0.0.0.0/0 route")},
		{name: "an unresolved route prefix", e: with(func(e *estate.Estate) {
			e.Routes[0].AddressPrefix = unresolved[string]("address_prefix", "var.prefix has no value")
		}), want: one(rules.Unknown, "var.prefix has no value")},
		{name: "default route to the internet", e: with(func(e *estate.Estate) { e.Routes[0].NextHopType = set("Internet", "properties.nextHopType") }),
			want: one(rules.Failed, `properties.nextHopType = "Internet"`, "not to a firewall")},
		{name: "an appliance that is no firewall of the inputs", e: with(func(e *estate.Estate) { e.Routes[0].NextHopIP = set("10.0.2.9", "properties.nextHopIpAddress") }),
			want: one(rules.Failed, "10.0.2.9, which is no Azure Firewall's private IP")},
		{name: "an appliance when the inputs hold no firewall", e: with(func(e *estate.Estate) { e.Firewalls = nil }),
			want: one(rules.Unknown, "10.0.1.4, which is not a firewall in the scanned inputs")},
		{name: "a firewall whose IPs are unresolved", e: with(func(e *estate.Estate) {
			e.Routes[0].NextHopIP = set("10.0.2.9", "properties.nextHopIpAddress")
			e.Firewalls[0].PrivateIPs = unresolved[[]string]("ip_configuration", "known after apply")
		}), want: one(rules.Unknown, "known after apply")},
		{name: "a firewall whose private IP the template leaves to deployment", e: with(func(e *estate.Estate) {
			e.Firewalls[0].PrivateIPs = def([]string(nil), "properties.ipConfigurations")
		}), want: one(rules.Unknown, "10.0.1.4; Azure Firewall hub-fw may own it", "assigns it at deployment")},
		{name: "an appliance route without next hop IP", e: with(func(e *estate.Estate) {
			e.Routes[0].NextHopIP = def("", "properties.nextHopIpAddress")
		}), want: one(rules.Failed, "without a next hop IP address")},
		{name: "an unresolved next hop IP", e: with(func(e *estate.Estate) {
			e.Routes[0].NextHopIP = unresolved[string]("next_hop_in_ip_address", "azurerm_firewall.hub.ip_configuration[0].private_ip_address is known after apply")
		}), want: one(rules.Unknown, "known after apply")},
		{name: "one routed subnet and one unrouted", e: with(func(e *estate.Estate) {
			other := vnetID + "/subnets/other"
			e.NodePools[0].SubnetID = set(other, "properties.vnetSubnetID")
			e.Subnets = append(e.Subnets, &estate.Subnet{Meta: meta(other), RouteTableID: def[estate.ResourceID]("", "properties.routeTable.id")})
		}), want: one(rules.Failed, "subnet other has no route table")},
		{name: "no node pool in the inputs", e: with(func(e *estate.Estate) { e.Clusters[0].NodePools, e.NodePools = nil, nil }),
			want: one(rules.Unknown, "no node pool")},
	}
	runCases(t, NET02, cases)
}
