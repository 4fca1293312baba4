package azurerm

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// PlaceholderSubscription stands for the subscription a configuration is
// deployed to, which a configuration does not say. Every synthetic ARM ID
// uses it, so IDs built from the same names join, and subscription scopes
// (Defender pricings, role assignments at "/subscriptions/<this>") cover
// the resources of the configuration.
const PlaceholderSubscription = "00000000-0000-0000-0000-000000000000"

// ResourceGroupID is the synthetic ID of a resource group of the
// configuration, in PlaceholderSubscription.
func ResourceGroupID(name string) string {
	return "/subscriptions/" + PlaceholderSubscription + "/resourceGroups/" + name
}

// armTypes maps the azurerm resource types whose ID is
// /subscriptions/<s>/resourceGroups/<resource_group_name>/providers/<type>/<name>.
var armTypes = map[string]string{
	"azurerm_kubernetes_cluster":       "Microsoft.ContainerService/managedClusters",
	"azurerm_container_registry":       "Microsoft.ContainerRegistry/registries",
	"azurerm_virtual_network":          "Microsoft.Network/virtualNetworks",
	"azurerm_network_security_group":   "Microsoft.Network/networkSecurityGroups",
	"azurerm_route_table":              "Microsoft.Network/routeTables",
	"azurerm_firewall":                 "Microsoft.Network/azureFirewalls",
	"azurerm_firewall_policy":          "Microsoft.Network/firewallPolicies",
	"azurerm_public_ip":                "Microsoft.Network/publicIPAddresses",
	"azurerm_nat_gateway":              "Microsoft.Network/natGateways",
	"azurerm_application_gateway":      "Microsoft.Network/applicationGateways",
	"azurerm_private_endpoint":         "Microsoft.Network/privateEndpoints",
	"azurerm_key_vault":                "Microsoft.KeyVault/vaults",
	"azurerm_disk_encryption_set":      "Microsoft.Compute/diskEncryptionSets",
	"azurerm_log_analytics_workspace":  "Microsoft.OperationalInsights/workspaces",
	"azurerm_storage_account":          "Microsoft.Storage/storageAccounts",
	"azurerm_user_assigned_identity":   "Microsoft.ManagedIdentity/userAssignedIdentities",
	"azurerm_eventhub_namespace":       "Microsoft.EventHub/namespaces",
	"azurerm_monitor_workspace":        "Microsoft.Monitor/accounts",
	"azurerm_private_dns_zone":         "Microsoft.Network/privateDnsZones",
	"azurerm_kubernetes_fleet_manager": "Microsoft.ContainerService/fleets",
}

// childTypes maps the azurerm types that are children of a resource named by
// an attribute of theirs: parent attribute, parent ARM type, child segment.
var childTypes = map[string]struct{ parentName, parentType, segment string }{
	"azurerm_subnet":                {"virtual_network_name", "Microsoft.Network/virtualNetworks", "subnets"},
	"azurerm_network_security_rule": {"network_security_group_name", "Microsoft.Network/networkSecurityGroups", "securityRules"},
	"azurerm_route":                 {"route_table_name", "Microsoft.Network/routeTables", "routes"},
}

// ScopedAddress is a resource address qualified by the configuration it
// belongs to (its root module directory or plan file): "envs/prod:azurerm_firewall.hub".
// The readers and the adapter build SyntheticID's address fallback and
// SymbolicRef from it, so that two configurations of one scan (envs/dev
// and envs/prod, written from the same code) never join through them: their
// clusters' own kubelet identities are not "shared", and a route of one
// does not reach the other's firewall. The configuration "." (or none) is
// left out: a single root scanned where it is needs no qualifier.
func ScopedAddress(config, address string) string {
	if config == "" || config == "." {
		return address
	}
	return config + ":" + address
}

// SyntheticID returns the ID a resource instance stands for before it is
// deployed: the "id" in values when it is known (plan JSON of an existing
// resource), else an ARM ID in PlaceholderSubscription built from the names
// the configuration gives (name, resource_group_name, the parent's name or
// ID), else the address, which callers pass scoped (ScopedAddress). The
// Terraform readers give references to "<address>.id" this value, and the adapter uses it as the resource's
// Meta.ID, so target_resource_id, subnet_id, scope and the like join.
//
// Kubernetes provider resources get the provider's own ID ("name" for
// cluster-scoped objects, "namespace/name" otherwise); their Meta.ID is
// estate.KubeID instead, so that they merge with the same object read
// from a manifest.
func SyntheticID(typ, address string, values cty.Value) string {
	if id, ok := knownStr(values, "id"); ok && id != "" {
		return id
	}
	if id := syntheticID(typ, values); id != "" {
		return id
	}
	return address
}

