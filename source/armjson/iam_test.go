package armjson

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
)

func TestAdaptRoleAssignments(t *testing.T) {
	const sub = "/subscriptions/s"
	rest := `{"id": "` + clusterID + `/providers/Microsoft.Authorization/roleAssignments/ra1", "type": "Microsoft.Authorization/roleAssignments",
	  "properties": {"roleDefinitionId": "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
	  "principalId": "p1", "principalType": "Group", "scope": "` + clusterID + `"}}`
	// `az role assignment list`: flattened, with the role's name.
	flat := `[{"id": "/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/ra2", "name": "ra2", "type": "Microsoft.Authorization/roleAssignments",
	  "principalId": "p2", "principalName": "ops@example.com", "roleDefinitionId": "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
	  "roleDefinitionName": "Owner", "scope": "/subscriptions/s"}]`
	noScope := `{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Authorization/roleAssignments/ra3", "type": "Microsoft.Authorization/roleAssignments",
	  "properties": {"roleDefinitionId": "x", "principalId": "p3"}}`
	// A template's extension resource: no id, a scope member.
	tmpl := `{"type": "Microsoft.Authorization/roleAssignments", "name": "ra4", "scope": "` + clusterID + `",
	  "properties": {"roleDefinitionId": "x", "principalId": "p4"}}`
	ra := func(e *estate.Estate) *estate.RoleAssignment { return e.RoleAssignments[0] }
	runValueCases(t, []valueCase{
		{name: "scope from properties", src: rest, get: func(e *estate.Estate) any { return ra(e).Scope },
			want: set(estate.ResourceID(clusterID), "properties.scope")},
		{name: "principal type", src: rest, get: func(e *estate.Estate) any { return ra(e).PrincipalType },
			want: set("Group", "properties.principalType")},
		{name: "flattened scope", src: flat, get: func(e *estate.Estate) any { return ra(e).Scope },
			want: set(estate.ResourceID(sub), "scope")},
		{name: "flattened role name", src: flat, get: func(e *estate.Estate) any { return ra(e).RoleName },
			want: set("Owner", "roleDefinitionName")},
		{name: "principal type default", src: flat, get: func(e *estate.Estate) any { return ra(e).PrincipalType },
			want: def("User", "principalType")},
		{name: "scope from the ID", src: noScope, get: func(e *estate.Estate) any { return ra(e).Scope },
			want: set(estate.ResourceID("/subscriptions/s/resourceGroups/rg"), "id")},
		{name: "template scope and synthesized ID", src: tmpl, get: func(e *estate.Estate) any { return [2]any{ra(e).ID, ra(e).Scope.V} },
			want: [2]any{estate.ResourceID(clusterID + "/providers/Microsoft.Authorization/roleAssignments/ra4"), estate.ResourceID(clusterID)}},
	})
}

