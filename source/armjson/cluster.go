package armjson

import (
	"strings"

	"github.com/aksguard/aksguard/estate"
)

// cluster adapts Microsoft.ContainerService/managedClusters. Defaults are the
// ones the AKS REST API reference documents for an absent property.
func (a *adapter) cluster(r *res) {
	p := r.props
	c := &estate.Cluster{Meta: r.meta(), Location: location(r.root)}

	version := p.str("kubernetesVersion")
	if version.present && version.reason == "" && version.v == "" {
		// A create request may leave the version empty; the response then
		// says what AKS chose.
		if cur := p.str("currentKubernetesVersion"); cur.present {
			version = cur
		}
	}
	c.KubernetesVersion = firstPresent(version, p.str("currentKubernetesVersion")).
		OrUnknown("kubernetesVersion is not set: AKS picks its default version at creation")

	c.EnableRBAC = p.boolean("enableRBAC").Or(true)
	// No aadProfile means no Entra ID integration.
	c.AADManaged = p.boolean("aadProfile.managed").Or(false)
	c.AzureRBAC = p.boolean("aadProfile.enableAzureRBAC").Or(false)
	c.AdminGroupObjectIDs = p.strs("aadProfile.adminGroupObjectIDs").Or(nil)
	c.DisableLocalAccounts = p.boolean("disableLocalAccounts").Or(false)

	// identity sits beside properties, not inside it. Without it the cluster
	// runs as the service principal of servicePrincipalProfile.
	c.IdentityType = r.root.str("identity.type").Or("None")
	c.UserAssignedIdentities = conv(r.root.keys("identity.userAssignedIdentities"), toIDs).Or(nil)
	spDefault := ""
	if t := c.IdentityType; t.Known() && !strings.EqualFold(t.V, "None") {
		spDefault = "msi" // AKS reports clientId "msi" for managed-identity clusters
	}
	c.ServicePrincipalClientID = p.str("servicePrincipalProfile.clientId").Or(spDefault)
	c.KubeletIdentityResourceID = p.id("identityProfile.kubeletidentity.resourceId").Or("")
	c.KubeletIdentityClientID = p.str("identityProfile.kubeletidentity.clientId").Or("")
	c.KubeletIdentityObjectID = p.str("identityProfile.kubeletidentity.objectId").Or("")

	c.PrivateCluster = p.boolean("apiServerAccessProfile.enablePrivateCluster").Or(false)
	c.AuthorizedIPRanges = p.strs("apiServerAccessProfile.authorizedIPRanges").Or(nil)
	c.PublicNetworkAccess = p.str("publicNetworkAccess").Or("Enabled")

	c.NetworkPlugin = p.str("networkProfile.networkPlugin").
		OrUnknown("networkProfile.networkPlugin is not set: AKS chooses the default plugin by API and Kubernetes version")
	c.NetworkPluginMode = p.str("networkProfile.networkPluginMode").Or("")
	c.NetworkDataplane = p.str("networkProfile.networkDataplane").Or("azure")
	policyDefault := "none" // the API's default: network policies are not enforced
	if estate.Is(c.NetworkDataplane, "cilium") {
		// Azure CNI powered by Cilium enforces network policy with Cilium.
		policyDefault = "cilium"
	}
	c.NetworkPolicy = p.str("networkProfile.networkPolicy").Or(policyDefault)
	c.OutboundType = p.str("networkProfile.outboundType").Or("loadBalancer")

	// Add-ons are off unless their profile says enabled.
	addon := func(name string) estate.Value[bool] { return p.boolean("addonProfiles." + name + ".enabled").Or(false) }
	c.HTTPApplicationRouting = addon("httpApplicationRouting")
	c.OMSAgent = addon("omsagent")
	c.AzurePolicy = addon("azurepolicy")
	c.KeyVaultSecretsProvider = addon("azureKeyvaultSecretsProvider")
	// The add-on's config values are strings ("true"/"false").
	c.SecretRotation = p.boolean("addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation").Or(false)
	c.AzureMonitorMetrics = p.boolean("azureMonitorProfile.metrics.enabled").Or(false)

	c.DefenderEnabled = p.boolean("securityProfile.defender.securityMonitoring.enabled").Or(false)
	c.WorkloadIdentity = p.boolean("securityProfile.workloadIdentity.enabled").Or(false)
	c.PodIdentity = p.boolean("podIdentityProfile.enabled").Or(false)
	c.KMSEnabled = p.boolean("securityProfile.azureKeyVaultKms.enabled").Or(false)
	c.KMSKeyID = p.str("securityProfile.azureKeyVaultKms.keyId").Or("")

	c.DiskEncryptionSetID = p.id("diskEncryptionSetID").Or("")
	c.UpgradeChannel = p.str("autoUpgradeProfile.upgradeChannel").Or("none")

	pools, at, why := p.items("agentPoolProfiles")
	if why != "" {
		a.warnUnusable(r, at, why)
	}
	for i, e := range pools {
		np, ok := a.nodePool(r, e, i, "System")
		if !ok {
			continue
		}
		np.Cluster = r.id
		c.NodePools = append(c.NodePools, np)
	}
	a.out.Clusters = append(a.out.Clusters, c)
}

