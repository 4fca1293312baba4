package azurerm

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
)

// TestRegistry: documented defaults, and the computed login server.
func TestRegistry(t *testing.T) {
	tests := []struct {
		name                string
		v                   obj
		admin, anon         estate.Value[bool]
		public, action, log estate.Value[string]
	}{
		{"defaults", obj{"name": str("AcmeProd"), "resource_group_name": str("rg"), "sku": str("Premium")},
			def(false, "admin_enabled"), def(false, "anonymous_pull_enabled"),
			def("Enabled", "public_network_access_enabled"), def("Allow", "network_rule_set.default_action"), def("acmeprod.azurecr.io", "login_server")},
		{"locked down", obj{"name": str("acme"), "resource_group_name": str("rg"), "sku": str("Premium"), "admin_enabled": boolean(true),
			"anonymous_pull_enabled": boolean(false), "public_network_access_enabled": boolean(false),
			"network_rule_set": blocks(o(obj{"default_action": str("Deny")}))},
			set(true, "admin_enabled"), set(false, "anonymous_pull_enabled"),
			set("Disabled", "public_network_access_enabled"), set("Deny", "network_rule_set.default_action"), def("acme.azurecr.io", "login_server")},
		{"name not known", obj{"name": unknown, "resource_group_name": str("rg"), "sku": str("Basic")},
			def(false, "admin_enabled"), def(false, "anonymous_pull_enabled"),
			def("Enabled", "public_network_access_enabled"), def("Allow", "network_rule_set.default_action"), unres[string]("name", "name is not known before apply")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := adaptOne(t, res("azurerm_container_registry", "azurerm_container_registry.acr", tt.v, nil)).Registries[0]
			check(t, "AdminUserEnabled", g.AdminUserEnabled, tt.admin)
			check(t, "AnonymousPullEnabled", g.AnonymousPullEnabled, tt.anon)
			check(t, "PublicNetworkAccess", g.PublicNetworkAccess, tt.public)
			check(t, "NetworkDefaultAction", g.NetworkDefaultAction, tt.action)
			check(t, "LoginServer", g.LoginServer, tt.log)
		})
	}
}

// TestKeyVault: purge protection defaults off; the RBAC flag is read under
// its 3.x and 4.x names.
func TestKeyVault(t *testing.T) {
	base := obj{"name": str("kv"), "resource_group_name": str("rg"), "sku_name": str("premium"), "tenant_id": str("t")}
	with := func(k string, v bool) obj {
		out := obj{k: boolean(v)}
		for k, x := range base {
			out[k] = x
		}
		return out
	}
	tests := []struct {
		name string
		v    obj
		pp   estate.Value[bool]
		rbac estate.Value[bool]
	}{
		{"defaults", base, def(false, "purge_protection_enabled"), def(false, "rbac_authorization_enabled (azurerm 3.x: enable_rbac_authorization)")},
		{"3.x rbac", with("enable_rbac_authorization", true), def(false, "purge_protection_enabled"), set(true, "enable_rbac_authorization")},
		{"4.x rbac", with("rbac_authorization_enabled", true), def(false, "purge_protection_enabled"), set(true, "rbac_authorization_enabled")},
		{"purge protection", with("purge_protection_enabled", true), set(true, "purge_protection_enabled"), def(false, "rbac_authorization_enabled (azurerm 3.x: enable_rbac_authorization)")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := adaptOne(t, res("azurerm_key_vault", "azurerm_key_vault.kv", tt.v, nil)).KeyVaults[0]
			check(t, "PurgeProtection", v.PurgeProtection, tt.pp)
			check(t, "RBACAuthorization", v.RBACAuthorization, tt.rbac)
			check(t, "SoftDelete", v.SoftDelete, def(true, "soft_delete_enabled"))
			check(t, "PublicNetworkAccess", v.PublicNetworkAccess, def("Enabled", "public_network_access_enabled"))
		})
	}
}

