package ext

import (
	"strings"

	"github.com/aksguard/aksguard/rules"
)

// EXT03 checks that an automatic upgrade channel is chosen.
var EXT03 = &rules.Rule{
	ID:       "AKS-EXT-03",
	Title:    "Automatic cluster upgrades are on",
	Severity: rules.Low,
	Section:  rules.Extra,
	Practice: "Automatic upgrades",
	Doc: `Clusters left on an old Kubernetes version or node image keep known
vulnerabilities and eventually fall out of support. An auto-upgrade channel
(patch, stable, rapid or node-image) applies upgrades within the cluster's
maintenance window. The rule reads autoUpgradeProfile.upgradeChannel
(automatic_upgrade_channel in azurerm v4, automatic_channel_upgrade in v3) and
fails on "none" or when it is absent. node-image passes, but the evidence
notes that it upgrades node images only, not the Kubernetes version.`,
	Fix: rules.Fix{
		CLI:       "az aks update --resource-group <rg> --name <cluster> --auto-upgrade-channel patch (or stable)",
		Terraform: `automatic_upgrade_channel = "patch" on azurerm_kubernetes_cluster (azurerm v3: automatic_channel_upgrade)`,
		ARM:       `properties.autoUpgradeProfile.upgradeChannel: "patch" (or "stable")`,
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			ch := c.UpgradeChannel
			v := strings.ToLower(strings.TrimSpace(ch.V))
			switch {
			case !ch.Known():
				p.Unknownf(c, ch.Loc, "%s", ch.Evidence())
			case v == "" || v == "none":
				p.Failf(c, ch.Loc, "%s: no automatic upgrade", ch.Evidence())
			case v == "node-image":
				p.Passf(c, ch.Loc, "%s (node images only; the Kubernetes version is upgraded by hand)", ch.Evidence())
			default:
				p.Passf(c, ch.Loc, "%s", ch.Evidence())
			}
		}
	},
}
