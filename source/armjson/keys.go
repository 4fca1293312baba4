package armjson

import "github.com/aksguard/aksguard/estate"

// keyVault adapts Microsoft.KeyVault/vaults. Soft delete is on unless a vault
// says otherwise (it can no longer be turned off); purge protection and the
// RBAC permission model are off unless set.
func (a *adapter) keyVault(r *res) {
	p := r.props
	a.out.KeyVaults = append(a.out.KeyVaults, &estate.KeyVault{
		Meta:                r.meta(),
		PurgeProtection:     p.boolean("enablePurgeProtection").Or(false),
		SoftDelete:          p.boolean("enableSoftDelete").Or(true),
		PublicNetworkAccess: p.str("publicNetworkAccess").Or("Enabled"),
		RBACAuthorization:   p.boolean("enableRbacAuthorization").Or(false),
	})
}

// key adapts Microsoft.KeyVault/vaults/keys. KMS key IDs and disk encryption
// sets name a key by its versioned URI, so that one is preferred.
func (a *adapter) key(r *res) {
	p := r.props
	a.out.Keys = append(a.out.Keys, &estate.KeyVaultKey{
		Meta:   r.meta(),
		Vault:  parentID(r.id),
		KeyURI: firstPresent(p.str("keyUriWithVersion"), p.str("keyUri")).OrUnknown("the key's URI is not in the input"),
	})
}

// diskEncryptionSet adapts Microsoft.Compute/diskEncryptionSets.
func (a *adapter) diskEncryptionSet(r *res) {
	p := r.props
	a.out.DiskEncryptionSets = append(a.out.DiskEncryptionSets, &estate.DiskEncryptionSet{
		Meta:           r.meta(),
		KeyURL:         p.str("activeKey.keyUrl").OrUnknown("activeKey.keyUrl is not set"),
		EncryptionType: p.str("encryptionType").Or("EncryptionAtRestWithCustomerKey"),
	})
}