func TestAdaptRoleDefinitionsLocksPricings(t *testing.T) {
	roleDef := `{"id": "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/rd1", "type": "Microsoft.Authorization/roleDefinitions",
	  "properties": {"roleName": "Log deleter", "permissions": [{"actions": ["Microsoft.OperationalInsights/workspaces/read"]},
	  {"actions": ["*/delete"], "notActions": [], "dataActions": ["x/y"]}], "assignableScopes": ["/subscriptions/s"]}}`
	// `az role definition list`: flattened.
	flatDef := `[{"id": "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/rd2", "type": "Microsoft.Authorization/roleDefinitions",
	  "roleName": "Reader-ish", "permissions": [{"actions": ["*/read"], "notActions": ["a/b"]}], "assignableScopes": ["/"]}]`
	lock := `{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws/providers/Microsoft.Authorization/locks/keep",
	  "type": "Microsoft.Authorization/locks", "properties": {"level": "CanNotDelete"}}`
	flatLock := `[{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Authorization/locks/rg-lock", "level": "ReadOnly", "name": "rg-lock",
	  "type": "Microsoft.Authorization/locks"}]`
	pricing := `{"id": "/subscriptions/s/providers/Microsoft.Security/pricings/Containers", "name": "Containers", "type": "Microsoft.Security/pricings",
	  "properties": {"pricingTier": "Standard"}}`
	flatPricing := `{"value": [{"id": "/subscriptions/s/providers/Microsoft.Security/pricings/ContainerRegistry", "name": "ContainerRegistry",
	  "type": "Microsoft.Security/pricings", "pricingTier": "Free"}]}`
	runValueCases(t, []valueCase{
		{name: "actions join permissions", src: roleDef, get: func(e *estate.Estate) any { return e.RoleDefinitions[0].Actions },
			want: set([]string{"Microsoft.OperationalInsights/workspaces/read", "*/delete"}, "properties.permissions")},
		{name: "data actions", src: roleDef, get: func(e *estate.Estate) any { return e.RoleDefinitions[0].DataActions },
			want: set([]string{"x/y"}, "properties.permissions")},
		{name: "role name", src: roleDef, get: func(e *estate.Estate) any { return e.RoleDefinitions[0].RoleName },
			want: set("Log deleter", "properties.roleName")},
		{name: "flattened not-actions", src: flatDef, get: func(e *estate.Estate) any { return e.RoleDefinitions[0].NotActions },
			want: set([]string{"a/b"}, "permissions")},
		{name: "flattened scopes", src: flatDef, get: func(e *estate.Estate) any { return e.RoleDefinitions[0].AssignableScopes },
			want: set([]estate.ResourceID{"/"}, "assignableScopes")},
		{name: "lock scope is the resource", src: lock, get: func(e *estate.Estate) any { return e.Locks[0].Scope.V },
			want: estate.ResourceID("/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws")},
		{name: "lock level", src: lock, get: func(e *estate.Estate) any { return e.Locks[0].Level },
			want: set("CanNotDelete", "properties.level")},
		{name: "flattened lock", src: flatLock, get: func(e *estate.Estate) any { return [2]any{e.Locks[0].Scope.V, e.Locks[0].Level.V} },
			want: [2]any{estate.ResourceID("/subscriptions/s/resourceGroups/rg"), "ReadOnly"}},
		{name: "pricing at subscription scope", src: pricing, get: func(e *estate.Estate) any { return e.DefenderPlans[0].Scope },
			want: set(estate.ResourceID("/subscriptions/s"), "id")},
		{name: "plan is the name", src: pricing, get: func(e *estate.Estate) any { return e.DefenderPlans[0].Plan },
			want: set("Containers", "name")},
		{name: "flattened tier in a list response", src: flatPricing, get: func(e *estate.Estate) any { return e.DefenderPlans[0].Tier },
			want: set("Free", "pricingTier")},
	})
}

func TestAdaptDiagnosticSettings(t *testing.T) {
	rest := `{"id": "` + clusterID + `/providers/Microsoft.Insights/diagnosticSettings/aks-audit", "type": "Microsoft.Insights/diagnosticSettings",
	  "properties": {"workspaceId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws",
	  "logs": [{"category": "kube-audit-admin", "enabled": true}, {"categoryGroup": "allLogs", "enabled": false}]}}`
	// `az monitor diagnostic-settings list`: flattened.
	flat := `[{"id": "` + clusterID + `/providers/microsoft.insights/diagnosticSettings/d2", "name": "d2", "type": "Microsoft.Insights/diagnosticSettings",
	  "logs": [{"category": "kube-audit", "categoryGroup": null, "enabled": true}], "storageAccountId": "/x/storageAccounts/st", "workspaceId": null}]`
	// The short ID form one API version returns, with an empty type.
	short := `{"id": "/subscriptions/s/resourcegroups/rg/providers/microsoft.logic/workflows/wf/diagnosticSettings/d3", "type": "",
	  "properties": {"logs": [{"category": "WorkflowRuntime", "enabled": true}]}}`
	ds := func(e *estate.Estate) *estate.DiagnosticSetting { return e.DiagnosticSettings[0] }
	runValueCases(t, []valueCase{
		{name: "target is the ID's scope", src: rest, get: func(e *estate.Estate) any { return ds(e).Target },
			want: set(estate.ResourceID(clusterID), "id")},
		{name: "categories", src: rest, get: func(e *estate.Estate) any { return ds(e).Logs },
			want: set([]estate.LogCategory{
				{Category: "kube-audit-admin", Enabled: set(true, "properties.logs[0].enabled")},
				{CategoryGroup: "allLogs", Enabled: set(false, "properties.logs[1].enabled")},
			}, "properties.logs")},
		{name: "no storage", src: rest, get: func(e *estate.Estate) any { return ds(e).StorageID },
			want: def(estate.ResourceID(""), "properties.storageAccountId")},
		{name: "flattened", src: flat, get: func(e *estate.Estate) any { return ds(e).Logs.V[0] },
			want: estate.LogCategory{Category: "kube-audit", Enabled: set(true, "logs[0].enabled")}},
		{name: "flattened storage", src: flat, get: func(e *estate.Estate) any { return ds(e).StorageID },
			want: set(estate.ResourceID("/x/storageAccounts/st"), "storageAccountId")},
		{name: "short ID form", src: short, get: func(e *estate.Estate) any { return ds(e).Target.V },
			want: estate.ResourceID("/subscriptions/s/resourcegroups/rg/providers/microsoft.logic/workflows/wf")},
		{name: "unresolved category", src: rest, mutate: func(n *Node) { n.Path("properties.logs").Items[0].Set("category", UnknownNode(1, "parameters('cat')")) },
			get:  func(e *estate.Estate) any { return ds(e).Logs },
			want: unknown[[]estate.LogCategory]("properties.logs[0].category", "parameters('cat')")},
	})
}

