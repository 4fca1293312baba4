package armjson

import (
	"strings"
	"testing"

	"github.com/aksguard/aksguard/estate"
)

const clusterID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1"

// restCluster is the REST shape (`az resource show`, the API, Resource Graph).
const restCluster = `{
  "id": "` + clusterID + `",
  "name": "aks1",
  "type": "Microsoft.ContainerService/managedClusters",
  "location": "westeurope",
  "identity": {"type": "UserAssigned", "userAssignedIdentities": {"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cp": {}}},
  "properties": {
    "kubernetesVersion": "1.30.3",
    "enableRBAC": true,
    "disableLocalAccounts": true,
    "aadProfile": {"managed": true, "enableAzureRBAC": true, "adminGroupObjectIDs": ["g1"]},
    "servicePrincipalProfile": {"clientId": "msi"},
    "identityProfile": {"kubeletidentity": {"resourceId": "/subscriptions/s/resourceGroups/mc/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks1-agentpool", "clientId": "kc", "objectId": "ko"}},
    "apiServerAccessProfile": {"enablePrivateCluster": false, "authorizedIPRanges": ["1.2.3.4/32"]},
    "networkProfile": {"networkPlugin": "azure", "networkPluginMode": "overlay", "networkPolicy": "calico", "outboundType": "userDefinedRouting"},
    "addonProfiles": {
      "omsAgent": {"enabled": true},
      "azurepolicy": {"enabled": true},
      "httpApplicationRouting": {"enabled": false},
      "azureKeyvaultSecretsProvider": {"enabled": true, "config": {"enableSecretRotation": "false"}}
    },
    "azureMonitorProfile": {"metrics": {"enabled": true}},
    "securityProfile": {
      "defender": {"securityMonitoring": {"enabled": true}},
      "workloadIdentity": {"enabled": true},
      "azureKeyVaultKms": {"enabled": true, "keyId": "https://kv1.vault.azure.net/keys/etcd/v1"}
    },
    "podIdentityProfile": {"enabled": false},
    "diskEncryptionSetID": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des1",
    "autoUpgradeProfile": {"upgradeChannel": "stable"},
    "agentPoolProfiles": [
      {"name": "system", "mode": "System", "count": 3, "vnetSubnetID": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes",
       "osDiskType": "Ephemeral", "enableEncryptionAtHost": true, "securityProfile": {"sshAccess": "Disabled"}},
      {"name": "user", "count": 2, "enableAutoScaling": true, "maxCount": 10, "enableNodePublicIP": true}
    ]
  }
}`

// flatCluster is `az aks show -o json`: no properties wrapper, the CLI's
// casing, and null for what is not set.
const flatCluster = `{
  "id": "` + clusterID + `",
  "name": "aks1",
  "type": "Microsoft.ContainerService/ManagedClusters",
  "resourceGroup": "rg",
  "aadProfile": null,
  "enableRbac": false,
  "disableLocalAccounts": false,
  "apiServerAccessProfile": {"authorizedIpRanges": ["0.0.0.0/0"], "enablePrivateCluster": null},
  "diskEncryptionSetId": null,
  "addonProfiles": {"omsagent": {"enabled": false, "config": null}},
  "agentPoolProfiles": [{"name": "nodepool1", "count": 1, "enableNodePublicIp": false, "vnetSubnetId": null, "osDiskType": "Managed", "mode": "System"}],
  "networkProfile": {"networkPlugin": "kubenet", "networkPolicy": null, "outboundType": "loadBalancer"},
  "servicePrincipalProfile": {"clientId": "msi"},
  "identity": {"type": "SystemAssigned", "userAssignedIdentities": null}
}`

const bareCluster = `{"id": "` + clusterID + `", "type": "Microsoft.ContainerService/managedClusters", "properties": {"agentPoolProfiles": [{"name": "np"}]}}`

func cl(e *estate.Estate) *estate.Cluster { return e.Clusters[0] }
func pool(i int) func(*estate.Estate) *estate.NodePool {
	return func(e *estate.Estate) *estate.NodePool { return e.Clusters[0].NodePools[i] }
}

