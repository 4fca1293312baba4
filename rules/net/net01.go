package net

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// NET01 flags clusters whose API server answers the whole internet.
var NET01 = &rules.Rule{
	ID:       "AKS-NET-01",
	Title:    "The API server is not open to the internet",
	Severity: rules.Critical,
	Section:  rules.Network,
	Practice: "No public API server",
	Doc: `The Kubernetes API server is the cluster's front door: anyone who can reach it can try
stolen kubeconfigs, tokens and API vulnerabilities. A private cluster gives it only a private IP
in the virtual network; otherwise authorized IP ranges must limit who can connect.

The rule passes a private cluster (apiServerAccessProfile.enablePrivateCluster, Terraform
private_cluster_enabled) whatever its authorized ranges say, since they do not apply to a
private endpoint, and a cluster whose publicNetworkAccess is Disabled. Otherwise it reads
apiServerAccessProfile.authorizedIPRanges (Terraform api_server_access_profile.authorized_ip_ranges,
and the v3 top-level api_server_authorized_ip_ranges): the list must be non-empty (empty means
every address is allowed) and hold no entry that admits every address: "*", "0.0.0.0/0", "::/0"
or any other /0 prefix.`,
	Fix: rules.Fix{
		CLI: "az aks update -g <rg> -n <cluster> --api-server-authorized-ip-ranges <cidr>[,<cidr>...]  " +
			"(or, on a cluster with API Server VNet Integration, make it private: az aks update -g <rg> -n <cluster> --enable-private-cluster)",
		Terraform: `private_cluster_enabled = true, or api_server_access_profile { authorized_ip_ranges = ["<cidr>"] } ` +
			`(azurerm v3 also accepted the top-level api_server_authorized_ip_ranges, removed in v4)`,
		ARM: `properties.apiServerAccessProfile.enablePrivateCluster: true, or properties.apiServerAccessProfile.authorizedIPRanges: ["<cidr>"] without "0.0.0.0/0" or "*"`,
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			checkAPIExposure(p, c)
		}
	},
}

func checkAPIExposure(p *rules.Pass, c *estate.Cluster) {
	if estate.Is(c.PrivateCluster, true) {
		p.Passf(c, c.PrivateCluster.Loc, "%s: the API server has only a private endpoint, so authorized IP ranges do not apply", c.PrivateCluster.Evidence())
		return
	}
	if c.PublicNetworkAccess.Known() && strings.EqualFold(c.PublicNetworkAccess.V, "Disabled") {
		p.Passf(c, c.PublicNetworkAccess.Loc, "%s: the API server has no public endpoint", c.PublicNetworkAccess.Evidence())
		return
	}
	ranges := c.AuthorizedIPRanges
	if !ranges.Known() {
		p.Unknownf(c, ranges.Loc, "%s", ranges.Evidence())
		return
	}
	var problem string
	if len(ranges.V) == 0 {
		problem = fmt.Sprintf("%s: no authorized IP ranges, so every internet address may connect to the public API server", ranges.Evidence())
	} else if open := openRanges(ranges.V); len(open) > 0 {
		problem = fmt.Sprintf("%s: %s admits every address", ranges.Evidence(), strings.Join(open, ", "))
	}
	if problem == "" {
		p.Passf(c, ranges.Loc, "%s: only these ranges may reach the public API server", ranges.Evidence())
		return
	}
	// The ranges are too wide; whether that matters depends on the endpoint
	// being public, which an unresolved setting leaves open.
	switch {
	case !c.PrivateCluster.Known():
		p.Unknownf(c, c.PrivateCluster.Loc, "%s; %s", problem, c.PrivateCluster.Evidence())
	case !c.PublicNetworkAccess.Known():
		p.Unknownf(c, c.PublicNetworkAccess.Loc, "%s; %s", problem, c.PublicNetworkAccess.Evidence())
	default:
		p.Failf(c, ranges.Loc, "%s; %s", problem, c.PrivateCluster.Evidence())
	}
}

// openRanges returns the authorized range entries that admit every address.
func openRanges(entries []string) []string {
	var out []string
	for _, e := range entries {
		if isAnyAddress(e) {
			out = append(out, fmt.Sprintf("%q", strings.TrimSpace(e)))
		}
	}
	return out
}
