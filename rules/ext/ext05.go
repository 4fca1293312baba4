package ext

import (
	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// EXT05 checks that workload identity is on and pod-managed identity is off.
var EXT05 = &rules.Rule{
	ID:       "AKS-EXT-05",
	Title:    "Workload identity replaces pod-managed identity",
	Severity: rules.Medium,
	Section:  rules.Extra,
	Practice: "Workload identity",
	Doc: `Workload identity lets a pod exchange its Kubernetes service-account token
for an Entra ID token, scoped to one identity and one namespace, with nothing
stored. Pod-managed identity, which it replaces, is deprecated: it intercepts
the node's instance metadata endpoint, so any pod that bypasses its NMI
daemon can obtain any identity assigned to the node. The rule passes when
securityProfile.workloadIdentity.enabled is true (workload_identity_enabled
in Terraform, which also needs oidc_issuer_enabled) and
podIdentityProfile.enabled is not; absent means off, as Azure defaults.`,
	Fix: rules.Fix{
		CLI: "az aks update --resource-group <rg> --name <cluster> --enable-oidc-issuer --enable-workload-identity; " +
			"once workloads have moved, az aks update --resource-group <rg> --name <cluster> --disable-pod-identity (aks-preview extension)",
		Terraform: "oidc_issuer_enabled = true and workload_identity_enabled = true on azurerm_kubernetes_cluster",
		ARM:       "properties.securityProfile.workloadIdentity.enabled: true, properties.oidcIssuerProfile.enabled: true and properties.podIdentityProfile.enabled: false",
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			check05(p, c)
		}
	},
}

func check05(p *rules.Pass, c *estate.Cluster) {
	wi, pod := c.WorkloadIdentity, c.PodIdentity
	switch {
	case estate.Is(wi, false):
		p.Failf(c, wi.Loc, "%s; %s", wi.Evidence(), pod.Evidence())
	case estate.Is(pod, true):
		p.Failf(c, pod.Loc, "%s: the deprecated pod-managed identity is still on; %s", pod.Evidence(), wi.Evidence())
	case !wi.Known():
		p.Unknownf(c, wi.Loc, "%s; %s", wi.Evidence(), pod.Evidence())
	case !pod.Known():
		p.Unknownf(c, pod.Loc, "%s; %s", pod.Evidence(), wi.Evidence())
	default:
		p.Passf(c, wi.Loc, "%s; %s", wi.Evidence(), pod.Evidence())
	}
}