func syntheticID(typ string, v cty.Value) string {
	name, okName := knownStr(v, "name")
	rg, okRG := knownStr(v, "resource_group_name")
	rgID := func() string { return ResourceGroupID(rg) }
	if t, ok := armTypes[typ]; ok {
		if okName && okRG && name != "" && rg != "" {
			return rgID() + "/providers/" + t + "/" + name
		}
		return ""
	}
	if c, ok := childTypes[typ]; ok {
		parent, okParent := knownStr(v, c.parentName)
		if okName && okRG && okParent && name != "" && rg != "" && parent != "" {
			return rgID() + "/providers/" + c.parentType + "/" + parent + "/" + c.segment + "/" + name
		}
		return ""
	}
	// Extension and child resources named under another resource's ID.
	under := func(parentAttr, segment string) string {
		parent, ok := knownStr(v, parentAttr)
		if !ok || parent == "" || !okName || name == "" {
			return ""
		}
		return strings.TrimSuffix(parent, "/") + segment + name
	}
	switch typ {
	case "azurerm_resource_group":
		if okName && name != "" {
			return ResourceGroupID(name)
		}
	case "azurerm_kubernetes_cluster_node_pool":
		return under("kubernetes_cluster_id", "/agentPools/")
	case "azurerm_key_vault_key":
		return under("key_vault_id", "/keys/")
	case "azurerm_key_vault_secret":
		return under("key_vault_id", "/secrets/")
	case "azurerm_monitor_diagnostic_setting":
		return under("target_resource_id", "/providers/Microsoft.Insights/diagnosticSettings/")
	case "azurerm_management_lock":
		return under("scope", "/providers/Microsoft.Authorization/locks/")
	case "azurerm_role_assignment":
		// name is the assignment's GUID; usually left for Azure to choose.
		return under("scope", "/providers/Microsoft.Authorization/roleAssignments/")
	case "azurerm_role_definition":
		scope, okScope := knownStr(v, "scope")
		guid, okGUID := knownStr(v, "role_definition_id")
		if okScope && okGUID && guid != "" {
			return strings.TrimSuffix(scope, "/") + "/providers/Microsoft.Authorization/roleDefinitions/" + guid
		}
	case "azurerm_security_center_subscription_pricing":
		rt := defaultPricingResourceType
		if hasAttr(v, "resource_type") {
			var ok bool
			if rt, ok = knownStr(v, "resource_type"); !ok {
				return ""
			}
		}
		return "/subscriptions/" + PlaceholderSubscription + "/providers/Microsoft.Security/pricings/" + rt
	}
	if strings.HasPrefix(typ, "kubernetes_") {
		return kubeProviderID(v)
	}
	return ""
}

// defaultPricingResourceType is the provider's default for
// azurerm_security_center_subscription_pricing.resource_type.
const defaultPricingResourceType = "VirtualMachines"

// kubeProviderID is the kubernetes provider's ID: "namespace/name", or
// "name" for cluster-scoped objects (namespaces, and objects that leave the
// namespace out, which the provider puts in "default").
func kubeProviderID(v cty.Value) string {
	md := firstBlock(v, "metadata")
	name, ok := knownStr(md, "name")
	if !ok || name == "" {
		return ""
	}
	if !hasAttr(md, "namespace") {
		return name
	}
	ns, ok := knownStr(md, "namespace")
	if !ok {
		return ""
	}
	return ns + "/" + name
}

