package def

import (
	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// containerPlans are the Defender for Cloud plans that protect AKS clusters:
// Containers, and KubernetesService, its legacy name.
var containerPlans = []string{"Containers", "KubernetesService"}

// DEF01 checks that Microsoft Defender for Containers protects each cluster.
var DEF01 = &rules.Rule{
	ID:       "AKS-DEF-01",
	Title:    "Microsoft Defender for Containers protects the cluster",
	Severity: rules.High,
	Section:  rules.Compliance,
	Practice: "Defender for Containers on clusters",
	Doc: `Defender for Containers detects attacks as they happen (a crypto-miner in a
pod, a reverse shell, suspicious API server calls) and reports misconfigured
workloads; without it, nobody is told. The rule passes when the cluster's
Defender profile is on (securityProfile.defender.securityMonitoring.enabled,
microsoft_defender in Terraform), or when a Defender for Cloud pricing that
covers the cluster enables the Containers plan (or KubernetesService, its
legacy name) on the Standard tier; Free is off.

Pricings are read at every scope that covers the cluster, most specific
first (a resource-level pricing overrides the subscription's). A pricing
declared in IaC without a resolvable scope (azurerm_security_center_subscription_pricing
applies to the provider's subscription) is taken to cover every cluster of
the scan. A cluster known only by an IaC address has no known subscription,
so a Standard plan on an ARM subscription may or may not cover it: unknown.
No pricing in the inputs is absent ("none in the scanned inputs").`,
	Fix: rules.Fix{
		CLI: "az security pricing create --name Containers --tier Standard (for the subscription), " +
			"or az aks update --resource-group <rg> --name <cluster> --enable-defender",
		Terraform: `Add azurerm_security_center_subscription_pricing with tier = "Standard" and resource_type = "Containers", ` +
			`or a microsoft_defender { log_analytics_workspace_id = <workspace id> } block on azurerm_kubernetes_cluster.`,
		ARM: `Deploy Microsoft.Security/pricings named "Containers" with properties.pricingTier: "Standard" at the subscription, ` +
			`or set properties.securityProfile.defender.securityMonitoring.enabled: true (with logAnalyticsWorkspaceResourceId) on the cluster.`,
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			check01(p, c)
		}
	},
}

func check01(p *rules.Pass, c *estate.Cluster) {
	profile := c.DefenderEnabled
	if estate.Is(profile, true) {
		p.Passf(c, profile.Loc, "%s", profile.Evidence())
		return
	}
	plan := judgePlans(p.Estate, c.ID, containerPlans)
	evidence := plan.evidence + "; " + profile.Evidence()
	switch {
	case plan.v == rules.Passed:
		p.Passf(c, plan.at, "%s", plan.evidence)
	case plan.v == rules.Unknown:
		p.Unknownf(c, plan.at, "%s", evidence)
	case !profile.Known():
		p.Unknownf(c, profile.Loc, "%s", evidence)
	default:
		p.Failf(c, profile.Loc, "%s", evidence)
	}
}
