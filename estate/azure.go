package estate

// Cluster is an AKS managed cluster (Microsoft.ContainerService/managedClusters,
// azurerm_kubernetes_cluster).
type Cluster struct {
	Meta
	Location          string
	KubernetesVersion Value[string]

	// Identity and access.
	EnableRBAC           Value[bool]     // enableRBAC
	AADManaged           Value[bool]     // aadProfile.managed (Entra ID integration)
	AzureRBAC            Value[bool]     // aadProfile.enableAzureRBAC
	AdminGroupObjectIDs  Value[[]string] // aadProfile.adminGroupObjectIDs
	DisableLocalAccounts Value[bool]     // disableLocalAccounts
	// IdentityType is "SystemAssigned", "UserAssigned" or "None" (service principal).
	IdentityType Value[string]
	// UserAssignedIdentities are the control-plane user-assigned identity resource IDs.
	UserAssignedIdentities Value[[]ResourceID]
	// ServicePrincipalClientID is servicePrincipalProfile.clientId; "msi" means a
	// managed identity is used.
	ServicePrincipalClientID Value[string]
	// KubeletIdentity is identityProfile.kubeletidentity.
	KubeletIdentityResourceID Value[ResourceID]
	KubeletIdentityClientID   Value[string]
	KubeletIdentityObjectID   Value[string]

	// API server.
	PrivateCluster      Value[bool]     // apiServerAccessProfile.enablePrivateCluster
	AuthorizedIPRanges  Value[[]string] // apiServerAccessProfile.authorizedIPRanges
	PublicNetworkAccess Value[string]   // publicNetworkAccess: "Enabled" / "Disabled"

	// Network profile.
	NetworkPlugin     Value[string] // "azure", "kubenet", "none"
	NetworkPluginMode Value[string] // "overlay" or ""
	NetworkPolicy     Value[string] // "azure", "calico", "cilium", "none" or ""
	NetworkDataplane  Value[string] // "azure", "cilium"
	OutboundType      Value[string] // "loadBalancer", "userDefinedRouting", "managedNATGateway", ...

	// Add-ons (addonProfiles.<name>.enabled, matched case-insensitively).
	HTTPApplicationRouting  Value[bool]
	OMSAgent                Value[bool]
	AzurePolicy             Value[bool]
	KeyVaultSecretsProvider Value[bool]
	SecretRotation          Value[bool] // addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation
	// AzureMonitorMetrics is azureMonitorProfile.metrics.enabled (managed Prometheus).
	AzureMonitorMetrics Value[bool]

	// Security profile.
	DefenderEnabled  Value[bool]   // securityProfile.defender.securityMonitoring.enabled
	WorkloadIdentity Value[bool]   // securityProfile.workloadIdentity.enabled
	PodIdentity      Value[bool]   // podIdentityProfile.enabled (deprecated pod-managed identity)
	KMSEnabled       Value[bool]   // securityProfile.azureKeyVaultKms.enabled
	KMSKeyID         Value[string] // securityProfile.azureKeyVaultKms.keyId

	DiskEncryptionSetID Value[ResourceID] // diskEncryptionSetID
	UpgradeChannel      Value[string]     // autoUpgradeProfile.upgradeChannel: "none", "patch", "stable", "rapid", "node-image"

	// NodePools holds the pools declared inline (agentPoolProfiles,
	// default_node_pool); Link appends the separately declared ones.
	NodePools []*NodePool
}

