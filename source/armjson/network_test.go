package armjson

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
)

const vnetID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet1"
const nsgID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg1"
const rtID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt1"

func TestAdaptVirtualNetwork(t *testing.T) {
	rest := `{"id": "` + vnetID + `", "type": "Microsoft.Network/virtualNetworks", "properties": {
	  "addressSpace": {"addressPrefixes": ["10.0.0.0/8"]},
	  "subnets": [
	    {"name": "nodes", "id": "` + vnetID + `/subnets/nodes", "properties": {"addressPrefix": "10.1.0.0/16",
	      "networkSecurityGroup": {"id": "` + nsgID + `"}, "routeTable": {"id": "` + rtID + `"}}},
	    {"name": "other", "properties": {"addressPrefixes": ["10.2.0.0/16", "fd00::/64"]}}
	  ]}}`
	// `az network vnet show`: flattened, both prefix forms written.
	flat := `{"id": "` + vnetID + `", "type": "Microsoft.Network/virtualNetworks",
	  "addressSpace": {"addressPrefixes": ["10.0.0.0/8"]},
	  "subnets": [{"name": "nodes", "addressPrefix": "10.1.0.0/16", "addressPrefixes": null, "networkSecurityGroup": null, "routeTable": {"id": "` + rtID + `"}}]}`
	child := `{"id": "` + vnetID + `/subnets/snet", "name": "snet", "type": "Microsoft.Network/virtualNetworks/subnets", "properties": {"addressPrefix": "10.9.0.0/24"}}`
	sn := func(i int) func(*estate.Estate) *estate.Subnet {
		return func(e *estate.Estate) *estate.Subnet { return e.Subnets[i] }
	}
	runValueCases(t, []valueCase{
		{name: "address space", src: rest, get: func(e *estate.Estate) any { return e.VirtualNetworks[0].AddressSpace },
			want: set([]string{"10.0.0.0/8"}, "properties.addressSpace.addressPrefixes")},
		{name: "inline subnet joins Estate.Subnets", src: rest, get: func(e *estate.Estate) any { return [2]estate.ResourceID{sn(0)(e).ID, sn(0)(e).VNet} },
			want: [2]estate.ResourceID{vnetID + "/subnets/nodes", vnetID}},
		{name: "subnet NSG", src: rest, get: func(e *estate.Estate) any { return sn(0)(e).NSGID },
			want: set(estate.ResourceID(nsgID), "properties.subnets[0].properties.networkSecurityGroup.id")},
		{name: "subnet without id gets one", src: rest, get: func(e *estate.Estate) any { return sn(1)(e).ID },
			want: estate.ResourceID(vnetID + "/subnets/other")},
		{name: "address prefixes plural", src: rest, get: func(e *estate.Estate) any { return sn(1)(e).AddressPrefixes },
			want: set([]string{"10.2.0.0/16", "fd00::/64"}, "properties.subnets[1].properties.addressPrefixes")},
		{name: "no NSG", src: rest, get: func(e *estate.Estate) any { return sn(1)(e).NSGID },
			want: def(estate.ResourceID(""), "properties.subnets[1].properties.networkSecurityGroup.id")},
		{name: "flattened prefix", src: flat, get: func(e *estate.Estate) any { return sn(0)(e).AddressPrefixes },
			want: set([]string{"10.1.0.0/16"}, "subnets[0].addressPrefix")},
		{name: "flattened null NSG", src: flat, get: func(e *estate.Estate) any { return sn(0)(e).NSGID },
			want: def(estate.ResourceID(""), "subnets[0].networkSecurityGroup.id")},
		{name: "flattened route table", src: flat, get: func(e *estate.Estate) any { return sn(0)(e).RouteTableID },
			want: set(estate.ResourceID(rtID), "subnets[0].routeTable.id")},
		{name: "subnet child resource", src: child, get: func(e *estate.Estate) any {
			return [2]estate.ResourceID{sn(0)(e).VNet, estate.ResourceID(sn(0)(e).AddressPrefixes.V[0])}
		},
			want: [2]estate.ResourceID{vnetID, "10.9.0.0/24"}},
	})
}

