package iam

import "strings"

// builtinRoles are the Azure built-in roles the rules classify, by their
// fixed GUIDs (the same in every tenant and cloud; see "Azure built-in
// roles" in the Azure RBAC documentation). A built-in role missing here is
// classified only when the inputs hold its definition (an export of
// Microsoft.Authorization/roleDefinitions); otherwise it is unknown.
//
// The roles commonly granted around a cluster (Network Contributor on the
// node subnet, Monitoring Metrics Publisher, Key Vault data roles) are
// listed with no flag, so that they are known to be harmless for these
// rules instead of unknown.
var builtinRoles = []Role{
	// General roles.
	{ID: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", Name: "Owner",
		Privileged: true, GrantsAccess: true, ClusterAdmin: true, Writes: true, Deletes: true,
		LogWrites: true, DiagnosticSettings: true, Registry: RegistryManage},
	{ID: "b24988ac-6180-42a0-ab88-20f7382dd24c", Name: "Contributor",
		Privileged: true, ClusterAdmin: true, Writes: true, Deletes: true,
		LogWrites: true, DiagnosticSettings: true, Registry: RegistryManage},
	{ID: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", Name: "User Access Administrator",
		Privileged: true, GrantsAccess: true},
	// Role Based Access Control Administrator is User Access Administrator
	// with optional conditions: it may still grant itself Owner unless a
	// condition (which the rules do not read) forbids it.
	{ID: "f58310d9-a9f6-439a-9e8d-f62e7b41a168", Name: "Role Based Access Control Administrator",
		Privileged: true, GrantsAccess: true},
	{ID: "acdd72a7-3385-48ef-bd42-f606fba81ae7", Name: "Reader", ReadOnly: true},

	// Azure Kubernetes Service.
	{ID: "0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8", Name: "Azure Kubernetes Service Cluster Admin Role", ClusterAdmin: true},
	{ID: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b", Name: "Azure Kubernetes Service RBAC Cluster Admin", ClusterAdmin: true},
	// RBAC Admin manages every Kubernetes object but resource quotas and
	// namespaces, role bindings included: admin in all but name.
	{ID: "3498e952-d568-435e-9b2c-8d77e338d7f7", Name: "Azure Kubernetes Service RBAC Admin", ClusterAdmin: true},
	// Contributor Role writes the managedClusters resource, so it can turn
	// off every security setting of the cluster.
	{ID: "ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8", Name: "Azure Kubernetes Service Contributor Role", ClusterAdmin: true},
	{ID: "4abbcc35-e782-43d8-92c5-2d3f1bd2253f", Name: "Azure Kubernetes Service Cluster User Role"},
	{ID: "1afdec4b-e479-420e-99e7-f82237c7c5e6", Name: "Azure Kubernetes Service Cluster Monitoring User"},
	{ID: "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb", Name: "Azure Kubernetes Service RBAC Writer"},
	{ID: "7f6c6a51-bcf8-42ba-9220-52d62157d7db", Name: "Azure Kubernetes Service RBAC Reader", ReadOnly: true},

	// Azure Container Registry: image data (the AcrPull/AcrPush class).
	{ID: "7f951dda-4ed3-4680-a7ca-43fe172d538d", Name: "AcrPull", Registry: RegistryData},
	{ID: "8311e382-0749-4cb8-b61a-304f252e45ec", Name: "AcrPush", Registry: RegistryData},
	{ID: "c2f4ef07-c644-48eb-af81-4b1b4947fb11", Name: "AcrDelete", Registry: RegistryData},
	{ID: "6cef56e8-d556-48e5-a04f-b8e64114680f", Name: "AcrImageSigner", Registry: RegistryData},
	{ID: "cdda3590-29a3-44f6-95f2-9f980659eb04", Name: "AcrQuarantineReader", Registry: RegistryData},
	{ID: "c8d4ff99-41c3-41a8-9f60-21dfdad59608", Name: "AcrQuarantineWriter", Registry: RegistryData},
	{ID: "b93aa761-3e63-49ed-ac28-beffa264f7ac", Name: "Container Registry Repository Reader", Registry: RegistryData},
	{ID: "2a1e307c-b015-4ebd-883e-5b7698a07328", Name: "Container Registry Repository Writer", Registry: RegistryData},
	{ID: "2efddaa5-3f1f-4df3-97df-af3f13818f4c", Name: "Container Registry Repository Contributor", Registry: RegistryData},
	{ID: "bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7", Name: "Container Registry Repository Catalog Lister", Registry: RegistryData},
	// Importing an image writes image data, as a push does.
	{ID: "577a9874-89fd-4f24-9dbd-b5034d0ad23a", Name: "Container Registry Data Importer and Data Reader", Registry: RegistryData},
	// Azure Container Registry: configuration.
	{ID: "3bc748fc-213d-45c1-8d91-9da5725539b9", Name: "Container Registry Contributor and Data Access Configuration Administrator", Registry: RegistryManage},
	{ID: "fb382eab-e894-4461-af04-94435c366c3f", Name: "Container Registry Tasks Contributor", Registry: RegistryManage},
	{ID: "df87f177-bb12-4db1-9793-a413691eff94", Name: "Container Registry Cache Rule Administrator", Registry: RegistryManage},
	{ID: "f094fb07-0703-4400-ad6a-e16dd8000e14", Name: "Container Registry Credential Set Administrator", Registry: RegistryManage},
	{ID: "bf94e731-3a51-4a7c-8c54-a1ab9971dfc1", Name: "Container Registry Transfer Pipeline Contributor", Registry: RegistryManage},
	{ID: "69b07be0-09bf-439a-b9a6-e73de851bd59", Name: "Container Registry Configuration Reader and Data Access Configuration Reader", ReadOnly: true},
	{ID: "c357b964-0002-4b64-a50d-7a28f02edc52", Name: "Container Registry Cache Rule Reader", ReadOnly: true},
	{ID: "29093635-9924-4f2c-913b-650a12949526", Name: "Container Registry Credential Set Reader", ReadOnly: true},

	// Monitoring and logs.
	{ID: "92aaf0da-9dab-42b6-94a3-d43ce8d16293", Name: "Log Analytics Contributor", LogWrites: true, DiagnosticSettings: true},
	{ID: "73c42c96-874c-492b-b04d-ab87d138a893", Name: "Log Analytics Reader", ReadOnly: true},
	// Monitoring Contributor may rewrite diagnostic settings, but not
	// delete or purge a workspace's data.
	{ID: "749f88d5-cbae-40b8-bcfc-e573ddc772fa", Name: "Monitoring Contributor", DiagnosticSettings: true},
	{ID: "43d0d8ad-25c7-4714-9337-8ba259a9fe05", Name: "Monitoring Reader", ReadOnly: true},
	{ID: "3913510d-42f4-4e42-8a64-420c390055eb", Name: "Monitoring Metrics Publisher"},

	// Roles commonly granted to cluster identities.
	{ID: "4d97b98b-1d4f-4787-a291-c67834d212e7", Name: "Network Contributor"},
	{ID: "b12aa53e-6015-4669-85d0-8515ebb3ae7f", Name: "Private DNS Zone Contributor"},
	{ID: "9980e02c-c2be-4d73-94e8-173b1dc7cf3c", Name: "Virtual Machine Contributor"},
	{ID: "f1a07417-d97a-45cb-824c-7a7467783830", Name: "Managed Identity Operator"},
	{ID: "e40ec5ca-96e0-45a2-b4ff-59039f2c2b59", Name: "Managed Identity Contributor"},
	{ID: "17d1049b-9a84-46fb-8f53-869881c3d3ab", Name: "Storage Account Contributor"},
	{ID: "ba92f5b4-2d11-453d-a403-e96b0029c9fe", Name: "Storage Blob Data Contributor"},
	{ID: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", Name: "Storage Blob Data Owner"},
	{ID: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", Name: "Storage Blob Data Reader", ReadOnly: true},
	{ID: "f25e0fa2-a7c8-4377-a976-54943a77a395", Name: "Key Vault Contributor"},
	{ID: "00482a5a-887f-4fb3-b363-3b7fe8e74483", Name: "Key Vault Administrator"},
	{ID: "14b46e9e-c2b7-41b4-b07b-48a6ebf60603", Name: "Key Vault Crypto Officer"},
	{ID: "12338af0-0e69-4776-bea7-57ae8d297424", Name: "Key Vault Crypto User"},
	{ID: "e147488a-f6f5-4113-8e2d-b22465e65bf6", Name: "Key Vault Crypto Service Encryption User"},
	{ID: "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", Name: "Key Vault Secrets Officer"},
	{ID: "4633458b-17de-408a-b874-0445c86b69e6", Name: "Key Vault Secrets User"},
	{ID: "a4417e6f-fecd-4de8-b567-7b0420556985", Name: "Key Vault Certificates Officer"},
	{ID: "21090545-7ca7-4776-b22c-e363652d74d2", Name: "Key Vault Reader", ReadOnly: true},
}

var builtinByID, builtinByName = indexBuiltins()

func indexBuiltins() (byID, byName map[string]Role) {
	byID = make(map[string]Role, len(builtinRoles))
	byName = make(map[string]Role, len(builtinRoles))
	for _, r := range builtinRoles {
		byID[r.ID] = r
		byName[strings.ToLower(r.Name)] = r
	}
	return byID, byName
}

// BuiltinRoles returns the built-in roles this package classifies.
func BuiltinRoles() []Role { return append([]Role(nil), builtinRoles...) }
