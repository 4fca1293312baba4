package azurerm

import (
	"maps"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/estate"
)

const clusterID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks"

// minimalCluster is the smallest configuration both provider versions accept.
func minimalCluster(extra obj) obj {
	v := obj{
		"name":                str("aks"),
		"resource_group_name": str("rg"),
		"location":            str("westeurope"),
		"dns_prefix":          str("aks"),
		"default_node_pool":   blocks(o(obj{"name": str("system"), "vm_size": str("Standard_D4s_v5")})),
		"identity":            blocks(o(obj{"type": str("SystemAssigned")})),
	}
	maps.Copy(v, extra)
	return v
}

func cluster(t *testing.T, v obj, attrs map[string]AttrInfo) *estate.Cluster {
	t.Helper()
	e := adaptOne(t, res("azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster.aks", v, attrs))
	if len(e.Clusters) != 1 {
		t.Fatalf("clusters = %d, want 1", len(e.Clusters))
	}
	return e.Clusters[0]
}

// TestClusterDefaults: what a minimal configuration leaves out gets the
// provider's documented default, and the evidence says it is a default.
func TestClusterDefaults(t *testing.T) {
	c := cluster(t, minimalCluster(nil), nil)
	if c.ID != clusterID || c.Name != "azurerm_kubernetes_cluster.aks" || c.Source != estate.SourceTerraform || c.Location != "westeurope" {
		t.Errorf("meta = %+v, location %q", c.Meta, c.Location)
	}
	const aad = "azure_active_directory_role_based_access_control"
	check(t, "KubernetesVersion", c.KubernetesVersion, unres[string]("kubernetes_version", "kubernetes_version is not set: AKS picks the latest recommended version at creation"))
	check(t, "EnableRBAC", c.EnableRBAC, def(true, "role_based_access_control_enabled"))
	check(t, "AADManaged", c.AADManaged, def(false, aad))
	check(t, "AzureRBAC", c.AzureRBAC, def(false, aad+".azure_rbac_enabled"))
	check(t, "AdminGroupObjectIDs", c.AdminGroupObjectIDs, def([]string(nil), aad+".admin_group_object_ids"))
	check(t, "DisableLocalAccounts", c.DisableLocalAccounts, def(false, "local_account_disabled"))
	check(t, "IdentityType", c.IdentityType, set("SystemAssigned", "identity.type"))
	check(t, "UserAssignedIdentities", c.UserAssignedIdentities, def([]estate.ResourceID(nil), "identity.identity_ids"))
	check(t, "ServicePrincipalClientID", c.ServicePrincipalClientID, def("msi", "service_principal.client_id"))
	check(t, "KubeletIdentityObjectID", c.KubeletIdentityObjectID, def("tfref:azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id", "kubelet_identity.object_id"))
	check(t, "KubeletIdentityResourceID", c.KubeletIdentityResourceID, def[estate.ResourceID]("", "kubelet_identity.user_assigned_identity_id"))
	check(t, "PrivateCluster", c.PrivateCluster, def(false, "private_cluster_enabled"))
	check(t, "AuthorizedIPRanges", c.AuthorizedIPRanges, def([]string(nil),
		"api_server_access_profile.authorized_ip_ranges (azurerm 3.x: api_server_authorized_ip_ranges)"))
	check(t, "PublicNetworkAccess", c.PublicNetworkAccess, def("Enabled", "public_network_access_enabled"))
	check(t, "NetworkPlugin", c.NetworkPlugin, unres[string]("network_profile.network_plugin", noNetworkProfile))
	check(t, "NetworkPluginMode", c.NetworkPluginMode, unres[string]("network_profile.network_plugin_mode", noNetworkProfile))
	check(t, "NetworkDataplane", c.NetworkDataplane, def("azure", "network_profile.network_data_plane (azurerm 3.x: network_profile.ebpf_data_plane)"))
	check(t, "NetworkPolicy", c.NetworkPolicy, def("none", "network_profile.network_policy"))
	check(t, "OutboundType", c.OutboundType, def("loadBalancer", "network_profile.outbound_type"))
	check(t, "HTTPApplicationRouting", c.HTTPApplicationRouting, def(false, "http_application_routing_enabled"))
	check(t, "OMSAgent", c.OMSAgent, def(false, "oms_agent"))
	check(t, "AzurePolicy", c.AzurePolicy, def(false, "azure_policy_enabled"))
	check(t, "KeyVaultSecretsProvider", c.KeyVaultSecretsProvider, def(false, "key_vault_secrets_provider"))
	check(t, "SecretRotation", c.SecretRotation, def(false, "key_vault_secrets_provider.secret_rotation_enabled"))
	check(t, "AzureMonitorMetrics", c.AzureMonitorMetrics, def(false, "monitor_metrics"))
	check(t, "DefenderEnabled", c.DefenderEnabled, def(false, "microsoft_defender"))
	check(t, "WorkloadIdentity", c.WorkloadIdentity, def(false, "workload_identity_enabled"))
	check(t, "PodIdentity", c.PodIdentity, def(false, "pod identity (no azurerm setting)"))
	check(t, "KMSEnabled", c.KMSEnabled, def(false, "key_management_service"))
	check(t, "KMSKeyID", c.KMSKeyID, def("", "key_management_service.key_vault_key_id"))
	check(t, "DiskEncryptionSetID", c.DiskEncryptionSetID, def[estate.ResourceID]("", "disk_encryption_set_id"))
	check(t, "UpgradeChannel", c.UpgradeChannel, def("none", "automatic_upgrade_channel (azurerm 3.x: automatic_channel_upgrade)"))

	if len(c.NodePools) != 1 {
		t.Fatalf("node pools = %d, want the default pool", len(c.NodePools))
	}
	p := c.NodePools[0]
	if p.ID != clusterID+"/agentPools/system" || p.Cluster != clusterID || p.Name != "azurerm_kubernetes_cluster.aks.default_node_pool" {
		t.Errorf("default pool meta = %+v, cluster %q", p.Meta, p.Cluster)
	}
	check(t, "Mode", p.Mode, def("System", "default_node_pool"))
	check(t, "Count", p.Count, def(1, "default_node_pool.node_count"))
	check(t, "MaxCount", p.MaxCount, def(0, "default_node_pool.max_count"))
	check(t, "AutoScaling", p.AutoScaling, def(false, "default_node_pool.auto_scaling_enabled (azurerm 3.x: default_node_pool.enable_auto_scaling)"))
	check(t, "SubnetID", p.SubnetID, def[estate.ResourceID]("", "default_node_pool.vnet_subnet_id"))
	check(t, "EnableNodePublicIP", p.EnableNodePublicIP, def(false, "default_node_pool.node_public_ip_enabled (azurerm 3.x: default_node_pool.enable_node_public_ip)"))
	check(t, "EncryptionAtHost", p.EncryptionAtHost, def(false, "default_node_pool.host_encryption_enabled (azurerm 3.x: default_node_pool.enable_host_encryption)"))
	check(t, "OSDiskType", p.OSDiskType, def("Managed", "default_node_pool.os_disk_type"))
	check(t, "SSHAccess", p.SSHAccess, def("LocalUser", "default_node_pool.ssh access (no azurerm setting)"))
}