// agentPool adapts a managedClusters/agentPools child resource.
func (a *adapter) agentPool(r *res) {
	np := a.pool(r, r.props, r.meta(), "User")
	np.Cluster = parentID(r.id)
	a.out.NodePools = append(a.out.NodePools, np)
}

// nodePool adapts the i-th entry of agentPoolProfiles. AKS makes the first
// pool of a new cluster its system pool.
func (a *adapter) nodePool(r *res, e obj, i int, firstMode string) (*estate.NodePool, bool) {
	if !e.present() || e.n.Kind != Object {
		if e.present() && e.n.Kind == Unknown {
			a.warnUnusable(r, e, unknownReason(e.n))
		} else {
			a.errorf(r.Resource, e.loc().Line, "%s: %s is not an object", r.id, e.path)
		}
		return nil, false
	}
	id, name := childID(e, r.id, "agentPools", i)
	mode := "User"
	if i == 0 {
		mode = firstMode
	}
	p, _ := e.props()
	return a.pool(r, p, r.childMeta(id, name, e), mode), true
}

// pool reads the settings that inline profiles and agentPools children share.
func (a *adapter) pool(r *res, p obj, m estate.Meta, mode string) *estate.NodePool {
	return &estate.NodePool{
		Meta:               m,
		Mode:               p.str("mode").Or(mode),
		Count:              p.integer("count").Or(1),
		AutoScaling:        p.boolean("enableAutoScaling").Or(false),
		MaxCount:           p.integer("maxCount").Or(0),
		SubnetID:           p.id("vnetSubnetID").Or(""), // absent: an AKS-managed VNet
		EnableNodePublicIP: p.boolean("enableNodePublicIP").Or(false),
		EncryptionAtHost:   p.boolean("enableEncryptionAtHost").Or(false),
		OSDiskType: p.str("osDiskType").OrUnknown("osDiskType is not set: AKS uses Ephemeral when the VM size " +
			"has a cache disk large enough for the OS disk, else Managed"),
		SSHAccess: p.str("securityProfile.sshAccess").Or("LocalUser"),
	}
}

// registry adapts Microsoft.ContainerRegistry/registries.
func (a *adapter) registry(r *res) {
	p := r.props
	a.out.Registries = append(a.out.Registries, &estate.Registry{
		Meta: r.meta(),
		// The login server is the lower-cased name under azurecr.io in the
		// public cloud.
		LoginServer:          p.str("loginServer").Or(strings.ToLower(r.name) + ".azurecr.io"),
		SKU:                  r.root.str("sku.name").OrUnknown("sku.name is not set"),
		AdminUserEnabled:     p.boolean("adminUserEnabled").Or(false),
		AnonymousPullEnabled: p.boolean("anonymousPullEnabled").Or(false),
		PublicNetworkAccess:  p.str("publicNetworkAccess").Or("Enabled"),
		NetworkDefaultAction: p.str("networkRuleSet.defaultAction").Or("Allow"),
	})
}

// location is the resource's region, "" when not a plain string.
func location(o obj) string {
	if f := o.str("location"); f.present && f.reason == "" {
		return f.v
	}
	return ""
}

func toIDs(ss []string) []estate.ResourceID {
	if ss == nil {
		return nil
	}
	out := make([]estate.ResourceID, len(ss))
	for i, s := range ss {
		out[i] = estate.ResourceID(s)
	}
	return out
}
