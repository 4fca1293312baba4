package net

import (
	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// NET10 records, per cluster, the TLS practices that only the platform
// enforces, so that a report shows them as checked by a person rather than
// silently passed.
var NET10 = &rules.Rule{
	ID:       "AKS-NET-10",
	Title:    "TLS 1.2 protects calls to the AKS API and control-plane to node traffic",
	Severity: rules.Info,
	Section:  rules.Network,
	Practice: "TLS 1.2 for the AKS API and between the control plane and the nodes",
	Doc: `Two practices of the brief have no customer setting: calls to the AKS resource provider
(management.azure.com) and to the cluster's API server, and the traffic between the control plane
and the nodes (the konnectivity tunnel, or API Server VNet Integration), are encrypted with TLS
1.2 or newer by the platform. No input can show it, so the rule reports a manual finding per
cluster that says what a person should verify. Its severity is info: there is nothing to change
in the configuration, and manual findings never fail a run.`,
	Fix: rules.Fix{
		CLI: "No setting: verify that the API server refuses old TLS (FQDN from az aks show -g <rg> -n <cluster> --query fqdn -o tsv; " +
			"openssl s_client -connect <fqdn>:443 -tls1_1 must fail) and that clients (kubectl, CI agents, SDKs) use TLS 1.2 or newer",
		Terraform: "No attribute: the platform enforces TLS 1.2; verify as for the CLI (openssl s_client -connect <fqdn>:443 -tls1_1 must fail)",
		ARM:       "No property: the platform enforces TLS 1.2; verify as for the CLI (openssl s_client -connect <fqdn>:443 -tls1_1 must fail)",
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			p.Manualf(c, estate.Loc{}, "the platform, not the configuration, enforces TLS 1.2 or newer for calls to the AKS API and the API server "+
				"and between the control plane and the nodes; verify that the API server endpoint refuses TLS 1.0 and 1.1 "+
				"and that every client and pipeline calling it uses TLS 1.2 or newer")
		}
	},
}