// TestClusterExplicit: a hardened 4.x configuration is read as written.
func TestClusterExplicit(t *testing.T) {
	c := cluster(t, minimalCluster(obj{
		"kubernetes_version":                str("1.31"),
		"role_based_access_control_enabled": boolean(true),
		"local_account_disabled":            boolean(true),
		"private_cluster_enabled":           boolean(true),
		"azure_policy_enabled":              boolean(true),
		"workload_identity_enabled":         boolean(true),
		"automatic_upgrade_channel":         str("stable"),
		"disk_encryption_set_id":            str("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des"),
		"azure_active_directory_role_based_access_control": blocks(o(obj{
			"azure_rbac_enabled": boolean(true), "admin_group_object_ids": list("g1"),
		})),
		"identity": blocks(o(obj{"type": str("UserAssigned"), "identity_ids": list("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cp")})),
		"kubelet_identity": blocks(o(obj{
			"client_id": str("c"), "object_id": str("o"),
			"user_assigned_identity_id": str("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/kubelet"),
		})),
		"network_profile": blocks(o(obj{
			"network_plugin": str("azure"), "network_plugin_mode": str("overlay"), "network_policy": str("cilium"),
			"network_data_plane": str("cilium"), "outbound_type": str("userDefinedRouting"),
		})),
		"oms_agent":                  blocks(o(obj{"log_analytics_workspace_id": str("ws")})),
		"monitor_metrics":            blocks(o(obj{})),
		"microsoft_defender":         blocks(o(obj{"log_analytics_workspace_id": str("ws")})),
		"key_vault_secrets_provider": blocks(o(obj{"secret_rotation_enabled": boolean(true)})),
		"key_management_service":     blocks(o(obj{"key_vault_key_id": str("https://kv.vault.azure.net/keys/etcd/1")})),
		"api_server_access_profile":  blocks(o(obj{"authorized_ip_ranges": list("203.0.113.0/24")})),
	}), nil)
	const aad = "azure_active_directory_role_based_access_control"
	check(t, "KubernetesVersion", c.KubernetesVersion, set("1.31", "kubernetes_version"))
	check(t, "EnableRBAC", c.EnableRBAC, set(true, "role_based_access_control_enabled"))
	check(t, "AADManaged", c.AADManaged, set(true, aad))
	check(t, "AzureRBAC", c.AzureRBAC, set(true, aad+".azure_rbac_enabled"))
	check(t, "AdminGroupObjectIDs", c.AdminGroupObjectIDs, set([]string{"g1"}, aad+".admin_group_object_ids"))
	check(t, "DisableLocalAccounts", c.DisableLocalAccounts, set(true, "local_account_disabled"))
	check(t, "IdentityType", c.IdentityType, set("UserAssigned", "identity.type"))
	check(t, "UserAssignedIdentities", c.UserAssignedIdentities, set([]estate.ResourceID{"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cp"}, "identity.identity_ids"))
	check(t, "KubeletIdentityObjectID", c.KubeletIdentityObjectID, set("o", "kubelet_identity.object_id"))
	check(t, "PrivateCluster", c.PrivateCluster, set(true, "private_cluster_enabled"))
	check(t, "AuthorizedIPRanges", c.AuthorizedIPRanges, set([]string{"203.0.113.0/24"}, "api_server_access_profile.authorized_ip_ranges"))
	check(t, "NetworkPlugin", c.NetworkPlugin, set("azure", "network_profile.network_plugin"))
	check(t, "NetworkPluginMode", c.NetworkPluginMode, set("overlay", "network_profile.network_plugin_mode"))
	check(t, "NetworkPolicy", c.NetworkPolicy, set("cilium", "network_profile.network_policy"))
	check(t, "NetworkDataplane", c.NetworkDataplane, set("cilium", "network_profile.network_data_plane"))
	check(t, "OutboundType", c.OutboundType, set("userDefinedRouting", "network_profile.outbound_type"))
	check(t, "OMSAgent", c.OMSAgent, set(true, "oms_agent"))
	check(t, "AzureMonitorMetrics", c.AzureMonitorMetrics, set(true, "monitor_metrics"))
	check(t, "DefenderEnabled", c.DefenderEnabled, set(true, "microsoft_defender"))
	check(t, "AzurePolicy", c.AzurePolicy, set(true, "azure_policy_enabled"))
	check(t, "KeyVaultSecretsProvider", c.KeyVaultSecretsProvider, set(true, "key_vault_secrets_provider"))
	check(t, "SecretRotation", c.SecretRotation, set(true, "key_vault_secrets_provider.secret_rotation_enabled"))
	check(t, "WorkloadIdentity", c.WorkloadIdentity, set(true, "workload_identity_enabled"))
	check(t, "KMSEnabled", c.KMSEnabled, set(true, "key_management_service"))
	check(t, "KMSKeyID", c.KMSKeyID, set("https://kv.vault.azure.net/keys/etcd/1", "key_management_service.key_vault_key_id"))
	check(t, "DiskEncryptionSetID", c.DiskEncryptionSetID, set[estate.ResourceID]("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des", "disk_encryption_set_id"))
	check(t, "UpgradeChannel", c.UpgradeChannel, set("stable", "automatic_upgrade_channel"))
	check(t, "ServicePrincipalClientID", c.ServicePrincipalClientID, def("msi", "service_principal.client_id"))
}

