package ext

import (
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// EXT02 checks that a registry is not reachable from every network.
var EXT02 = &rules.Rule{
	ID:       "AKS-EXT-02",
	Title:    "The registry is not open to every network",
	Severity: rules.Medium,
	Section:  rules.Extra,
	Practice: "Registries not open to every network",
	Doc: `A registry open to the internet exposes its login endpoint and its images
to anyone holding (or guessing) a credential, and makes exfiltration by push
easy. The rule passes when publicNetworkAccess is Disabled (private endpoints
only) or when the network rule set denies by default
(networkRuleSet.defaultAction Deny, so only listed IP ranges reach it). The
Terraform names are public_network_access_enabled and
network_rule_set.default_action. Absent means Enabled and Allow, as Azure
defaults. Both settings need the Premium SKU.`,
	Fix: rules.Fix{
		CLI: "az acr update --name <registry> --public-network-enabled false (after adding a private endpoint), " +
			"or az acr update --name <registry> --default-action Deny with az acr network-rule add for the allowed ranges",
		Terraform: `public_network_access_enabled = false, or network_rule_set { default_action = "Deny" ... } on azurerm_container_registry (Premium SKU)`,
		ARM:       `properties.publicNetworkAccess: "Disabled", or properties.networkRuleSet.defaultAction: "Deny" (Premium SKU)`,
	},
	Check: func(p *rules.Pass) {
		for _, r := range p.Estate.Registries {
			check02(p, r)
		}
	},
}

func check02(p *rules.Pass, r *estate.Registry) {
	public, action := r.PublicNetworkAccess, r.NetworkDefaultAction
	isDisabled := public.Known() && strings.EqualFold(public.V, "Disabled")
	isDeny := action.Known() && strings.EqualFold(action.V, "Deny")
	switch {
	case isDisabled:
		p.Passf(r, public.Loc, "%s", public.Evidence())
	case isDeny:
		p.Passf(r, action.Loc, "%s", action.Evidence())
	case !public.Known():
		p.Unknownf(r, public.Loc, "%s; %s", public.Evidence(), action.Evidence())
	case !action.Known():
		p.Unknownf(r, action.Loc, "%s; %s", action.Evidence(), public.Evidence())
	default:
		p.Failf(r, public.Loc, "%s; %s", public.Evidence(), action.Evidence())
	}
}