func TestAdaptKeysAndTLS(t *testing.T) {
	const kv = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1"
	vault := `{"id": "` + kv + `", "type": "Microsoft.KeyVault/vaults", "properties": {"enablePurgeProtection": true}}`
	key := `{"id": "` + kv + `/keys/etcd", "type": "Microsoft.KeyVault/vaults/keys", "properties": {"keyUri": "https://kv1.vault.azure.net/keys/etcd",
	  "keyUriWithVersion": "https://kv1.vault.azure.net/keys/etcd/abc"}}`
	des := `{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des1", "type": "Microsoft.Compute/diskEncryptionSets",
	  "activeKey": {"keyUrl": "https://kv1.vault.azure.net/keys/disk/1"}}`
	storage := `{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st", "type": "Microsoft.Storage/storageAccounts", "properties": {}}`
	agw := func(policy string) string {
		return `{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/agw", "type": "Microsoft.Network/applicationGateways",
		  "properties": {` + policy + `}}`
	}
	ws := `{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws", "type": "Microsoft.OperationalInsights/workspaces",
	  "properties": {"retentionInDays": 90}}`
	runValueCases(t, []valueCase{
		{name: "purge protection", src: vault, get: func(e *estate.Estate) any { return e.KeyVaults[0].PurgeProtection },
			want: set(true, "properties.enablePurgeProtection")},
		{name: "soft delete default", src: vault, get: func(e *estate.Estate) any { return e.KeyVaults[0].SoftDelete },
			want: def(true, "properties.enableSoftDelete")},
		{name: "key URI with version", src: key, get: func(e *estate.Estate) any { return e.Keys[0].KeyURI },
			want: set("https://kv1.vault.azure.net/keys/etcd/abc", "properties.keyUriWithVersion")},
		{name: "key vault", src: key, get: func(e *estate.Estate) any { return e.Keys[0].Vault }, want: estate.ResourceID(kv)},
		{name: "flattened DES", src: des, get: func(e *estate.Estate) any { return e.DiskEncryptionSets[0].KeyURL },
			want: set("https://kv1.vault.azure.net/keys/disk/1", "activeKey.keyUrl")},
		{name: "storage TLS default", src: storage, get: func(e *estate.Estate) any { return e.StorageAccounts[0].MinimumTLSVersion },
			want: def("TLS1_0", "properties.minimumTlsVersion")},
		{name: "predefined policy fixes the version", src: agw(`"sslPolicy": {"policyType": "Predefined", "policyName": "AppGwSslPolicy20220101"}`),
			get:  func(e *estate.Estate) any { return e.AppGateways[0].MinProtocolVersion },
			want: def("TLSv1_2", "properties.sslPolicy.policyName")},
		{name: "custom policy", src: agw(`"sslPolicy": {"policyType": "CustomV2", "minProtocolVersion": "TLSv1_3"}`),
			get:  func(e *estate.Estate) any { return e.AppGateways[0].MinProtocolVersion },
			want: set("TLSv1_3", "properties.sslPolicy.minProtocolVersion")},
		{name: "no policy: depends on the creating API version", src: agw(``),
			get:  func(e *estate.Estate) any { return e.AppGateways[0].MinProtocolVersion },
			want: unknown[string]("properties.sslPolicy.minProtocolVersion", "sslPolicy is not set: the default TLS policy depends on the API version the gateway was created with")},
		{name: "workspace retention", src: ws, get: func(e *estate.Estate) any { return e.Workspaces[0].RetentionDays },
			want: set(90, "properties.retentionInDays")},
	})
}