func TestAdaptNSG(t *testing.T) {
	rest := `{"id": "` + nsgID + `", "type": "Microsoft.Network/networkSecurityGroups", "properties": {
	  "securityRules": [{"name": "ssh", "id": "` + nsgID + `/securityRules/ssh", "properties": {"protocol": "Tcp", "sourceAddressPrefix": "Internet",
	    "destinationPortRange": "", "destinationPortRanges": ["22", "3389"], "access": "Allow", "priority": 100, "direction": "Inbound"}},
	    {"name": "asg", "properties": {"protocol": "*", "sourceApplicationSecurityGroups": [{"id": "/x/asg"}], "destinationPortRange": "*",
	    "access": "Allow", "priority": 200, "direction": "Inbound"}}],
	  "defaultSecurityRules": [{"name": "AllowVnetInBound", "properties": {"priority": 65000}}]}}`
	// `az network nsg show`: flattened rules, both forms written.
	flat := `{"id": "` + nsgID + `", "type": "Microsoft.Network/networkSecurityGroups",
	  "securityRules": [{"name": "ssh", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourceAddressPrefixes": [],
	    "destinationPortRange": "22", "destinationPortRanges": [], "access": "Allow", "priority": "100", "direction": "Inbound"}],
	  "defaultSecurityRules": [{"name": "DenyAllInBound", "priority": 65500}]}`
	// A rule by itself, as the API returns it: no type.
	child := `{"name": "r1", "id": "` + nsgID + `/securityRules/r1", "properties": {"protocol": "*", "sourceAddressPrefixes": ["10.0.0.0/8", "VirtualNetwork"],
	  "destinationPortRange": "20-25", "access": "Deny", "priority": 4096, "direction": "Inbound"}}`
	rule := func(i int) func(*estate.Estate) *estate.SecurityRule {
		return func(e *estate.Estate) *estate.SecurityRule { return e.NSGs[0].Rules[i] }
	}
	runValueCases(t, []valueCase{
		{name: "default rules are left to Link", src: rest, get: func(e *estate.Estate) any { return len(e.NSGs[0].Rules) }, want: 2},
		{name: "ports merge both forms", src: rest, get: func(e *estate.Estate) any { return rule(0)(e).DestinationPorts },
			want: set([]string{"22", "3389"}, "properties.securityRules[0].properties.destinationPortRanges")},
		{name: "source", src: rest, get: func(e *estate.Estate) any { return rule(0)(e).SourcePrefixes },
			want: set([]string{"Internet"}, "properties.securityRules[0].properties.sourceAddressPrefix")},
		{name: "priority", src: rest, get: func(e *estate.Estate) any { return rule(0)(e).Priority },
			want: set(100, "properties.securityRules[0].properties.priority")},
		{name: "application security group source is unresolved", src: rest, get: func(e *estate.Estate) any { return rule(1)(e).SourcePrefixes },
			want: unknown[[]string]("properties.securityRules[1].properties.sourceApplicationSecurityGroups",
				"the source is application security groups, whose members the inputs do not show")},
		{name: "flattened rule", src: flat, get: func(e *estate.Estate) any { return rule(0)(e).DestinationPorts },
			want: set([]string{"22"}, "securityRules[0].destinationPortRange")},
		{name: "flattened priority written as a string", src: flat, get: func(e *estate.Estate) any { return rule(0)(e).Priority },
			want: set(100, "securityRules[0].priority")},
		{name: "flattened rule has no NSG of its own", src: flat, get: func(e *estate.Estate) any { return rule(0)(e).ID },
			want: estate.ResourceID(nsgID + "/securityRules/ssh")},
		{name: "child rule type from its ID", src: child, get: func(e *estate.Estate) any { return e.SecurityRules[0].NSG },
			want: estate.ResourceID(nsgID)},
		{name: "child rule sources", src: child, get: func(e *estate.Estate) any { return e.SecurityRules[0].SourcePrefixes },
			want: set([]string{"10.0.0.0/8", "VirtualNetwork"}, "properties.sourceAddressPrefixes")},
	})
}