func TestAdaptClusterREST(t *testing.T) {
	runValueCases(t, []valueCase{
		{name: "disableLocalAccounts", src: restCluster, get: func(e *estate.Estate) any { return cl(e).DisableLocalAccounts },
			want: set(true, "properties.disableLocalAccounts")},
		{name: "aad managed", src: restCluster, get: func(e *estate.Estate) any { return cl(e).AADManaged },
			want: set(true, "properties.aadProfile.managed")},
		{name: "azure rbac", src: restCluster, get: func(e *estate.Estate) any { return cl(e).AzureRBAC },
			want: set(true, "properties.aadProfile.enableAzureRBAC")},
		{name: "admin groups", src: restCluster, get: func(e *estate.Estate) any { return cl(e).AdminGroupObjectIDs },
			want: set([]string{"g1"}, "properties.aadProfile.adminGroupObjectIDs")},
		{name: "identity type beside properties", src: restCluster, get: func(e *estate.Estate) any { return cl(e).IdentityType },
			want: set("UserAssigned", "identity.type")},
		{name: "user-assigned identity keys", src: restCluster, get: func(e *estate.Estate) any { return cl(e).UserAssignedIdentities },
			want: set([]estate.ResourceID{"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cp"}, "identity.userAssignedIdentities")},
		{name: "kubelet identity", src: restCluster, get: func(e *estate.Estate) any { return cl(e).KubeletIdentityObjectID },
			want: set("ko", "properties.identityProfile.kubeletidentity.objectId")},
		{name: "authorized ranges", src: restCluster, get: func(e *estate.Estate) any { return cl(e).AuthorizedIPRanges },
			want: set([]string{"1.2.3.4/32"}, "properties.apiServerAccessProfile.authorizedIPRanges")},
		{name: "network policy", src: restCluster, get: func(e *estate.Estate) any { return cl(e).NetworkPolicy },
			want: set("calico", "properties.networkProfile.networkPolicy")},
		{name: "outbound type", src: restCluster, get: func(e *estate.Estate) any { return cl(e).OutboundType },
			want: set("userDefinedRouting", "properties.networkProfile.outboundType")},
		{name: "addon key matched case-insensitively, path as written", src: restCluster, get: func(e *estate.Estate) any { return cl(e).OMSAgent },
			want: set(true, "properties.addonProfiles.omsAgent.enabled")},
		{name: "secret rotation string false", src: restCluster, get: func(e *estate.Estate) any { return cl(e).SecretRotation },
			want: set(false, "properties.addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation")},
		{name: "monitor metrics", src: restCluster, get: func(e *estate.Estate) any { return cl(e).AzureMonitorMetrics },
			want: set(true, "properties.azureMonitorProfile.metrics.enabled")},
		{name: "defender", src: restCluster, get: func(e *estate.Estate) any { return cl(e).DefenderEnabled },
			want: set(true, "properties.securityProfile.defender.securityMonitoring.enabled")},
		{name: "kms key", src: restCluster, get: func(e *estate.Estate) any { return cl(e).KMSKeyID },
			want: set("https://kv1.vault.azure.net/keys/etcd/v1", "properties.securityProfile.azureKeyVaultKms.keyId")},
		{name: "disk encryption set", src: restCluster, get: func(e *estate.Estate) any { return cl(e).DiskEncryptionSetID },
			want: set(estate.ResourceID("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des1"), "properties.diskEncryptionSetID")},
		{name: "upgrade channel", src: restCluster, get: func(e *estate.Estate) any { return cl(e).UpgradeChannel },
			want: set("stable", "properties.autoUpgradeProfile.upgradeChannel")},
		{name: "inline pool ID and cluster", src: restCluster, get: func(e *estate.Estate) any { return [2]estate.ResourceID{pool(0)(e).ID, pool(0)(e).Cluster} },
			want: [2]estate.ResourceID{clusterID + "/agentPools/system", clusterID}},
		{name: "pool ssh access", src: restCluster, get: func(e *estate.Estate) any { return pool(0)(e).SSHAccess },
			want: set("Disabled", "properties.agentPoolProfiles[0].securityProfile.sshAccess")},
		{name: "pool subnet", src: restCluster, get: func(e *estate.Estate) any { return pool(0)(e).SubnetID },
			want: set(estate.ResourceID("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes"), "properties.agentPoolProfiles[0].vnetSubnetID")},
		{name: "second pool mode defaults to User", src: restCluster, get: func(e *estate.Estate) any { return pool(1)(e).Mode },
			want: def("User", "properties.agentPoolProfiles[1].mode")},
		{name: "pool max count", src: restCluster, get: func(e *estate.Estate) any { return pool(1)(e).MaxCount },
			want: set(10, "properties.agentPoolProfiles[1].maxCount")},
		{name: "pool public IP", src: restCluster, get: func(e *estate.Estate) any { return pool(1)(e).EnableNodePublicIP },
			want: set(true, "properties.agentPoolProfiles[1].enableNodePublicIP")},
	})
}

