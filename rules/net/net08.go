package net

import (
	"github.com/aksguard/aksguard/rules"
)

// NET08 flags clusters with the HTTP application routing add-on.
var NET08 = &rules.Rule{
	ID:       "AKS-NET-08",
	Title:    "The HTTP application routing add-on is disabled",
	Severity: rules.High,
	Section:  rules.Network,
	Practice: "No HTTP application routing add-on",
	Doc: `The HTTP application routing add-on was built for quick tests: it publishes every Ingress
on a public DNS zone through an ingress controller without TLS options, and Microsoft retired it
(its successor is the application routing add-on, app routing). A production cluster should not
run it.

The rule reads addonProfiles.httpApplicationRouting.enabled (the add-on name matched
case-insensitively; Terraform v3 http_application_routing_enabled, an attribute azurerm v4 no
longer has) and fails when it is true.`,
	Fix: rules.Fix{
		CLI:       "az aks disable-addons -g <rg> -n <cluster> --addons http_application_routing",
		Terraform: "http_application_routing_enabled = false, or remove it (azurerm v3; v4 has no such attribute)",
		ARM:       "properties.addonProfiles.httpApplicationRouting.enabled: false",
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			rules.Expect(p, c, c.HTTPApplicationRouting, false)
		}
	},
}