// TestClusterServicePrincipal: without identity the cluster runs as its
// service principal.
func TestClusterServicePrincipal(t *testing.T) {
	v := minimalCluster(obj{"service_principal": blocks(o(obj{"client_id": str("app-id"), "client_secret": str("s3cret")}))})
	delete(v, "identity")
	c := cluster(t, v, nil)
	check(t, "IdentityType", c.IdentityType, def("None", "identity.type"))
	check(t, "ServicePrincipalClientID", c.ServicePrincipalClientID, set("app-id", "service_principal.client_id"))
}

// TestClusterRenames: every attribute azurerm 4.0 renamed is read under both
// names, with the same verdict-deciding value and the path as written.
func TestClusterRenames(t *testing.T) {
	pool := func(extra obj) cty.Value {
		v := obj{"name": str("system"), "vm_size": str("Standard_D4s_v5")}
		maps.Copy(v, extra)
		return blocks(o(v))
	}
	tests := []struct {
		name       string
		v3, v4     obj
		get        func(c *estate.Cluster) string
		want3, wnt string
	}{
		{
			name:  "host encryption",
			v3:    obj{"default_node_pool": pool(obj{"enable_host_encryption": boolean(true)})},
			v4:    obj{"default_node_pool": pool(obj{"host_encryption_enabled": boolean(true)})},
			get:   func(c *estate.Cluster) string { return c.NodePools[0].EncryptionAtHost.Evidence() },
			want3: "default_node_pool.enable_host_encryption = true",
			wnt:   "default_node_pool.host_encryption_enabled = true",
		},
		{
			name:  "node public IP",
			v3:    obj{"default_node_pool": pool(obj{"enable_node_public_ip": boolean(true)})},
			v4:    obj{"default_node_pool": pool(obj{"node_public_ip_enabled": boolean(true)})},
			get:   func(c *estate.Cluster) string { return c.NodePools[0].EnableNodePublicIP.Evidence() },
			want3: "default_node_pool.enable_node_public_ip = true",
			wnt:   "default_node_pool.node_public_ip_enabled = true",
		},
		{
			name: "autoscaling",
			v3:   obj{"default_node_pool": pool(obj{"enable_auto_scaling": boolean(true), "min_count": num(3), "max_count": num(60)})},
			v4:   obj{"default_node_pool": pool(obj{"auto_scaling_enabled": boolean(true), "min_count": num(3), "max_count": num(60)})},
			get: func(c *estate.Cluster) string {
				p := c.NodePools[0]
				return p.AutoScaling.Evidence() + "; " + p.MaxCount.Evidence() + "; " + p.Count.Evidence()
			},
			want3: "default_node_pool.enable_auto_scaling = true; default_node_pool.max_count = 60; default_node_pool.node_count = 3 (default: not set in the input)",
			wnt:   "default_node_pool.auto_scaling_enabled = true; default_node_pool.max_count = 60; default_node_pool.node_count = 3 (default: not set in the input)",
		},
		{
			name:  "authorized IP ranges",
			v3:    obj{"api_server_authorized_ip_ranges": list("0.0.0.0/0")},
			v4:    obj{"api_server_access_profile": blocks(o(obj{"authorized_ip_ranges": list("0.0.0.0/0")}))},
			get:   func(c *estate.Cluster) string { return c.AuthorizedIPRanges.Evidence() },
			want3: `api_server_authorized_ip_ranges = ["0.0.0.0/0"]`,
			wnt:   `api_server_access_profile.authorized_ip_ranges = ["0.0.0.0/0"]`,
		},
		{
			name:  "upgrade channel",
			v3:    obj{"automatic_channel_upgrade": str("patch")},
			v4:    obj{"automatic_upgrade_channel": str("patch")},
			get:   func(c *estate.Cluster) string { return c.UpgradeChannel.Evidence() },
			want3: `automatic_channel_upgrade = "patch"`,
			wnt:   `automatic_upgrade_channel = "patch"`,
		},
		{
			name: "data plane",
			v3:   obj{"network_profile": blocks(o(obj{"network_plugin": str("azure"), "ebpf_data_plane": str("cilium")}))},
			v4:   obj{"network_profile": blocks(o(obj{"network_plugin": str("azure"), "network_data_plane": str("cilium")}))},
			get: func(c *estate.Cluster) string {
				return c.NetworkDataplane.Evidence() + "; " + c.NetworkPolicy.Evidence()
			},
			want3: `network_profile.ebpf_data_plane = "cilium"; network_profile.network_policy = "cilium" (default: not set in the input)`,
			wnt:   `network_profile.network_data_plane = "cilium"; network_profile.network_policy = "cilium" (default: not set in the input)`,
		},
		{
			name: "Entra ID managed",
			v3: obj{"azure_active_directory_role_based_access_control": blocks(o(obj{
				"managed": boolean(true), "azure_rbac_enabled": boolean(true),
			}))},
			v4:  obj{"azure_active_directory_role_based_access_control": blocks(o(obj{"azure_rbac_enabled": boolean(true)}))},
			get: func(c *estate.Cluster) string { return c.AADManaged.Evidence() + "; " + c.AzureRBAC.Evidence() },
			want3: "azure_active_directory_role_based_access_control.managed = true; " +
				"azure_active_directory_role_based_access_control.azure_rbac_enabled = true",
			wnt: "azure_active_directory_role_based_access_control = true; " +
				"azure_active_directory_role_based_access_control.azure_rbac_enabled = true",
		},
		{
			name:  "public network access (3.x only)",
			v3:    obj{"public_network_access_enabled": boolean(false)},
			v4:    obj{},
			get:   func(c *estate.Cluster) string { return c.PublicNetworkAccess.Evidence() },
			want3: `public_network_access_enabled = "Disabled"`,
			wnt:   `public_network_access_enabled = "Enabled" (default: not set in the input)`,
		},
		{
			name:  "HTTP application routing",
			v3:    obj{"http_application_routing_enabled": boolean(true)},
			v4:    obj{"http_application_routing_enabled": boolean(true)},
			get:   func(c *estate.Cluster) string { return c.HTTPApplicationRouting.Evidence() },
			want3: "http_application_routing_enabled = true",
			wnt:   "http_application_routing_enabled = true",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.get(cluster(t, minimalCluster(tt.v3), nil)); got != tt.want3 {
				t.Errorf("azurerm 3.x: %s\nwant %s", got, tt.want3)
			}
			if got := tt.get(cluster(t, minimalCluster(tt.v4), nil)); got != tt.wnt {
				t.Errorf("azurerm 4.x: %s\nwant %s", got, tt.wnt)
			}
		})
	}
}

