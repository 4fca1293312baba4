package ext

import (
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// EXT04 checks that every node pool encrypts at host or uses ephemeral OS disks.
var EXT04 = &rules.Rule{
	ID:       "AKS-EXT-04",
	Title:    "Node pools encrypt at host or use ephemeral OS disks",
	Severity: rules.Medium,
	Section:  rules.Extra,
	Practice: "Node disks encrypted at host or ephemeral",
	Doc: `Managed disks are encrypted in Azure Storage, but a node's temporary disk
and the disk caches on the VM host are not unless encryption at host is on;
container images, emptyDir volumes and logs land there. An ephemeral OS disk
lives on the host's local storage and is discarded with the node. The rule
reads every node pool (agentPoolProfiles[], managedClusters/agentPools,
default_node_pool and azurerm_kubernetes_cluster_node_pool) and passes a pool
with enableEncryptionAtHost true (host_encryption_enabled in azurerm v4,
enable_host_encryption in v3) or osDiskType Ephemeral (os_disk_type). Absent
means off and Managed, as Azure defaults. Both are chosen when a pool is
created, so the fix is a new pool.`,
	Fix: rules.Fix{
		CLI: "az aks nodepool add --resource-group <rg> --cluster-name <cluster> --name <newpool> --enable-encryption-at-host " +
			"(or --node-osdisk-type Ephemeral), move the workloads, then az aks nodepool delete the old pool " +
			"(encryption at host needs az feature register --namespace Microsoft.Compute --name EncryptionAtHost)",
		Terraform: `host_encryption_enabled = true (azurerm v3: enable_host_encryption) or os_disk_type = "Ephemeral" on default_node_pool and azurerm_kubernetes_cluster_node_pool`,
		ARM:       `properties.agentPoolProfiles[].enableEncryptionAtHost: true or osDiskType: "Ephemeral" (and the same on managedClusters/agentPools)`,
	},
	Check: func(p *rules.Pass) {
		seen := map[*estate.NodePool]bool{}
		for _, c := range p.Estate.Clusters {
			for _, np := range c.NodePools {
				seen[np] = true
				check04(p, np)
			}
		}
		// Pools whose cluster is not in the inputs are still node pools.
		for _, np := range p.Estate.NodePools {
			if !seen[np] {
				seen[np] = true
				check04(p, np)
			}
		}
	},
}

func check04(p *rules.Pass, np *estate.NodePool) {
	host, disk := np.EncryptionAtHost, np.OSDiskType
	ephemeral := disk.Known() && strings.EqualFold(disk.V, "Ephemeral")
	switch {
	case estate.Is(host, true):
		p.Passf(np, host.Loc, "%s", host.Evidence())
	case ephemeral:
		p.Passf(np, disk.Loc, "%s", disk.Evidence())
	case !host.Known():
		p.Unknownf(np, host.Loc, "%s; %s", host.Evidence(), disk.Evidence())
	case !disk.Known():
		p.Unknownf(np, disk.Loc, "%s; %s", disk.Evidence(), host.Evidence())
	default:
		p.Failf(np, host.Loc, "%s; %s", host.Evidence(), disk.Evidence())
	}
}
