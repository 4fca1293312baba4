package iam

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// This file builds estates for the tests as Go values, the way an adapter
// would fill them: every Value set, defaulted or unresolved.

const (
	sub = "/subscriptions/00000000-0000-0000-0000-000000000001"
	rg  = sub + "/resourceGroups/rg"
)

func at(path string) estate.Loc { return estate.Loc{File: "main.tf", Line: 7, Path: path} }

func set[T any](v T, path string) estate.Value[T] { return estate.Set(v, at(path)) }

func def[T any](v T, path string) estate.Value[T] { return estate.Defaulted(v, at(path)) }

func unres[T any](path string) estate.Value[T] {
	return estate.Unresolved[T](at(path), "var.x has no value")
}

func clusterID(name string) estate.ResourceID {
	return estate.ResourceID(rg + "/providers/Microsoft.ContainerService/managedClusters/" + name)
}

func registryID(name string) estate.ResourceID {
	return estate.ResourceID(rg + "/providers/Microsoft.ContainerRegistry/registries/" + name)
}

func uami(name string) estate.ResourceID {
	return estate.ResourceID(rg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name)
}

// goodCluster returns a cluster that passes every IAM rule on its own.
func goodCluster(name string, edits ...func(*estate.Cluster)) *estate.Cluster {
	id := clusterID(name)
	c := &estate.Cluster{
		Meta:                      estate.Meta{ID: id, Name: name, Source: estate.SourceAzure, Loc: estate.Loc{Resource: id}},
		AADManaged:                set(true, "properties.aadProfile.managed"),
		AzureRBAC:                 set(true, "properties.aadProfile.enableAzureRBAC"),
		AdminGroupObjectIDs:       def([]string(nil), "properties.aadProfile.adminGroupObjectIDs"),
		DisableLocalAccounts:      set(true, "properties.disableLocalAccounts"),
		IdentityType:              set("UserAssigned", "identity.type"),
		UserAssignedIdentities:    set([]estate.ResourceID{uami(name + "-cp")}, "identity.userAssignedIdentities"),
		ServicePrincipalClientID:  set("msi", "properties.servicePrincipalProfile.clientId"),
		KubeletIdentityResourceID: set(uami(name+"-kubelet"), "properties.identityProfile.kubeletidentity.resourceId"),
		KubeletIdentityClientID:   set("client-"+name, "properties.identityProfile.kubeletidentity.clientId"),
		KeyVaultSecretsProvider:   set(true, "properties.addonProfiles.azureKeyvaultSecretsProvider.enabled"),
		SecretRotation:            set(true, "properties.addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation"),
		KMSEnabled:                set(true, "properties.securityProfile.azureKeyVaultKms.enabled"),
		KMSKeyID:                  set("https://kv1.vault.azure.net/keys/etcd/0123abcd", "properties.securityProfile.azureKeyVaultKms.keyId"),
		DiskEncryptionSetID:       set(estate.ResourceID(rg+"/providers/Microsoft.Compute/diskEncryptionSets/des1"), "properties.diskEncryptionSetID"),
	}
	for _, e := range edits {
		e(c)
	}
	return c
}

func goodRegistry(name string, edits ...func(*estate.Registry)) *estate.Registry {
	id := registryID(name)
	r := &estate.Registry{
		Meta:                 estate.Meta{ID: id, Name: name, Source: estate.SourceAzure, Loc: estate.Loc{Resource: id}},
		AdminUserEnabled:     def(false, "properties.adminUserEnabled"),
		AnonymousPullEnabled: set(false, "properties.anonymousPullEnabled"),
	}
	for _, e := range edits {
		e(r)
	}
	return r
}