// SyntheticAttr returns the value the Terraform readers give to a computed
// attribute other than "id" whose value follows from the configuration, and
// whether there is one:
//   - azurerm_role_definition.role_definition_resource_id: the definition's
//     SyntheticID, so role assignments that name it join;
//   - azurerm_container_registry.login_server: "<name>.azurecr.io" in lower
//     case (the public cloud), so images from the registry are recognised;
//   - the firewall private IPs named by SymbolicRef;
//   - the SymbolicRef of a cluster's kubelet identity (object_id, client_id)
//     and control-plane identity (principal_id, tenant_id), and of a
//     user-assigned identity's principal_id, client_id and tenant_id, which
//     role assignments name; the adapter records the same symbols on the
//     cluster or identity when the configuration leaves them out;
//   - a Key Vault key's versionless_id, resource_id and
//     resource_versionless_id: its SyntheticID, like its id.
func SyntheticAttr(typ, address string, values cty.Value, attr string) (string, bool) {
	switch {
	case typ == "azurerm_role_definition" && attr == "role_definition_resource_id":
		return SyntheticID(typ, address, values), true
	case typ == "azurerm_container_registry" && attr == "login_server":
		if name, ok := knownStr(values, "name"); ok && name != "" {
			return strings.ToLower(name) + ".azurecr.io", true
		}
	case typ == "azurerm_firewall":
		if p := normalizeIndexes(attr); firewallIPPath.MatchString(p) {
			return SymbolicRef(address, p), true
		}
	case typ == "azurerm_kubernetes_cluster":
		// Role assignments name the cluster's identities by these.
		switch p := normalizeIndexes(attr); p {
		case "kubelet_identity[0].object_id", "kubelet_identity[0].client_id",
			"identity[0].principal_id", "identity[0].tenant_id":
			return SymbolicRef(address, p), true
		}
	case typ == "azurerm_user_assigned_identity":
		switch attr {
		case "principal_id", "client_id", "tenant_id":
			return SymbolicRef(address, attr), true
		}
	case typ == "azurerm_key_vault_key":
		// KMS and disk encryption sets name the key by these; the key's
		// SyntheticID is what the adapter matches them against.
		switch attr {
		case "versionless_id", "resource_id", "resource_versionless_id":
			return SyntheticID(typ, address, values), true
		}
	}
	return "", false
}

// firewallIPPath matches the attributes that hold a firewall's private IP.
var firewallIPPath = regexp.MustCompile(`^(ip_configuration\[\d+\]|virtual_hub\[0\])\.private_ip_address$`)

// SymbolicRef is the stand-in value of an attribute that Azure assigns at
// deployment but that other resources refer to, such as a firewall's
// private IP: "tfref:azurerm_firewall.hub.ip_configuration[0].private_ip_address".
// A route whose next hop is that reference and the firewall then name the
// same address, so the egress rule can follow the route to the firewall.
// path uses [i] for list indexes; "ip_configuration.0.x" is accepted too.
// Callers pass the address scoped (ScopedAddress).
func SymbolicRef(address, path string) string {
	return fmt.Sprintf("tfref:%s.%s", address, normalizeIndexes(path))
}

// IsSymbolicRef reports whether s is a SymbolicRef value.
func IsSymbolicRef(s string) bool { return strings.HasPrefix(s, "tfref:") }

var dotIndex = regexp.MustCompile(`\.(\d+)(\.|$)`)

// normalizeIndexes turns "a.0.b" into "a[0].b".
func normalizeIndexes(p string) string {
	for {
		q := dotIndex.ReplaceAllString(p, "[$1]$2")
		if q == p {
			return p
		}
		p = q
	}
}

// knownStr returns the known string attribute name of the object v.
func knownStr(v cty.Value, name string) (string, bool) {
	a, _ := attrOf(v, name).UnmarkDeep()
	if a.IsNull() || !a.IsWhollyKnown() || a.Type() != cty.String {
		return "", false
	}
	return a.AsString(), true
}

// hasAttr reports whether the object v has a non-null attribute name
// (unknown counts as present).
func hasAttr(v cty.Value, name string) bool { return !attrOf(v, name).IsNull() }

// attrOf returns the attribute name of v, or a null value when v is not a
// known object or map holding it.
func attrOf(v cty.Value, name string) cty.Value {
	v = unmark(v)
	if v.IsNull() || !v.IsKnown() {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	t := v.Type()
	switch {
	case t.IsObjectType() && t.HasAttribute(name):
		return v.GetAttr(name)
	case t.IsMapType():
		k := cty.StringVal(name)
		if v.HasIndex(k).True() {
			return v.Index(k)
		}
	}
	return cty.NullVal(cty.DynamicPseudoType)
}

// firstBlock returns the first element of the nested block name (a list of
// objects), or the attribute itself when it is a single object.
func firstBlock(v cty.Value, name string) cty.Value {
	b := unmark(attrOf(v, name))
	if b.IsNull() || !b.IsKnown() {
		return b
	}
	t := b.Type()
	if t.IsListType() || t.IsTupleType() || t.IsSetType() {
		for it := b.ElementIterator(); it.Next(); {
			_, e := it.Element()
			return e
		}
		return cty.NullVal(cty.DynamicPseudoType)
	}
	return b
}