func TestAdaptClusterFlattened(t *testing.T) {
	runValueCases(t, []valueCase{
		{name: "enableRbac in CLI casing", src: flatCluster, get: func(e *estate.Estate) any { return cl(e).EnableRBAC },
			want: set(false, "enableRbac")},
		{name: "authorizedIpRanges", src: flatCluster, get: func(e *estate.Estate) any { return cl(e).AuthorizedIPRanges },
			want: set([]string{"0.0.0.0/0"}, "apiServerAccessProfile.authorizedIpRanges")},
		{name: "null is absent: private cluster default", src: flatCluster, get: func(e *estate.Estate) any { return cl(e).PrivateCluster },
			want: def(false, "apiServerAccessProfile.enablePrivateCluster")},
		{name: "null aadProfile: no Entra ID", src: flatCluster, get: func(e *estate.Estate) any { return cl(e).AADManaged },
			want: def(false, "aadProfile.managed")},
		{name: "diskEncryptionSetId null", src: flatCluster, get: func(e *estate.Estate) any { return cl(e).DiskEncryptionSetID },
			want: def(estate.ResourceID(""), "diskEncryptionSetId")},
		{name: "omsagent", src: flatCluster, get: func(e *estate.Estate) any { return cl(e).OMSAgent },
			want: set(false, "addonProfiles.omsagent.enabled")},
		{name: "network policy null is none", src: flatCluster, get: func(e *estate.Estate) any { return cl(e).NetworkPolicy },
			want: def("none", "networkProfile.networkPolicy")},
		{name: "pool enableNodePublicIp", src: flatCluster, get: func(e *estate.Estate) any { return pool(0)(e).EnableNodePublicIP },
			want: set(false, "agentPoolProfiles[0].enableNodePublicIp")},
		{name: "pool os disk", src: flatCluster, get: func(e *estate.Estate) any { return pool(0)(e).OSDiskType },
			want: set("Managed", "agentPoolProfiles[0].osDiskType")},
		{name: "system-assigned", src: flatCluster, get: func(e *estate.Estate) any { return cl(e).IdentityType },
			want: set("SystemAssigned", "identity.type")},
	})
}

func TestAdaptClusterDefaults(t *testing.T) {
	cilium := strings.Replace(bareCluster, `"properties": {`, `"properties": {"networkProfile": {"networkDataplane": "cilium"},`, 1)
	runValueCases(t, []valueCase{
		{name: "enableRBAC", src: bareCluster, get: func(e *estate.Estate) any { return cl(e).EnableRBAC },
			want: def(true, "properties.enableRBAC")},
		{name: "disableLocalAccounts", src: bareCluster, get: func(e *estate.Estate) any { return cl(e).DisableLocalAccounts },
			want: def(false, "properties.disableLocalAccounts")},
		{name: "public network access", src: bareCluster, get: func(e *estate.Estate) any { return cl(e).PublicNetworkAccess },
			want: def("Enabled", "properties.publicNetworkAccess")},
		{name: "outbound type", src: bareCluster, get: func(e *estate.Estate) any { return cl(e).OutboundType },
			want: def("loadBalancer", "properties.networkProfile.outboundType")},
		{name: "network policy", src: bareCluster, get: func(e *estate.Estate) any { return cl(e).NetworkPolicy },
			want: def("none", "properties.networkProfile.networkPolicy")},
		{name: "network policy under cilium dataplane", src: cilium, get: func(e *estate.Estate) any { return cl(e).NetworkPolicy },
			want: def("cilium", "properties.networkProfile.networkPolicy")},
		{name: "network plugin cannot be known", src: bareCluster, get: func(e *estate.Estate) any { return cl(e).NetworkPlugin },
			want: unknown[string]("properties.networkProfile.networkPlugin", "networkProfile.networkPlugin is not set: AKS chooses the default plugin by API and Kubernetes version")},
		{name: "no identity: service principal", src: bareCluster, get: func(e *estate.Estate) any { return cl(e).IdentityType },
			want: def("None", "identity.type")},
		{name: "addons off", src: bareCluster, get: func(e *estate.Estate) any { return cl(e).HTTPApplicationRouting },
			want: def(false, "properties.addonProfiles.httpApplicationRouting.enabled")},
		{name: "upgrade channel", src: bareCluster, get: func(e *estate.Estate) any { return cl(e).UpgradeChannel },
			want: def("none", "properties.autoUpgradeProfile.upgradeChannel")},
		{name: "first pool is the system pool", src: bareCluster, get: func(e *estate.Estate) any { return pool(0)(e).Mode },
			want: def("System", "properties.agentPoolProfiles[0].mode")},
		{name: "pool count", src: bareCluster, get: func(e *estate.Estate) any { return pool(0)(e).Count },
			want: def(1, "properties.agentPoolProfiles[0].count")},
		{name: "os disk type depends on VM size", src: bareCluster, get: func(e *estate.Estate) any { return pool(0)(e).OSDiskType.Origin },
			want: estate.Unknown},
		{name: "ssh access", src: bareCluster, get: func(e *estate.Estate) any { return pool(0)(e).SSHAccess },
			want: def("LocalUser", "properties.agentPoolProfiles[0].securityProfile.sshAccess")},
	})
}

