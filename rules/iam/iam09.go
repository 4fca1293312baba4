package iam

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// IAM09 flags clusters whose secrets and disks are not encrypted with keys
// the customer holds.
var IAM09 = &rules.Rule{
	ID:            "AKS-IAM-09",
	Title:         "Customer-managed keys encrypt etcd secrets and node disks, from a Key Vault with purge protection",
	Severity:      rules.Medium,
	Section:       rules.IAM,
	Practice:      "Customer-managed encryption keys",
	SensitiveOnly: true,
	Doc: `Azure encrypts etcd and managed disks with platform keys by default. For
sensitive workloads a customer-managed key in Key Vault lets the customer
audit every use of the key and revoke it; KMS encrypts Kubernetes Secrets
in etcd with it, a disk encryption set the node OS and data disks. Purge
protection keeps the vault's keys from being destroyed for good, which
would make the data unreadable. The rule applies at the sensitive profile;
at baseline its findings are informational.

Reads the cluster's securityProfile.azureKeyVaultKms.enabled and keyId
(Terraform: key_management_service.key_vault_key_id), its
diskEncryptionSetID (disk_encryption_set_id), and enablePurgeProtection of
the Key Vaults that hold the KMS key and the disk encryption set's key,
matched by key URI. When no key points at a vault of the inputs, every
Key Vault of the inputs is read. A key in a vault the inputs do not hold
is unknown for purge protection. The evidence lists each missing piece.`,
	Fix: rules.Fix{
		CLI: "az aks update -g <resource-group> -n <cluster> --enable-azure-keyvault-kms --azure-keyvault-kms-key-id <key-id> --azure-keyvault-kms-key-vault-network-access Public; " +
			"az keyvault update -n <vault> --enable-purge-protection true; " +
			"a disk encryption set is chosen at creation: az aks create ... --node-osdisk-diskencryptionset-id <disk-encryption-set-id>",
		Terraform: "add key_management_service { key_vault_key_id = azurerm_key_vault_key.<name>.id } and disk_encryption_set_id to azurerm_kubernetes_cluster, " +
			"and purge_protection_enabled = true to azurerm_key_vault (same names in azurerm v3 and v4)",
		ARM: "set properties.securityProfile.azureKeyVaultKms.enabled: true with .keyId, and properties.diskEncryptionSetID, on Microsoft.ContainerService/managedClusters; " +
			"set properties.enablePurgeProtection: true on Microsoft.KeyVault/vaults",
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			checkCMK(p, c)
		}
	},
}

func checkCMK(p *rules.Pass, c *estate.Cluster) {
	var o outcome
	var keyURIs []string

	kms, key := c.KMSEnabled, c.KMSKeyID
	switch {
	case !kms.Known():
		o.unknown(kms.Loc, "%s", kms.Evidence())
	case !kms.V:
		o.fail(kms.Loc, "etcd secrets are not encrypted with a Key Vault key: %s", kms.Evidence())
	case !key.Known():
		o.unknown(key.Loc, "%s", key.Evidence())
	case key.V == "":
		o.fail(key.Loc, "KMS is on but names no key: %s", key.Evidence())
	default:
		o.pass(key.Loc, "%s; %s", kms.Evidence(), key.Evidence())
		keyURIs = append(keyURIs, key.V)
	}

	des := c.DiskEncryptionSetID
	switch {
	case !des.Known():
		o.unknown(des.Loc, "%s", des.Evidence())
	case des.V == "":
		o.fail(des.Loc, "node disks use platform-managed keys: %s", des.Evidence())
	default:
		o.pass(des.Loc, "%s", des.Evidence())
		if set, ok := p.Estate.Lookup(des.V).(*estate.DiskEncryptionSet); ok && set.KeyURL.Known() && set.KeyURL.V != "" {
			keyURIs = append(keyURIs, set.KeyURL.V)
		}
	}

	judgeVaults(&o, p.Estate, keyURIs)
	o.report(p, c)
}

// judgeVaults checks purge protection on the vaults holding the keys, or on
// every vault of the estate when no key leads to one.
func judgeVaults(o *outcome, e *estate.Estate, keyURIs []string) {
	var vaults []*estate.KeyVault
	seen := map[string]bool{}
	for _, uri := range keyURIs {
		v := vaultOfKey(e, uri)
		if v == nil {
			o.unknown(estate.Loc{}, "purge protection of the vault holding key %q: the vault is not in the scanned inputs", uri)
			continue
		}
		if !seen[v.ID.Key()] {
			seen[v.ID.Key()] = true
			vaults = append(vaults, v)
		}
	}
	if len(keyURIs) == 0 {
		vaults = e.KeyVaults
		if len(vaults) == 0 {
			o.pass(estate.Loc{}, "key vaults: %s", none)
		}
	}
	for _, v := range vaults {
		pp := v.PurgeProtection
		switch {
		case !pp.Known():
			o.unknown(pp.Loc, "key vault %q: %s", v.Name, pp.Evidence())
		case !pp.V:
			o.fail(pp.Loc, "key vault %q has no purge protection: %s", v.Name, pp.Evidence())
		default:
			o.pass(pp.Loc, "key vault %q: %s", v.Name, pp.Evidence())
		}
	}
}

// vaultOfKey finds the vault of a key: by the estate's keys (their URI, or
// their resource ID for KMS key IDs given as ARM IDs), else by the vault
// name in the key URI's host (https://<vault>.vault.azure.net/keys/...).
func vaultOfKey(e *estate.Estate, uri string) *estate.KeyVault {
	want := keyBase(uri)
	for _, k := range e.Keys {
		if (k.KeyURI.Known() && keyBase(k.KeyURI.V) == want) || k.ID.Key() == strings.ToLower(uri) {
			if v, ok := e.Lookup(k.Vault).(*estate.KeyVault); ok {
				return v
			}
		}
	}
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		return nil
	}
	name, _, _ := strings.Cut(u.Hostname(), ".")
	for _, v := range e.KeyVaults {
		if strings.EqualFold(v.Name, name) {
			return v
		}
	}
	return nil
}

// keyBase drops the version from a key URI:
// https://v.vault.azure.net/keys/k/<version> → https://v.vault.azure.net/keys/k.
func keyBase(uri string) string {
	u := strings.ToLower(strings.TrimSuffix(uri, "/"))
	i := strings.Index(u, "/keys/")
	if i < 0 {
		return u
	}
	rest := u[i+len("/keys/"):]
	if name, _, ok := strings.Cut(rest, "/"); ok {
		return fmt.Sprintf("%s/keys/%s", u[:i], name)
	}
	return u
}