// TestClusterDialectNamesDefaults: a default is named as the configuration's
// provider version spells the attribute.
func TestClusterDialectNamesDefaults(t *testing.T) {
	pool := func(extra obj) cty.Value {
		v := obj{"name": str("system")}
		maps.Copy(v, extra)
		return blocks(o(v))
	}
	tests := []struct {
		name string
		v    obj
		want string
	}{
		{"3.x", obj{"default_node_pool": pool(obj{"enable_auto_scaling": boolean(false)})}, "default_node_pool.enable_host_encryption"},
		{"4.x", obj{"default_node_pool": pool(obj{"auto_scaling_enabled": boolean(false)})}, "default_node_pool.host_encryption_enabled"},
		{"3.x by a top-level name", obj{"automatic_channel_upgrade": str("stable")}, "default_node_pool.enable_host_encryption"},
		{"either", obj{}, "default_node_pool.host_encryption_enabled (azurerm 3.x: default_node_pool.enable_host_encryption)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cluster(t, minimalCluster(tt.v), nil).NodePools[0].EncryptionAtHost
			check(t, "EncryptionAtHost", got, def(false, tt.want))
		})
	}
}

// TestClusterEntraID: the block's meaning in 3.x and 4.x.
func TestClusterEntraID(t *testing.T) {
	const aad = "azure_active_directory_role_based_access_control"
	tests := []struct {
		name string
		v    obj
		want estate.Value[bool]
	}{
		{"absent", obj{}, def(false, aad)},
		{"4.x block", obj{aad: blocks(o(obj{"tenant_id": str("t")}))}, set(true, aad)},
		{"3.x managed", obj{aad: blocks(o(obj{"managed": boolean(true)}))}, set(true, aad+".managed")},
		{"3.x managed false", obj{aad: blocks(o(obj{"managed": boolean(false)}))}, set(false, aad+".managed")},
		{"3.x legacy", obj{aad: blocks(o(obj{"client_app_id": str("c"), "server_app_id": str("s")}))}, set(false, aad+".server_app_id")},
		{"3.x without managed", obj{"automatic_channel_upgrade": str("stable"), aad: blocks(o(obj{"tenant_id": str("t")}))},
			unres[bool](aad+".managed", "managed is not set: azurerm 3.x then sends a legacy (not AKS-managed) Entra ID profile "+
				"without application IDs, which AKS rejects; 4.x would make it managed")},
		{"dynamic block over an unknown", obj{aad: cty.DynamicVal}, unres[bool](aad+".managed", "var.aad is not known before apply")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cluster(t, minimalCluster(tt.v), map[string]AttrInfo{aad: {Line: 5, Expr: "var.aad"}})
			check(t, "AADManaged", c.AADManaged, tt.want)
		})
	}
}

