package def

import "github.com/aksguard/aksguard/rules"

// registryPlans are the Defender for Cloud plans that scan registry images:
// Containers, and ContainerRegistry, its legacy name.
var registryPlans = []string{"Containers", "ContainerRegistry"}

// DEF02 checks that Defender vulnerability assessment covers each registry.
var DEF02 = &rules.Rule{
	ID:       "AKS-DEF-02",
	Title:    "Defender vulnerability assessment covers the registry",
	Severity: rules.High,
	Section:  rules.Compliance,
	Practice: "Defender for Containers on registries",
	Doc: `Defender for Containers scans the images of Azure Container Registry when
they are pushed and again as new vulnerabilities are published, and reports
which running images are affected. It is a subscription-level plan: the rule
passes when a Defender for Cloud pricing covering the registry enables the
Containers plan (or ContainerRegistry, its legacy name) on the Standard tier;
Free is off.

Pricings are resolved as for AKS-DEF-01: the most specific scope first, a
pricing from IaC without a resolvable scope applies to every registry of the
scan, a registry known only by an IaC address against an ARM subscription
plan is unknown, and no pricing in the inputs is absent ("none in the
scanned inputs").`,
	Fix: rules.Fix{
		CLI:       "az security pricing create --name Containers --tier Standard",
		Terraform: `Add azurerm_security_center_subscription_pricing with tier = "Standard" and resource_type = "Containers".`,
		ARM:       `Deploy Microsoft.Security/pricings named "Containers" with properties.pricingTier: "Standard" at the subscription.`,
	},
	Check: func(p *rules.Pass) {
		for _, r := range p.Estate.Registries {
			res := judgePlans(p.Estate, r.ID, registryPlans)
			p.Report(r, res.v, res.at, res.evidence)
		}
	},
}
