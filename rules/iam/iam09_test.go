package iam

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func vault(name string, purge estate.Value[bool]) *estate.KeyVault {
	id := estate.ResourceID(rg + "/providers/Microsoft.KeyVault/vaults/" + name)
	return &estate.KeyVault{Meta: estate.Meta{ID: id, Name: name, Source: estate.SourceAzure, Loc: estate.Loc{Resource: id}}, PurgeProtection: purge}
}

func diskSet(keyURL string) *estate.DiskEncryptionSet {
	id := estate.ResourceID(rg + "/providers/Microsoft.Compute/diskEncryptionSets/des1")
	return &estate.DiskEncryptionSet{Meta: estate.Meta{ID: id, Name: "des1", Source: estate.SourceAzure}, KeyURL: set(keyURL, "properties.activeKey.keyUrl")}
}

func TestIAM09CustomerManagedKeys(t *testing.T) {
	purge := set(true, "properties.enablePurgeProtection")
	noPurge := def(false, "properties.enablePurgeProtection")
	tests := []struct {
		name  string
		edit  func(*estate.Cluster)
		extra []estate.Resource
		want  expect
	}{
		{name: "KMS, disk encryption set and vaults with purge protection",
			extra: []estate.Resource{vault("kv1", purge), vault("kv2", purge), diskSet("https://kv2.vault.azure.net/keys/disk/v1")},
			want: expect{verdict: rules.Passed, has: []string{
				"azureKeyVaultKms.enabled = true", "properties.diskEncryptionSetID", `key vault "kv1"`, `key vault "kv2"`}}},
		{name: "only the vaults holding the keys are read",
			extra: []estate.Resource{vault("kv1", purge), vault("unrelated", noPurge), diskSet("https://kv1.vault.azure.net/keys/disk")},
			want:  expect{verdict: rules.Passed, hasNot: []string{"unrelated"}}},
		{name: "vault without purge protection",
			extra: []estate.Resource{vault("kv1", noPurge), diskSet("https://kv1.vault.azure.net/keys/disk")},
			want:  expect{verdict: rules.Failed, has: []string{`key vault "kv1" has no purge protection`, "(default"}}},
		{name: "the key's vault is not in the inputs",
			extra: []estate.Resource{diskSet("https://kv1.vault.azure.net/keys/disk")},
			want:  expect{verdict: rules.Unknown, has: []string{"the vault is not in the scanned inputs"}}},
		{name: "every missing piece is listed",
			edit: func(c *estate.Cluster) {
				c.KMSEnabled = def(false, "properties.securityProfile.azureKeyVaultKms.enabled")
				c.DiskEncryptionSetID = def(estate.ResourceID(""), "properties.diskEncryptionSetID")
			},
			extra: []estate.Resource{vault("kv9", noPurge)},
			want: expect{verdict: rules.Failed, has: []string{
				"etcd secrets are not encrypted", "node disks use platform-managed keys", `key vault "kv9" has no purge protection`}}},
		{name: "KMS off, and the disk key's vault not in the inputs",
			edit: func(c *estate.Cluster) {
				c.KMSEnabled = def(false, "properties.securityProfile.azureKeyVaultKms.enabled")
			},
			extra: []estate.Resource{diskSet("https://kv1.vault.azure.net/keys/disk")},
			want:  expect{verdict: rules.Failed, has: []string{"etcd secrets are not encrypted", "also not determined", "not in the scanned inputs"}}},
		{name: "KMS on without a key",
			edit:  func(c *estate.Cluster) { c.KMSKeyID = def("", "key_management_service.key_vault_key_id") },
			extra: []estate.Resource{vault("kv1", purge), diskSet("https://kv1.vault.azure.net/keys/disk")},
			want:  expect{verdict: rules.Failed, has: []string{"KMS is on but names no key"}}},
		{name: "unresolved key",
			edit:  func(c *estate.Cluster) { c.KMSKeyID = unres[string]("key_management_service.key_vault_key_id") },
			extra: []estate.Resource{vault("kv1", purge), diskSet("https://kv1.vault.azure.net/keys/disk")},
			want:  expect{verdict: rules.Unknown, has: []string{"key_vault_key_id is not determined"}}},
		{name: "key matched through the estate's keys",
			edit: func(c *estate.Cluster) { c.KMSKeyID = set("https://renamed.vault.azure.net/keys/etcd/v2", "keyId") },
			extra: []estate.Resource{vault("kv1", purge), diskSet("https://kv1.vault.azure.net/keys/disk"),
				&estate.KeyVaultKey{Meta: estate.Meta{ID: "k"}, Vault: estate.ResourceID(rg + "/providers/Microsoft.KeyVault/vaults/kv1"),
					KeyURI: set("https://renamed.vault.azure.net/keys/etcd", "key_uri")}},
			want: expect{verdict: rules.Passed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := goodCluster("aks", func(c *estate.Cluster) {
				if tt.edit != nil {
					tt.edit(c)
				}
			})
			tt.want.res = c.ID
			e := estateOf(append([]estate.Resource{c}, tt.extra...)...)
			assertFindings(t, run(IAM09, e, rules.Config{Profile: "sensitive"}), []expect{tt.want})
		})
	}
}

// TestIAM09IsInformationalAtBaseline: the verdict stays, the severity drops.
func TestIAM09IsInformationalAtBaseline(t *testing.T) {
	c := goodCluster("aks", func(c *estate.Cluster) {
		c.KMSEnabled = def(false, "properties.securityProfile.azureKeyVaultKms.enabled")
	})
	for profile, sev := range map[string]rules.Severity{"baseline": rules.Info, "sensitive": rules.Medium} {
		got := run(IAM09, estateOf(c), rules.Config{Profile: profile})
		if len(got) != 1 || got[0].Verdict != rules.Failed || got[0].Severity != sev {
			t.Errorf("profile %s: %+v, want a %s failure", profile, got, sev)
		}
	}
}
