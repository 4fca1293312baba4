package azurerm

import (
	"strings"

	"github.com/aksguard/aksguard/estate"
)

// Attribute names of azurerm_kubernetes_cluster that only one major version
// of the provider knows (4.0 upgrade guide).
var (
	clusterV3Only = []string{
		"api_server_authorized_ip_ranges", "automatic_channel_upgrade", "node_os_channel_upgrade",
		"public_network_access_enabled", "enable_pod_security_policy", "custom_ca_trust_certificates_base64",
		"network_profile.ebpf_data_plane", "network_profile.docker_bridge_cidr",
		"azure_active_directory_role_based_access_control.managed",
		"azure_active_directory_role_based_access_control.client_app_id",
		"azure_active_directory_role_based_access_control.server_app_id",
		"default_node_pool.enable_auto_scaling", "default_node_pool.enable_node_public_ip",
		"default_node_pool.enable_host_encryption", "default_node_pool.node_taints",
	}
	clusterV4Only = []string{
		"automatic_upgrade_channel", "node_os_upgrade_channel",
		"default_node_pool.auto_scaling_enabled", "default_node_pool.node_public_ip_enabled",
		"default_node_pool.host_encryption_enabled",
	}
)

// noNetworkProfile is why the plugin of a cluster without network_profile
// is unknown.
const noNetworkProfile = "network_profile is not set: the azurerm documentation says kubenet, " +
	"but the provider sends no network profile and AKS chooses the plugin by Kubernetes version"

// cluster adapts azurerm_kubernetes_cluster. Defaults are those of the
// provider's documentation, and Azure's where the provider sends nothing.
func (a *adapter) cluster(r *resource) {
	r.detect(clusterV3Only, clusterV4Only)
	root := r.root()
	c := &estate.Cluster{Meta: r.meta()}
	if l := root.str("location"); l.present && l.reason == "" {
		c.Location = l.v
	}
	c.KubernetesVersion = root.str("kubernetes_version").
		OrUnknown("kubernetes_version is not set: AKS picks the latest recommended version at creation")

	c.EnableRBAC = root.boolean("role_based_access_control_enabled").Or(true)
	a.entraID(r, c)
	c.DisableLocalAccounts = root.boolean("local_account_disabled").Or(false)

	// Without an identity block the cluster runs as service_principal.
	c.IdentityType = root.str("identity.type").Or("None")
	c.UserAssignedIdentities = conv(root.strs("identity.identity_ids"), toIDs).Or(nil)
	spDefault := ""
	if t := c.IdentityType; t.Known() && !strings.EqualFold(t.V, "None") {
		spDefault = "msi" // what AKS reports for managed-identity clusters
	}
	c.ServicePrincipalClientID = root.str("service_principal.client_id").Or(spDefault)
	// Absent, AKS creates a kubelet identity of its own for the cluster. Its
	// IDs are then the symbols references to them evaluate to
	// (SyntheticAttr), so that role assignments to it join the cluster.
	c.KubeletIdentityResourceID = root.id("kubelet_identity.user_assigned_identity_id").Or("")
	addr := ScopedAddress(r.Config, r.Address)
	c.KubeletIdentityClientID = root.str("kubelet_identity.client_id").Or(SymbolicRef(addr, "kubelet_identity[0].client_id"))
	c.KubeletIdentityObjectID = root.str("kubelet_identity.object_id").Or(SymbolicRef(addr, "kubelet_identity[0].object_id"))

	c.PrivateCluster = root.boolean("private_cluster_enabled").Or(false)
	// 4.x nests the ranges in a block; 3.x also had a top-level attribute.
	c.AuthorizedIPRanges = root.strs("api_server_access_profile.authorized_ip_ranges", "api_server_authorized_ip_ranges").Or(nil)
	// public_network_access_enabled exists in 3.x only (default true); 4.x
	// leaves Azure's default, enabled.
	c.PublicNetworkAccess = conv(root.boolean("public_network_access_enabled"), enabledString).Or("Enabled")

	a.networkProfile(r, c)

	c.HTTPApplicationRouting = root.boolean("http_application_routing_enabled").Or(false)
	c.OMSAgent = presence(root, "oms_agent")
	c.AzurePolicy = root.boolean("azure_policy_enabled").Or(false)
	c.KeyVaultSecretsProvider = presence(root, "key_vault_secrets_provider")
	c.SecretRotation = root.boolean("key_vault_secrets_provider.secret_rotation_enabled").Or(false)
	c.AzureMonitorMetrics = presence(root, "monitor_metrics")

	c.DefenderEnabled = presence(root, "microsoft_defender")
	c.WorkloadIdentity = root.boolean("workload_identity_enabled").Or(false)
	// azurerm never exposed the deprecated pod-managed identity.
	c.PodIdentity = estate.Defaulted(false, root.loc().At("pod identity (no azurerm setting)"))
	c.KMSEnabled = presence(root, "key_management_service")
	c.KMSKeyID = root.str("key_management_service.key_vault_key_id").Or("")
	c.DiskEncryptionSetID = root.id("disk_encryption_set_id").Or("")
	// "Omitting this field sets this value to none" (both versions).
	c.UpgradeChannel = root.str("automatic_upgrade_channel", "automatic_channel_upgrade").Or("none")

	switch dp := root.block("default_node_pool"); {
	case dp.reason != "" || (dp.present() && !dp.v.IsKnown()):
		r.warnf(dp.line, "default_node_pool is not known: the cluster's system pool is not audited")
	case dp.present():
		c.NodePools = append(c.NodePools, a.defaultPool(r, c.ID, dp))
	}
	a.out.Clusters = append(a.out.Clusters, c)
}