// TestCustomerManagedKeys: the cluster's KMS key and disk encryption set
// refer to a key and a set of the configuration by their synthetic IDs.
func TestCustomerManagedKeys(t *testing.T) {
	kvID := rgID + "/providers/Microsoft.KeyVault/vaults/kv"
	keyV := obj{"name": str("etcd"), "key_vault_id": str(kvID), "key_type": str("RSA")}
	keyID := SyntheticID("azurerm_key_vault_key", "azurerm_key_vault_key.etcd", o(keyV))
	desV := obj{"name": str("des"), "resource_group_name": str("rg"), "key_vault_key_id": str(keyID)}
	desID := SyntheticID("azurerm_disk_encryption_set", "azurerm_disk_encryption_set.des", o(desV))
	out := Adapt([]Resource{
		res("azurerm_key_vault", "azurerm_key_vault.kv", obj{"name": str("kv"), "resource_group_name": str("rg")}, nil),
		res("azurerm_key_vault_key", "azurerm_key_vault_key.etcd", keyV, nil),
		res("azurerm_disk_encryption_set", "azurerm_disk_encryption_set.des", desV, nil),
		res("azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster.aks", minimalCluster(obj{
			"disk_encryption_set_id": str(desID),
			"key_management_service": blocks(o(obj{"key_vault_key_id": str(keyID)})),
		}), nil),
	})
	e := out.Estate
	k := e.Keys[0]
	if k.ID != estate.ResourceID(kvID+"/keys/etcd") || k.Vault != estate.ResourceID(kvID) {
		t.Errorf("key ID %q, vault %q", k.ID, k.Vault)
	}
	check(t, "KeyURI", k.KeyURI, def("https://kv.vault.azure.net/keys/etcd", "versionless_id"))
	if _, ok := e.Lookup(e.Clusters[0].DiskEncryptionSetID.V).(*estate.DiskEncryptionSet); !ok {
		t.Errorf("cluster's disk encryption set %q is not found", e.Clusters[0].DiskEncryptionSetID.V)
	}
	// Keys are matched by ID (or URI) among Estate.Keys, as AKS-IAM-09 does.
	if kms := estate.ResourceID(e.Clusters[0].KMSKeyID.V); !kms.Equal(k.ID) {
		t.Errorf("cluster's KMS key %q is not found", e.Clusters[0].KMSKeyID.V)
	}
	d := e.DiskEncryptionSets[0]
	check(t, "KeyURL", d.KeyURL, set(keyID, "key_vault_key_id"))
	check(t, "EncryptionType", d.EncryptionType, def("EncryptionAtRestWithCustomerKey", "encryption_type"))
}

// TestTLS: application gateway policies and storage accounts.
func TestTLS(t *testing.T) {
	const why = "ssl_policy is not set: Azure's default TLS policy depends on the API version the gateway is created with"
	tests := []struct {
		name    string
		v       obj
		typ     estate.Value[string]
		minimum estate.Value[string]
	}{
		{"no policy", obj{}, unres[string]("ssl_policy.policy_type", why), unres[string]("ssl_policy.min_protocol_version", why)},
		{"predefined", obj{"ssl_policy": blocks(o(obj{"policy_name": str("AppGwSslPolicy20150501")}))},
			def("Predefined", "ssl_policy.policy_type"), def("TLSv1_0", "ssl_policy.policy_name")},
		{"custom", obj{"ssl_policy": blocks(o(obj{"policy_type": str("CustomV2"), "min_protocol_version": str("TLSv1_3")}))},
			set("CustomV2", "ssl_policy.policy_type"), set("TLSv1_3", "ssl_policy.min_protocol_version")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := adaptOne(t, res("azurerm_application_gateway", "azurerm_application_gateway.agw", tt.v, nil)).AppGateways[0]
			check(t, "SSLPolicyType", g.SSLPolicyType, tt.typ)
			check(t, "MinProtocolVersion", g.MinProtocolVersion, tt.minimum)
		})
	}
	s := adaptOne(t, res("azurerm_storage_account", "azurerm_storage_account.sa", obj{"name": str("sa")}, nil)).StorageAccounts[0]
	check(t, "MinimumTLSVersion", s.MinimumTLSVersion, def("TLS1_2", "min_tls_version"))
	s = adaptOne(t, res("azurerm_storage_account", "azurerm_storage_account.sa", obj{"name": str("sa"), "min_tls_version": str("TLS1_0")}, nil)).StorageAccounts[0]
	check(t, "MinimumTLSVersion", s.MinimumTLSVersion, set("TLS1_0", "min_tls_version"))
}