func TestAdaptClusterUnresolved(t *testing.T) {
	runValueCases(t, []valueCase{
		{name: "unknown node keeps its reason", src: restCluster, mutate: plant("properties.disableLocalAccounts", "parameters('lockDown') has no value"),
			get:  func(e *estate.Estate) any { return cl(e).DisableLocalAccounts },
			want: unknown[bool]("properties.disableLocalAccounts", "parameters('lockDown') has no value")},
		{name: "unknown parent object", src: restCluster, mutate: plant("properties.aadProfile", "reference() is evaluated at deployment"),
			get:  func(e *estate.Estate) any { return cl(e).AzureRBAC },
			want: unknown[bool]("properties.aadProfile.enableAzureRBAC", "reference() is evaluated at deployment")},
		{name: "unknown addon profiles", src: restCluster, mutate: plant("properties.addonProfiles", "variables('addons') is not resolved"),
			get:  func(e *estate.Estate) any { return cl(e).OMSAgent },
			want: unknown[bool]("properties.addonProfiles.omsagent.enabled", "variables('addons') is not resolved")},
		{name: "wrong kind", src: strings.Replace(restCluster, `"enableRBAC": true`, `"enableRBAC": "maybe"`, 1),
			get:  func(e *estate.Estate) any { return cl(e).EnableRBAC },
			want: unknown[bool]("properties.enableRBAC", "properties.enableRBAC is a string, not a boolean")},
		{name: "an object where a profile is expected", src: strings.Replace(restCluster, `"podIdentityProfile": {"enabled": false}`, `"podIdentityProfile": true`, 1),
			get:  func(e *estate.Estate) any { return cl(e).PodIdentity },
			want: unknown[bool]("properties.podIdentityProfile.enabled", "properties.podIdentityProfile is a boolean, not an object")},
		{name: "unknown list element", src: restCluster, mutate: func(n *Node) {
			n.Path("properties.apiServerAccessProfile.authorizedIPRanges").Items[0] = UnknownNode(1, "parameters('ip') has no value")
		},
			get:  func(e *estate.Estate) any { return cl(e).AuthorizedIPRanges },
			want: unknown[[]string]("properties.apiServerAccessProfile.authorizedIPRanges", "parameters('ip') has no value")},
	})
}

func TestAdaptAgentPoolChild(t *testing.T) {
	rest := `{"id": "` + clusterID + `/agentPools/np2", "name": "np2", "type": "Microsoft.ContainerService/managedClusters/agentPools",
	  "properties": {"count": 5, "enableNodePublicIP": true}}`
	flat := `{"id": "` + clusterID + `/agentPools/np2", "name": "np2", "type": "microsoft.containerservice/managedclusters/agentpools",
	  "enableNodePublicIp": true, "vnetSubnetId": "/x/subnets/s"}`
	np := func(e *estate.Estate) *estate.NodePool { return e.NodePools[0] }
	runValueCases(t, []valueCase{
		{name: "cluster is the parent", src: rest, get: func(e *estate.Estate) any { return np(e).Cluster }, want: estate.ResourceID(clusterID)},
		{name: "mode defaults to User", src: rest, get: func(e *estate.Estate) any { return np(e).Mode }, want: def("User", "properties.mode")},
		{name: "REST public IP", src: rest, get: func(e *estate.Estate) any { return np(e).EnableNodePublicIP }, want: set(true, "properties.enableNodePublicIP")},
		{name: "flattened public IP", src: flat, get: func(e *estate.Estate) any { return np(e).EnableNodePublicIP }, want: set(true, "enableNodePublicIp")},
		{name: "flattened subnet", src: flat, get: func(e *estate.Estate) any { return np(e).SubnetID }, want: set(estate.ResourceID("/x/subnets/s"), "vnetSubnetId")},
	})
}

func TestAdaptClusterUnknownPropertiesWarnsAboutPools(t *testing.T) {
	res := adaptResult(t, restCluster, plant("properties", "the resource's properties come from a module output"))
	c := res.Estate.Clusters[0]
	want := unknown[bool]("properties.enableRBAC", "the resource's properties come from a module output")
	if diff := cmpDiff(want, c.EnableRBAC); diff != "" {
		t.Errorf("EnableRBAC (-want +got):\n%s", diff)
	}
	if len(c.NodePools) != 0 || len(res.Diagnostics) != 1 || res.Diagnostics[0].Severity != sourceWarning ||
		!strings.Contains(res.Diagnostics[0].Message, "properties.agentPoolProfiles") {
		t.Errorf("want one warning that the node pools are not audited, got pools %d, diagnostics %v", len(c.NodePools), res.Diagnostics)
	}
}
