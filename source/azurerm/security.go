package azurerm

import (
	"strings"

	"github.com/aksguard/aksguard/estate"
)

// registry adapts azurerm_container_registry.
func (a *adapter) registry(r *resource) {
	root := r.root()
	login := root.str("login_server").Or("")
	if l := root.str("login_server"); !l.present && l.reason == "" {
		// Computed: the lower-cased name under azurecr.io in the public cloud.
		switch name := root.str("name"); {
		case name.reason != "":
			login = estate.Unresolved[string](name.loc, name.reason)
		case name.present:
			login = estate.Defaulted(strings.ToLower(name.v)+".azurecr.io", l.loc)
		default:
			login = estate.Unresolved[string](l.loc, "name is not set")
		}
	}
	a.out.Registries = append(a.out.Registries, &estate.Registry{
		Meta:                 r.meta(),
		LoginServer:          login,
		SKU:                  root.str("sku").OrUnknown("sku is not set"),
		AdminUserEnabled:     root.boolean("admin_enabled").Or(false),
		AnonymousPullEnabled: root.boolean("anonymous_pull_enabled").Or(false),
		PublicNetworkAccess:  conv(root.boolean("public_network_access_enabled"), enabledString).Or("Enabled"),
		NetworkDefaultAction: root.str("network_rule_set.default_action").Or("Allow"),
	})
}

// keyVault adapts azurerm_key_vault.
func (a *adapter) keyVault(r *resource) {
	root := r.root()
	a.out.KeyVaults = append(a.out.KeyVaults, &estate.KeyVault{
		Meta:            r.meta(),
		PurgeProtection: root.boolean("purge_protection_enabled").Or(false),
		// Soft delete cannot be turned off since azurerm 3.0 (2.x had
		// soft_delete_enabled).
		SoftDelete:          root.boolean("soft_delete_enabled").Or(true),
		PublicNetworkAccess: conv(root.boolean("public_network_access_enabled"), enabledString).Or("Enabled"),
		// 4.x added rbac_authorization_enabled and deprecated the 3.x name.
		RBACAuthorization: root.boolean("rbac_authorization_enabled", "enable_rbac_authorization").Or(false),
	})
}

// keyVaultKey adapts azurerm_key_vault_key. Its ID is under its vault's
// (see SyntheticID), which is what a cluster's KMS key_vault_key_id or a
// disk encryption set refers to.
func (a *adapter) keyVaultKey(r *resource) {
	root := r.root()
	k := &estate.KeyVaultKey{Meta: r.meta()}
	vault := root.id("key_vault_id")
	if vault.present && vault.reason == "" {
		k.Vault = vault.v
	}
	uri := root.str("versionless_id")
	name := root.str("name")
	switch {
	case uri.present || uri.reason != "":
		k.KeyURI = uri.Or("")
	case vault.reason != "":
		k.KeyURI = estate.Unresolved[string](vault.loc, vault.reason)
	case name.reason != "":
		k.KeyURI = estate.Unresolved[string](name.loc, name.reason)
	case k.Vault.IsARM() && name.present:
		// Computed: https://<vault>.vault.azure.net/keys/<name> in the public cloud.
		k.KeyURI = estate.Defaulted("https://"+strings.ToLower(k.Vault.Name())+".vault.azure.net/keys/"+name.v, uri.loc)
	default:
		k.KeyURI = estate.Unresolved[string](uri.loc, "the key's URI is assigned when its vault is created")
	}
	a.out.Keys = append(a.out.Keys, k)
}

// diskEncryptionSet adapts azurerm_disk_encryption_set.
func (a *adapter) diskEncryptionSet(r *resource) {
	root := r.root()
	a.out.DiskEncryptionSets = append(a.out.DiskEncryptionSets, &estate.DiskEncryptionSet{
		Meta:           r.meta(),
		KeyURL:         root.str("key_vault_key_id").OrUnknown("key_vault_key_id is not set"),
		EncryptionType: root.str("encryption_type").Or("EncryptionAtRestWithCustomerKey"),
	})
}