// NodePool is an agent pool: inline in a cluster, a managedClusters/agentPools
// child, or an azurerm_kubernetes_cluster_node_pool.
type NodePool struct {
	Meta
	// Cluster is the owning cluster's ID (set for separately declared pools).
	Cluster ResourceID
	Mode    Value[string] // "System" / "User"
	Count   Value[int]
	// MaxCount is the autoscaler's maximum; zero-valued when autoscaling is off.
	MaxCount           Value[int]
	AutoScaling        Value[bool]
	SubnetID           Value[ResourceID] // vnetSubnetID; absent means an AKS-managed VNet
	EnableNodePublicIP Value[bool]
	EncryptionAtHost   Value[bool]
	OSDiskType         Value[string] // "Managed" / "Ephemeral"
	SSHAccess          Value[string] // securityProfile.sshAccess: "LocalUser", "Disabled", "EntraId"

	// Subnet is the linked subnet, nil when the inputs do not hold it.
	Subnet *Subnet `json:"-"`
}

// Registry is an Azure Container Registry.
type Registry struct {
	Meta
	LoginServer          Value[string]
	SKU                  Value[string]
	AdminUserEnabled     Value[bool]
	AnonymousPullEnabled Value[bool]
	PublicNetworkAccess  Value[string] // "Enabled" / "Disabled"
	NetworkDefaultAction Value[string] // networkRuleSet.defaultAction: "Allow" / "Deny"
}

// VirtualNetwork is a virtual network; its subnets are in Estate.Subnets.
type VirtualNetwork struct {
	Meta
	AddressSpace Value[[]string]
}

// Subnet is a subnet of a virtual network.
type Subnet struct {
	Meta
	VNet            ResourceID
	AddressPrefixes Value[[]string]
	// NSGID and RouteTableID are the associations the subnet itself declares.
	// Separate association resources (Terraform) are in Estate.SubnetAssociations.
	NSGID        Value[ResourceID]
	RouteTableID Value[ResourceID]

	// Linked by Link; nil when not associated or not in the inputs.
	NSG        *NSG        `json:"-"`
	RouteTable *RouteTable `json:"-"`
}

// SubnetAssociation joins a subnet to an NSG or a route table when the input
// declares the association as its own resource.
type SubnetAssociation struct {
	Meta
	Kind   AssociationKind
	Subnet Value[ResourceID]
	Target Value[ResourceID] // the NSG or route table
}

// AssociationKind says what a SubnetAssociation attaches.
type AssociationKind string

// Association kinds.
const (
	AssociatesNSG        AssociationKind = "nsg"
	AssociatesRouteTable AssociationKind = "routeTable"
)

// NSG is a network security group. Rules holds its inline rules; Link appends
// separately declared rules and Azure's default rules (Default: true).
type NSG struct {
	Meta
	Rules []*SecurityRule
}

// SecurityRule is one NSG rule.
type SecurityRule struct {
	Meta
	NSG       ResourceID // the owning NSG (set for separately declared rules)
	Priority  Value[int]
	Direction Value[string] // "Inbound" / "Outbound"
	Access    Value[string] // "Allow" / "Deny"
	Protocol  Value[string] // "Tcp", "Udp", "Icmp", "*", ...
	// SourcePrefixes merges sourceAddressPrefix and sourceAddressPrefixes
	// (service tags such as "Internet" and "VirtualNetwork" included).
	SourcePrefixes Value[[]string]
	// DestinationPorts merges destinationPortRange and destinationPortRanges:
	// "22", "20-25", "*".
	DestinationPorts Value[[]string]
	// Default marks Azure's built-in rules (AllowVnetInBound, ...), which apply
	// under every NSG.
	Default bool
}

// RouteTable is a route table; Link appends separately declared routes.
type RouteTable struct {
	Meta
	Routes []*Route
}

// Route is one route of a route table.
type Route struct {
	Meta
	RouteTable    ResourceID
	AddressPrefix Value[string]
	NextHopType   Value[string] // "VirtualAppliance", "Internet", ...
	NextHopIP     Value[string]
}