// entraID reads azure_active_directory_role_based_access_control. See the
// package documentation for how "managed" differs between 3.x and 4.x.
func (a *adapter) entraID(r *resource, c *estate.Cluster) {
	root := r.root()
	const name = "azure_active_directory_role_based_access_control"
	block := root.at(name)
	c.AzureRBAC = root.boolean(name + ".azure_rbac_enabled").Or(false)
	c.AdminGroupObjectIDs = root.strs(name + ".admin_group_object_ids").Or(nil)
	managed := root.boolean(name + ".managed")
	legacy := root.str(name+".server_app_id", name+".client_app_id")
	switch {
	case !root.has(name):
		c.AADManaged = estate.Defaulted(false, block.loc())
	case block.reason != "" || !block.v.IsKnown() || managed.present:
		c.AADManaged = managed.Or(false)
	case legacy.present:
		c.AADManaged = estate.Set(false, legacy.loc)
	case r.dialect == dialectV3:
		c.AADManaged = estate.Unresolved[bool](managed.loc, "managed is not set: azurerm 3.x then sends a legacy "+
			"(not AKS-managed) Entra ID profile without application IDs, which AKS rejects; 4.x would make it managed")
	default:
		// azurerm 4.x: the block's presence is AKS-managed Entra ID.
		c.AADManaged = estate.Set(true, block.loc())
	}
}

// networkProfile reads network_profile; see the package documentation for
// the plugin of a cluster without one.
func (a *adapter) networkProfile(r *resource, c *estate.Cluster) {
	root := r.root()
	np := root.at("network_profile")
	if !root.has("network_profile") {
		c.NetworkPlugin = estate.Unresolved[string](np.at("network_plugin").loc(), noNetworkProfile)
		c.NetworkPluginMode = estate.Unresolved[string](np.at("network_plugin_mode").loc(), noNetworkProfile)
	} else {
		// Required inside the block in both versions.
		c.NetworkPlugin = root.str("network_profile.network_plugin").OrUnknown("network_profile.network_plugin is not set")
		c.NetworkPluginMode = root.str("network_profile.network_plugin_mode").Or("")
	}
	// ebpf_data_plane (3.x, "cilium" only) became network_data_plane.
	c.NetworkDataplane = root.str("network_profile.network_data_plane", "network_profile.ebpf_data_plane").Or("azure")
	policyDefault := "none" // no network policy is enforced
	if estate.Is(c.NetworkDataplane, "cilium") {
		// Azure CNI powered by Cilium enforces network policy with Cilium.
		policyDefault = "cilium"
	}
	c.NetworkPolicy = root.str("network_profile.network_policy").Or(policyDefault)
	c.OutboundType = root.str("network_profile.outbound_type").Or("loadBalancer")
}

// presence is an add-on or feature that a block turns on: present is on,
// absent is off, unknown (a dynamic block over an unknown collection) is
// unresolved.
func presence(n node, name string) estate.Value[bool] {
	b := n.at(name)
	switch {
	case b.reason != "":
		return estate.Unresolved[bool](b.loc(), b.reason)
	case b.present() && !b.v.IsKnown():
		return estate.Unresolved[bool](b.loc(), b.unknownReason())
	case n.has(name):
		return estate.Set(true, b.loc())
	}
	return estate.Defaulted(false, b.loc())
}

// enabledString turns an *_enabled flag into Azure's "Enabled"/"Disabled".
func enabledString(b bool) string {
	if b {
		return "Enabled"
	}
	return "Disabled"
}