func TestAdaptRoutesAndFirewall(t *testing.T) {
	table := `{"id": "` + rtID + `", "type": "Microsoft.Network/routeTables", "properties": {"routes": [
	  {"name": "default", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.1.4"}}]}}`
	flatTable := `{"id": "` + rtID + `", "type": "Microsoft.Network/routeTables", "routes": [
	  {"name": "default", "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet", "nextHopIpAddress": null}]}`
	child := `{"id": "` + rtID + `/routes/r2", "type": "Microsoft.Network/routeTables/routes", "properties": {"addressPrefix": "10.0.0.0/8", "nextHopType": "VnetLocal"}}`
	fw := `{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/azureFirewalls/fw", "type": "Microsoft.Network/azureFirewalls", "properties": {
	  "ipConfigurations": [{"name": "c1", "properties": {"privateIPAddress": "10.0.1.4"}}],
	  "firewallPolicy": {"id": "/x/firewallPolicies/p"}}}`
	flatFW := `{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/azureFirewalls/fw", "type": "Microsoft.Network/azureFirewalls",
	  "ipConfigurations": [{"name": "c1", "privateIpAddress": "10.0.1.4"}], "hubIpAddresses": {"privateIpAddress": "10.100.0.4"}}`
	runValueCases(t, []valueCase{
		{name: "inline route", src: table, get: func(e *estate.Estate) any { return e.RouteTables[0].Routes[0].NextHopIP },
			want: set("10.0.1.4", "properties.routes[0].properties.nextHopIpAddress")},
		{name: "inline route ID", src: table, get: func(e *estate.Estate) any { return e.RouteTables[0].Routes[0].ID },
			want: estate.ResourceID(rtID + "/routes/default")},
		{name: "flattened route", src: flatTable, get: func(e *estate.Estate) any { return e.RouteTables[0].Routes[0].NextHopType },
			want: set("Internet", "routes[0].nextHopType")},
		{name: "flattened null next hop", src: flatTable, get: func(e *estate.Estate) any { return e.RouteTables[0].Routes[0].NextHopIP },
			want: def("", "routes[0].nextHopIpAddress")},
		{name: "route child", src: child, get: func(e *estate.Estate) any { return e.Routes[0].RouteTable }, want: estate.ResourceID(rtID)},
		{name: "firewall IPs", src: fw, get: func(e *estate.Estate) any { return e.Firewalls[0].PrivateIPs },
			want: set([]string{"10.0.1.4"}, "properties.ipConfigurations[0].properties.privateIPAddress")},
		{name: "firewall policy", src: fw, get: func(e *estate.Estate) any { return e.Firewalls[0].PolicyID },
			want: set(estate.ResourceID("/x/firewallPolicies/p"), "properties.firewallPolicy.id")},
		{name: "flattened firewall with hub IP", src: flatFW, get: func(e *estate.Estate) any { return e.Firewalls[0].PrivateIPs },
			want: set([]string{"10.0.1.4", "10.100.0.4"}, "ipConfigurations[0].privateIpAddress")},
		{name: "firewall IP unresolved", src: fw, mutate: plant("properties.ipConfigurations", "reference() is evaluated at deployment"),
			get:  func(e *estate.Estate) any { return e.Firewalls[0].PrivateIPs },
			want: unknown[[]string]("properties.ipConfigurations", "reference() is evaluated at deployment")},
	})
}

func TestAdaptRegistry(t *testing.T) {
	const id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/MyReg"
	rest := `{"id": "` + id + `", "name": "MyReg", "type": "Microsoft.ContainerRegistry/registries", "sku": {"name": "Premium"},
	  "properties": {"adminUserEnabled": true, "networkRuleSet": {"defaultAction": "Deny"}, "publicNetworkAccess": "Disabled"}}`
	flat := `{"id": "` + id + `", "name": "MyReg", "type": "Microsoft.ContainerRegistry/registries", "sku": {"name": "Basic"},
	  "adminUserEnabled": false, "anonymousPullEnabled": true, "loginServer": "myreg.azurecr.io", "networkRuleSet": null}`
	runValueCases(t, []valueCase{
		{name: "admin user", src: rest, get: func(e *estate.Estate) any { return e.Registries[0].AdminUserEnabled },
			want: set(true, "properties.adminUserEnabled")},
		{name: "anonymous pull default", src: rest, get: func(e *estate.Estate) any { return e.Registries[0].AnonymousPullEnabled },
			want: def(false, "properties.anonymousPullEnabled")},
		{name: "network default action", src: rest, get: func(e *estate.Estate) any { return e.Registries[0].NetworkDefaultAction },
			want: set("Deny", "properties.networkRuleSet.defaultAction")},
		{name: "login server from name", src: rest, get: func(e *estate.Estate) any { return e.Registries[0].LoginServer },
			want: def("myreg.azurecr.io", "properties.loginServer")},
		{name: "sku beside properties", src: rest, get: func(e *estate.Estate) any { return e.Registries[0].SKU },
			want: set("Premium", "sku.name")},
		{name: "flattened anonymous pull", src: flat, get: func(e *estate.Estate) any { return e.Registries[0].AnonymousPullEnabled },
			want: set(true, "anonymousPullEnabled")},
		{name: "flattened defaults", src: flat, get: func(e *estate.Estate) any {
			r := e.Registries[0]
			return []estate.Value[string]{r.PublicNetworkAccess, r.NetworkDefaultAction}
		}, want: []estate.Value[string]{def("Enabled", "publicNetworkAccess"), def("Allow", "networkRuleSet.defaultAction")}},
	})
}