// grant returns a role assignment of role (a GUID, full ID or, with a
// "name:" prefix, a role name) at scope to principal of type ptype ("" for
// a type the input does not state).
func grant(name string, scope estate.ResourceID, role, principal, ptype string) *estate.RoleAssignment {
	id := estate.ResourceID(string(scope) + "/providers/Microsoft.Authorization/roleAssignments/" + name)
	a := &estate.RoleAssignment{
		Meta:          estate.Meta{ID: id, Name: name, Source: estate.SourceAzure, Loc: estate.Loc{Resource: id}},
		Scope:         set(scope, "properties.scope"),
		PrincipalID:   set(principal, "properties.principalId"),
		PrincipalType: set(ptype, "properties.principalType"),
	}
	if ptype == "" {
		a.PrincipalType = def("", "principal_type")
	}
	if n, ok := strings.CutPrefix(role, "name:"); ok {
		a.RoleName = set(n, "role_definition_name")
		a.RoleDefinitionID = def("", "role_definition_id")
	} else {
		a.RoleDefinitionID = set(role, "properties.roleDefinitionId")
		a.RoleName = def("", "role_definition_name")
	}
	return a
}

func roleID(guid string) string {
	return sub + "/providers/Microsoft.Authorization/roleDefinitions/" + guid
}

const (
	ownerID        = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	contributorID  = "b24988ac-6180-42a0-ab88-20f7382dd24c"
	uaaID          = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
	readerID       = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
	rbacClusterAdm = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b"
	acrPullID      = "7f951dda-4ed3-4680-a7ca-43fe172d538d"
	acrPushID      = "8311e382-0749-4cb8-b61a-304f252e45ec"
	networkContrib = "4d97b98b-1d4f-4787-a291-c67834d212e7"
)

// expect is what a test wants of one finding, in report order: its
// resource, verdict, and substrings its evidence must (has) or must not
// (hasNot) contain.
type expect struct {
	res     estate.ResourceID
	verdict rules.Verdict
	has     []string
	hasNot  []string
}

func run(r *rules.Rule, e *estate.Estate, cfg rules.Config) []rules.Finding {
	p := rules.NewPass(r, e, cfg)
	r.Check(p)
	return p.Findings()
}

func assertFindings(t *testing.T, got []rules.Finding, want []expect) {
	t.Helper()
	if len(got) != len(want) {
		for _, f := range got {
			t.Logf("got %s %s: %s", f.Resource.ID, f.Verdict, f.Evidence)
		}
		t.Fatalf("got %d findings, want %d", len(got), len(want))
	}
	for i, w := range want {
		f := got[i]
		if w.res != "" && f.Resource.ID != string(w.res) {
			t.Errorf("finding %d is on %s, want %s", i, f.Resource.ID, w.res)
		}
		if f.Verdict != w.verdict {
			t.Errorf("finding %d on %s: verdict %s, want %s (evidence: %s)", i, f.Resource.ID, f.Verdict, w.verdict, f.Evidence)
		}
		for _, s := range w.has {
			if !strings.Contains(f.Evidence, s) {
				t.Errorf("finding %d on %s: evidence lacks %q: %s", i, f.Resource.ID, s, f.Evidence)
			}
		}
		for _, s := range w.hasNot {
			if strings.Contains(f.Evidence, s) {
				t.Errorf("finding %d on %s: evidence has %q: %s", i, f.Resource.ID, s, f.Evidence)
			}
		}
	}
}

// estateOf returns an estate holding the given resources.
func estateOf(rs ...estate.Resource) *estate.Estate {
	e := &estate.Estate{}
	for _, r := range rs {
		switch x := r.(type) {
		case *estate.Cluster:
			e.Clusters = append(e.Clusters, x)
		case *estate.Registry:
			e.Registries = append(e.Registries, x)
		case *estate.RoleAssignment:
			e.RoleAssignments = append(e.RoleAssignments, x)
		case *estate.RoleDefinition:
			e.RoleDefinitions = append(e.RoleDefinitions, x)
		case *estate.KeyVault:
			e.KeyVaults = append(e.KeyVaults, x)
		case *estate.KeyVaultKey:
			e.Keys = append(e.Keys, x)
		case *estate.DiskEncryptionSet:
			e.DiskEncryptionSets = append(e.DiskEncryptionSets, x)
		case *estate.Ingress:
			e.Ingresses = append(e.Ingresses, x)
		case *estate.Service:
			e.Services = append(e.Services, x)
		case *estate.Secret:
			e.Secrets = append(e.Secrets, x)
		case *estate.Workload:
			e.Workloads = append(e.Workloads, x)
		default:
			panic(fmt.Sprintf("estateOf: unsupported %T", r))
		}
	}
	return e
}
