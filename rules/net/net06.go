package net

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// NET06 flags node subnets whose NSG lets SSH in from outside the cluster.
var NET06 = &rules.Rule{
	ID:       "AKS-NET-06",
	Title:    "SSH to nodes is blocked except from the AKS subnets",
	Severity: rules.Critical,
	Section:  rules.Network,
	Practice: "No SSH to the nodes from outside the cluster",
	Doc: `Nodes accept SSH on port 22 unless their pool disables it. An NSG that lets port 22 in from
the internet, or from the whole virtual network (peered networks and on-premises ranges
included), lets a stolen key or a weak node account turn into root on a node, and from there
into every pod's secrets.

The rule reports once per cluster and names each node subnet. It follows every node pool
(inline, agentPools children and azurerm_kubernetes_cluster_node_pool) to its subnet and the
subnet's NSG (inline networkSecurityGroup or an NSG association). It evaluates the NSG's inbound
rules as Azure does, by priority, lowest number first, the first match winning, with Azure's
default rules under them. A rule opens SSH when its protocol is TCP or "*" and port 22 falls in
its destination ports (a single port, a range such as 20-25, or "*"), and its sources include
"*", "Any", a /0 prefix, "Internet", "VirtualNetwork", another service tag, or a prefix outside
the node subnets' own prefixes; the AzureLoadBalancer health probe does not count. An Allow is
harmless only when a Deny with a lower priority number covers the same senders. So Azure's
default AllowVnetInBound (65000), which admits the whole virtual network on every port, fails
the subnet unless an earlier rule denies port 22 from VirtualNetwork or from "*".

A node subnet with no NSG fails: nothing blocks SSH. Node pools whose securityProfile.sshAccess
is Disabled pass whatever their subnet's NSG says. A subnet or NSG that the inputs name but do not
hold, and a rule value they do not resolve, make the verdict unknown. A pool without vnetSubnetID
runs in an AKS-managed virtual network whose NSG AKS creates in the node resource group: it is
not in the inputs, and its default AllowVnetInBound admits that network on port 22, so the
verdict is unknown unless the pool disables SSH.`,
	Fix: rules.Fix{
		CLI: "az aks nodepool update -g <rg> --cluster-name <cluster> -n <pool> --ssh-access disabled " +
			"(then az aks nodepool upgrade -g <rg> --cluster-name <cluster> -n <pool> --node-image-only); or deny port 22 on the node subnet's NSG: " +
			"az network nsg rule create -g <rg> --nsg-name <nsg> -n deny-ssh --priority 200 --direction Inbound --access Deny --protocol Tcp " +
			"--source-address-prefixes '*' --destination-port-ranges 22 (add an Allow from the node subnets' prefixes at a lower priority number if nodes must reach each other on 22); " +
			"a subnet without NSG: az network vnet subnet update -g <rg> --vnet-name <vnet> -n <subnet> --network-security-group <nsg>",
		Terraform: `azurerm_network_security_rule { direction = "Inbound", access = "Deny", protocol = "Tcp", destination_port_range = "22", ` +
			`source_address_prefix = "*", priority = 200 } on the node subnet's NSG, associated with azurerm_subnet_network_security_group_association; ` +
			`remove any Allow rule for port 22 from "*", "Internet" or "VirtualNetwork"`,
		ARM: `Microsoft.Network/networkSecurityGroups properties.securityRules[]: a Deny rule for Tcp port 22 from "*" with a lower priority number ` +
			`than any Allow (AllowVnetInBound is 65000), the NSG set on the node subnet's properties.networkSecurityGroup.id; ` +
			`or agentPoolProfiles[].securityProfile.sshAccess: "Disabled"`,
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			checkNodeSSH(p, c)
		}
	},
}

// nodeSubnet is a node subnet and the pools on it that still accept SSH.
type nodeSubnet struct {
	subnet *estate.Subnet
	pools  []string
}

func checkNodeSSH(p *rules.Pass, c *estate.Cluster) {
	var o outcome
	own := clusterPrefixes(c)
	var subnets []*nodeSubnet
	byKey := make(map[string]*nodeSubnet)
	for _, np := range c.NodePools {
		name := poolName(np)
		switch {
		case np.SSHAccess.Known() && strings.EqualFold(strings.TrimSpace(np.SSHAccess.V), "Disabled"):
			o.pass(np.SSHAccess.Loc, "node pool %s: %s", name, np.SSHAccess.Evidence())
		case !np.SubnetID.Known():
			o.unknown(np.SubnetID.Loc, "node pool %s: %s", name, np.SubnetID.Evidence())
		case np.SubnetID.V == "":
			o.unknown(np.SubnetID.Loc, "node pool %s has no vnetSubnetID: it runs in an AKS-managed virtual network whose NSG is not in the inputs, "+
				"and that NSG's default AllowVnetInBound admits the virtual network on port 22 (%s)", name, np.SSHAccess.Evidence())
		case np.Subnet == nil:
			o.unknown(np.SubnetID.Loc, "node pool %s: its subnet %s is not in the scanned inputs", name, np.SubnetID.V)
		default:
			k := np.Subnet.ID.Key()
			ns := byKey[k]
			if ns == nil {
				ns = &nodeSubnet{subnet: np.Subnet}
				byKey[k] = ns
				subnets = append(subnets, ns)
			}
			ns.pools = append(ns.pools, name)
		}
	}
	for _, ns := range subnets {
		checkSubnetSSH(ns, own, &o)
	}
	o.report(p, c, "no node pool of the cluster is in the scanned inputs")
}

// checkSubnetSSH decides one node subnet through its NSG.
func checkSubnetSSH(ns *nodeSubnet, own ownPrefixes, o *outcome) {
	s := ns.subnet
	label := fmt.Sprintf("subnet %s (node pools %s)", resName(&s.Meta), strings.Join(ns.pools, ", "))
	id := s.NSGID
	switch {
	case !id.Known():
		o.unknown(id.Loc, "%s: %s", label, id.Evidence())
		return
	case id.V == "":
		o.fail(locOr(id.Loc, s.Loc), "%s has no network security group (%s), so nothing blocks SSH", label, noneInInputs)
		return
	case s.NSG == nil:
		o.unknown(id.Loc, "%s: its NSG %s is not in the scanned inputs", label, id.V)
		return
	}
	v := evalSSH(s.NSG, own)
	switch v.verdict {
	case rules.Failed:
		o.fail(v.at, "%s: %s", label, v.text)
	case rules.Unknown:
		o.unknown(v.at, "%s: %s", label, v.text)
	default:
		o.pass(v.at, "%s: %s", label, v.text)
	}
}

// clusterPrefixes collects the address prefixes of a cluster's node subnets:
// traffic from them is the cluster's own.
func clusterPrefixes(c *estate.Cluster) ownPrefixes {
	own := ownPrefixes{complete: true}
	for _, np := range c.NodePools {
		s := np.Subnet
		if s == nil || !s.AddressPrefixes.Known() {
			own.complete = false
			continue
		}
		for _, e := range s.AddressPrefixes.V {
			if pfx, ok := parsePrefix(e); ok {
				own.prefixes = append(own.prefixes, pfx)
			} else {
				own.complete = false
			}
		}
	}
	return own
}
