package azureapi

import "strings"

// Resource types read from the resources table. Locks live there too.
const (
	typeCluster   = "microsoft.containerservice/managedclusters"
	typeRegistry  = "microsoft.containerregistry/registries"
	typeWorkspace = "microsoft.operationalinsights/workspaces"
	typeLock      = "microsoft.authorization/locks"
	typeSub       = "microsoft.resources/subscriptions"
	typeGroup     = "microsoft.resources/subscriptions/resourcegroups"
)

// inventoryTypes are the types of the resources table a scan reads.
var inventoryTypes = []string{
	typeCluster,
	typeRegistry,
	"microsoft.network/virtualnetworks",
	"microsoft.network/networksecuritygroups",
	"microsoft.network/routetables",
	"microsoft.network/azurefirewalls",
	"microsoft.network/applicationgateways",
	"microsoft.keyvault/vaults",
	"microsoft.compute/diskencryptionsets",
	"microsoft.storage/storageaccounts",
	typeWorkspace,
	typeLock,
}

// subjectTypes are the types rules audit in their own right; --resource-group
// narrows them. The others (networks, NSGs, route tables, firewalls, disk
// encryption sets, locks) are read from the whole subscription: they are
// joined to the subjects, and an AKS cluster's node subnet, route table and
// firewall often live in another resource group.
var subjectTypes = []string{
	typeCluster,
	typeRegistry,
	"microsoft.network/applicationgateways",
	"microsoft.keyvault/vaults",
	"microsoft.storage/storageaccounts",
	typeWorkspace,
}

// settingsTypes are the types whose diagnostic settings are read through
// ARM: Resource Graph does not hold diagnostic settings.
var settingsTypes = map[string]bool{typeCluster: true, typeRegistry: true, typeWorkspace: true}

// Every query ends ordered by id, so that the pages of a skip-token walk
// follow one stable order.
const orderByID = "| order by id asc"

// subscriptionsQuery lists the subscriptions in scope and, when the scan is
// narrowed to resource groups, those resource groups (to say which do not
// exist).
func subscriptionsQuery(groups []string) string {
	lines := []string{"resourcecontainers"}
	if len(groups) == 0 {
		lines = append(lines, "| where type =~ "+kqlString(typeSub))
	} else {
		lines = append(lines,
			"| where type in~ "+kqlList([]string{typeSub, typeGroup}),
			"| where type =~ "+kqlString(typeSub)+" or name in~ "+kqlList(groups))
	}
	lines = append(lines, "| project id, name, type, subscriptionId, resourceGroup, properties", orderByID)
	return strings.Join(lines, "\n")
}

// resourcesQuery reads every inventory type in one query, narrowed by
// resource group and cluster name when asked.
func resourcesQuery(groups, clusters []string) string {
	lines := []string{"resources", "| where type in~ " + kqlList(inventoryTypes)}
	if len(groups) > 0 {
		lines = append(lines, "| where type !in~ "+kqlList(subjectTypes)+" or resourceGroup in~ "+kqlList(groups))
	}
	if len(clusters) > 0 {
		lines = append(lines, "| where type !~ "+kqlString(typeCluster)+" or name in~ "+kqlList(clusters))
	}
	lines = append(lines, orderByID)
	return strings.Join(lines, "\n")
}

// authorizationQuery reads role assignments and role definitions. The
// request asks for those at, above and below the subscriptions, so that
// assignments on management groups, which cover the clusters too, come
// with them.
func authorizationQuery() string {
	return strings.Join([]string{
		"authorizationresources",
		"| where type in~ " + kqlList([]string{"microsoft.authorization/roleassignments", "microsoft.authorization/roledefinitions"}),
		orderByID,
	}, "\n")
}

// securityQuery reads the Defender for Cloud pricings (plans).
func securityQuery() string {
	return strings.Join([]string{
		"securityresources",
		"| where type =~ " + kqlString("microsoft.security/pricings"),
		orderByID,
	}, "\n")
}

// Permissions are the actions a scan needs, all reads: the Resource Graph
// query, the subscriptions and resource groups in scope, each inventoried
// type (Resource Graph returns only what the identity may read), and the
// diagnostic settings read through ARM. docs/azure-reader-role.json grants
// exactly these.
var Permissions = []string{
	"Microsoft.ResourceGraph/resources/read",
	"Microsoft.Resources/subscriptions/read",
	"Microsoft.Resources/subscriptions/resourceGroups/read",
	"Microsoft.ContainerService/managedClusters/read",
	"Microsoft.ContainerRegistry/registries/read",
	"Microsoft.Network/virtualNetworks/read",
	"Microsoft.Network/networkSecurityGroups/read",
	"Microsoft.Network/routeTables/read",
	"Microsoft.Network/azureFirewalls/read",
	"Microsoft.Network/applicationGateways/read",
	"Microsoft.KeyVault/vaults/read",
	"Microsoft.Compute/diskEncryptionSets/read",
	"Microsoft.Storage/storageAccounts/read",
	"Microsoft.OperationalInsights/workspaces/read",
	"Microsoft.Authorization/locks/read",
	"Microsoft.Authorization/roleAssignments/read",
	"Microsoft.Authorization/roleDefinitions/read",
	"Microsoft.Security/pricings/read",
	settingsPermission,
}