// TestClusterUnknown: values not known before apply are unresolved, with
// the reason the reader recorded, never defaulted.
func TestClusterUnknown(t *testing.T) {
	c := cluster(t, minimalCluster(obj{
		"local_account_disabled":  unknown,
		"private_cluster_enabled": cty.UnknownVal(cty.Bool),
		"oms_agent":               cty.DynamicVal,
		"api_server_access_profile": blocks(o(obj{
			"authorized_ip_ranges": cty.ListVal([]cty.Value{str("10.0.0.0/8"), unknown}),
		})),
		"default_node_pool": blocks(o(obj{"name": str("system"), "vnet_subnet_id": unknown, "node_count": num(3)})),
	}), map[string]AttrInfo{
		"local_account_disabled":  {Line: 7, Expr: "var.lock_down", Reason: "var.lock_down has no value"},
		"private_cluster_enabled": {Line: 8, Expr: "var.private"},
		"oms_agent":               {Line: 9, Reason: "dynamic block for_each: var.monitoring has no value"},
		"api_server_access_profile.0.authorized_ip_ranges": {Line: 12, Expr: "[\"10.0.0.0/8\", var.office]"},
		"default_node_pool.0.vnet_subnet_id":               {Line: 15, Reason: "azurerm_subnet.nodes.id is known only after apply"},
	})
	check(t, "DisableLocalAccounts", c.DisableLocalAccounts, unres[bool]("local_account_disabled", "var.lock_down has no value"))
	check(t, "PrivateCluster", c.PrivateCluster, unres[bool]("private_cluster_enabled", "var.private is not known before apply"))
	check(t, "OMSAgent", c.OMSAgent, unres[bool]("oms_agent", "dynamic block for_each: var.monitoring has no value"))
	check(t, "AuthorizedIPRanges", c.AuthorizedIPRanges, unres[[]string]("api_server_access_profile.authorized_ip_ranges",
		`["10.0.0.0/8", var.office] is not known before apply`))
	check(t, "SubnetID", c.NodePools[0].SubnetID, unres[estate.ResourceID]("default_node_pool.vnet_subnet_id", "azurerm_subnet.nodes.id is known only after apply"))
	check(t, "Count", c.NodePools[0].Count, set(3, "default_node_pool.node_count"))
}