// Firewall is an Azure Firewall.
type Firewall struct {
	Meta
	// PrivateIPs are the firewall's private IPs (ipConfigurations[].privateIPAddress,
	// hubIPAddresses.privateIPAddress).
	PrivateIPs Value[[]string]
	// PendingIPs stand for private IPs that Azure assigns at deployment: the
	// symbols that references to them evaluate to in IaC (a Terraform
	// azurerm_firewall's ip_configuration[0].private_ip_address). A route
	// naming one of them reaches this firewall; they are not addresses, so
	// they are not in PrivateIPs, whose being empty says the real IP is not
	// known.
	PendingIPs []string
	PolicyID   Value[ResourceID]
}

// KeyVault is an Azure Key Vault.
type KeyVault struct {
	Meta
	PurgeProtection     Value[bool]
	SoftDelete          Value[bool]
	PublicNetworkAccess Value[string]
	RBACAuthorization   Value[bool]
}

// KeyVaultKey is a key in a vault.
type KeyVaultKey struct {
	Meta
	Vault ResourceID
	// KeyURI is the key's URI (with or without version) as KMS and disk
	// encryption sets refer to it.
	KeyURI Value[string]
}

// DiskEncryptionSet is a disk encryption set (customer-managed keys for disks).
type DiskEncryptionSet struct {
	Meta
	KeyURL         Value[string]
	EncryptionType Value[string]
}

// Workspace is a Log Analytics workspace.
type Workspace struct {
	Meta
	RetentionDays Value[int]
}

// DiagnosticSetting sends a resource's logs somewhere.
type DiagnosticSetting struct {
	Meta
	// Target is the resource whose logs are sent (the setting's scope).
	Target      Value[ResourceID]
	WorkspaceID Value[ResourceID]
	StorageID   Value[ResourceID]
	EventHubID  Value[string]
	// Logs are the categories and category groups the setting names.
	Logs Value[[]LogCategory]
}

// LogCategory is one entry of a diagnostic setting's logs.
type LogCategory struct {
	Category      string `json:"category,omitempty"`
	CategoryGroup string `json:"categoryGroup,omitempty"`
	Enabled       Value[bool]
}

// RoleAssignment grants a role to a principal at a scope.
type RoleAssignment struct {
	Meta
	Scope Value[ResourceID]
	// RoleDefinitionID is the full ID or the bare GUID of the role definition.
	RoleDefinitionID Value[string]
	// RoleName is set when the input names the role (Terraform role_definition_name).
	RoleName      Value[string]
	PrincipalID   Value[string]
	PrincipalType Value[string] // "User", "Group", "ServicePrincipal", ...
}

// RoleDefinition is a custom (or exported built-in) role definition.
type RoleDefinition struct {
	Meta
	RoleName         Value[string]
	Actions          Value[[]string]
	NotActions       Value[[]string]
	DataActions      Value[[]string]
	AssignableScopes Value[[]ResourceID]
}

// Lock is a management lock (Microsoft.Authorization/locks).
type Lock struct {
	Meta
	Scope Value[ResourceID]
	Level Value[string] // "CanNotDelete" / "ReadOnly"
}

// DefenderPlan is a Microsoft Defender for Cloud pricing
// (Microsoft.Security/pricings) at subscription or resource scope.
type DefenderPlan struct {
	Meta
	// Scope is the subscription ("/subscriptions/x") or resource the plan covers.
	Scope Value[ResourceID]
	Plan  Value[string] // "Containers", "KubernetesService", "ContainerRegistry", ...
	Tier  Value[string] // "Standard" / "Free"
}

// AppGateway is an Application Gateway; only its TLS policy matters here.
type AppGateway struct {
	Meta
	SSLPolicyType      Value[string] // "Predefined", "Custom", "CustomV2"
	SSLPolicyName      Value[string] // e.g. "AppGwSslPolicy20220101"
	MinProtocolVersion Value[string] // e.g. "TLSv1_2"
}

// StorageAccount is a storage account; only its minimum TLS version matters here.
type StorageAccount struct {
	Meta
	MinimumTLSVersion Value[string] // "TLS1_0", "TLS1_2", ...
}