// TestClusterNetworkProfile: inside the block the documented defaults apply.
func TestClusterNetworkProfile(t *testing.T) {
	c := cluster(t, minimalCluster(obj{"network_profile": blocks(o(obj{"network_plugin": str("kubenet")}))}), nil)
	check(t, "NetworkPlugin", c.NetworkPlugin, set("kubenet", "network_profile.network_plugin"))
	check(t, "NetworkPluginMode", c.NetworkPluginMode, def("", "network_profile.network_plugin_mode"))
	check(t, "NetworkPolicy", c.NetworkPolicy, def("none", "network_profile.network_policy"))
	check(t, "OutboundType", c.OutboundType, def("loadBalancer", "network_profile.outbound_type"))
}

// TestLocations: a value points at its attribute's line; a missing
// attribute at its enclosing block's, else at the resource's.
func TestLocations(t *testing.T) {
	c := cluster(t, minimalCluster(obj{
		"local_account_disabled": boolean(true),
		"network_profile":        blocks(o(obj{"network_plugin": str("azure")})),
	}), map[string]AttrInfo{
		"local_account_disabled":           {Line: 4},
		"network_profile.0":                {Line: 20},
		"network_profile.0.network_plugin": {Line: 21},
		"default_node_pool.0":              {Line: 30},
	})
	tests := []struct {
		name string
		got  estate.Loc
		want int
	}{
		{"attribute", c.DisableLocalAccounts.Loc, 4},
		{"attribute in a block", c.NetworkPlugin.Loc, 21},
		{"missing in a block", c.NetworkPolicy.Loc, 20},
		{"missing at top level", c.PrivateCluster.Loc, 1},
		{"missing in the default pool", c.NodePools[0].EncryptionAtHost.Loc, 30},
		{"default pool itself", c.NodePools[0].Loc, 30},
	}
	for _, tt := range tests {
		if tt.got.File != testFile || tt.got.Line != tt.want {
			t.Errorf("%s: at %s, want %s:%d", tt.name, tt.got, testFile, tt.want)
		}
	}
}

// TestMarkedValues: the evaluator marks sensitive values; they are read
// without a panic.
func TestMarkedValues(t *testing.T) {
	v := minimalCluster(obj{
		"name":                   str("aks").Mark("sensitive"),
		"local_account_disabled": boolean(true).Mark("sensitive"),
		"default_node_pool":      blocks(o(obj{"name": str("system"), "node_count": num(3).Mark("sensitive")})).Mark("sensitive"),
		"api_server_access_profile": blocks(o(obj{
			"authorized_ip_ranges": cty.ListVal([]cty.Value{str("203.0.113.0/24").Mark("sensitive")}),
		})),
	})
	c := cluster(t, v, nil)
	if c.ID != clusterID {
		t.Errorf("ID = %q", c.ID)
	}
	check(t, "DisableLocalAccounts", c.DisableLocalAccounts, set(true, "local_account_disabled"))
	check(t, "Count", c.NodePools[0].Count, set(3, "default_node_pool.node_count"))
	check(t, "AuthorizedIPRanges", c.AuthorizedIPRanges, set([]string{"203.0.113.0/24"}, "api_server_access_profile.authorized_ip_ranges"))
}
