package armjson

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// Resource is one ARM resource as JSON: from an export, the live API or an
// evaluated template. The ID is the node's "id" member; evaluated templates
// compute it.
type Resource struct {
	Node   *Node
	File   string            // the input file, "" for live resources
	Source estate.SourceKind // SourceAzure, SourceARM or SourceBicep
	// Ignores are inline ignore comments written on the resource in its
	// source (Bicep); they become Meta.Ignores of the resource and of the
	// children declared inline in it (node pools, rules, subnets).
	Ignores []estate.InlineIgnore
}

// Adapt turns ARM resource JSON into the estate. It reads both the REST shape
// (settings under "properties": the API, `az resource show`, Resource Graph,
// evaluated templates) and the flattened shape of `az aks show`, `az acr
// show`, `az role assignment list` and the like, matching type and property
// names case-insensitively as ARM does. Types the catalog does not need are
// skipped silently; a resource that cannot be read gives a diagnostic and the
// others are still adapted.
func Adapt(rs []Resource) source.Result {
	a := &adapter{out: &estate.Estate{}}
	for _, r := range rs {
		a.resource(r)
	}
	return source.Result{Estate: a.out, Diagnostics: a.diags}
}

type adapter struct {
	out   *estate.Estate
	diags source.Diagnostics
}

// res is the resource being adapted.
type res struct {
	Resource
	id    estate.ResourceID
	name  string
	typ   string // canonical lower-case type, see canonicalType
	root  obj    // the resource object
	props obj    // where its settings are: "properties", or root when flattened
}

// meta returns the resource's Meta.
func (r *res) meta() estate.Meta {
	return estate.Meta{ID: r.id, Name: r.name, Source: r.Source, Loc: r.root.loc(), Ignores: r.Ignores}
}

// childMeta returns the Meta of an inline child (a node pool in
// agentPoolProfiles, a rule in securityRules): its own ID, located at its
// object inside the parent resource.
func (r *res) childMeta(id estate.ResourceID, name string, at obj) estate.Meta {
	return estate.Meta{ID: id, Name: name, Source: r.Source, Loc: at.loc(), Ignores: r.Ignores}
}

// input names where r came from in diagnostics.
func (r Resource) input() string {
	if r.File != "" {
		return r.File
	}
	if r.Node != nil {
		if id := r.Node.Get("id"); id != nil && id.Kind == String {
			return id.Str
		}
	}
	return "azure"
}

func (r Resource) line() int {
	if r.File == "" || r.Node == nil {
		return 0
	}
	return r.Node.Line
}

func (a *adapter) errorf(r Resource, line int, format string, args ...any) {
	a.diags = append(a.diags, source.Errorf(r.input(), line, format, args...))
}

func (a *adapter) warnf(r Resource, line int, format string, args ...any) {
	a.diags = append(a.diags, source.Warnf(r.input(), line, format, args...))
}

// warnUnusable reports an inline collection (node pools, rules, subnets) that
// the input holds but that cannot be read, so that nobody takes its absence
// from the findings for a clean bill.
func (a *adapter) warnUnusable(r *res, at obj, reason string) {
	if reason == noProperties {
		return // said once for the resource
	}
	a.warnf(r.Resource, at.loc().Line, "%s of %s cannot be read (%s); what it holds is not audited", at.path, r.id, reason)
}

// adapters maps canonical types to their adapters.
var adapters = map[string]func(*adapter, *res){
	"microsoft.containerservice/managedclusters":            (*adapter).cluster,
	"microsoft.containerservice/managedclusters/agentpools": (*adapter).agentPool,
	"microsoft.containerregistry/registries":                (*adapter).registry,
	"microsoft.network/virtualnetworks":                     (*adapter).vnet,
	"microsoft.network/virtualnetworks/subnets":             (*adapter).subnetResource,
	"microsoft.network/networksecuritygroups":               (*adapter).nsg,
	"microsoft.network/networksecuritygroups/securityrules": (*adapter).securityRuleResource,
	"microsoft.network/routetables":                         (*adapter).routeTable,
	"microsoft.network/routetables/routes":                  (*adapter).routeResource,
	"microsoft.network/azurefirewalls":                      (*adapter).firewall,
	"microsoft.network/applicationgateways":                 (*adapter).appGateway,
	"microsoft.keyvault/vaults":                             (*adapter).keyVault,
	"microsoft.keyvault/vaults/keys":                        (*adapter).key,
	"microsoft.compute/diskencryptionsets":                  (*adapter).diskEncryptionSet,
	"microsoft.storage/storageaccounts":                     (*adapter).storageAccount,
	"microsoft.operationalinsights/workspaces":              (*adapter).workspace,
	"microsoft.insights/diagnosticsettings":                 (*adapter).diagnosticSetting,
	"microsoft.authorization/roleassignments":               (*adapter).roleAssignment,
	"microsoft.authorization/roledefinitions":               (*adapter).roleDefinition,
	"microsoft.authorization/locks":                         (*adapter).lock,
	"microsoft.security/pricings":                           (*adapter).pricing,
}

// extensionTypes are the extension resources, by their last type segment.
// They attach to any resource, so templates also write them nested
// ("Microsoft.Network/networkSecurityGroups/providers/diagnosticSettings").
var extensionTypes = map[string]string{
	"diagnosticsettings": "microsoft.insights/diagnosticsettings",
	"roleassignments":    "microsoft.authorization/roleassignments",
	"roledefinitions":    "microsoft.authorization/roledefinitions",
	"locks":              "microsoft.authorization/locks",
	"pricings":           "microsoft.security/pricings",
}

// canonicalType lower-cases an ARM type and maps the nested spellings of
// extension resources to their own type.
func canonicalType(t string) string {
	t = strings.ToLower(strings.Trim(t, "/ "))
	segs := strings.Split(t, "/")
	if len(segs) < 2 {
		return t
	}
	if _, ok := adapters[t]; ok {
		return t
	}
	if ext, ok := extensionTypes[segs[len(segs)-1]]; ok {
		return ext
	}
	return t
}

func (a *adapter) resource(r Resource) {
	n := r.Node
	switch {
	case n == nil:
		a.errorf(r, 0, "empty resource")
		return
	case n.Kind == Unknown:
		a.warnf(r, r.line(), "resource is not resolved (%s); skipped", unknownReason(n))
		return
	case n.Kind != Object:
		a.errorf(r, r.line(), "resource is %s, not an object", kindName(n.Kind))
		return
	}
	typ, ok := a.resourceType(r)
	if !ok {
		return
	}
	fn := adapters[canonicalType(typ)]
	if fn == nil {
		return // a type no rule reads
	}
	id, name, ok := a.identify(r, typ)
	if !ok {
		return
	}
	rr := &res{Resource: r, id: id, name: name, typ: canonicalType(typ)}
	rr.root = root(n, estate.Loc{File: r.File, Resource: id})
	p, ok := rr.root.props()
	if !ok {
		a.errorf(r, r.line(), "%s: properties is %s, not an object", id, kindName(p.n.Kind))
		return
	}
	rr.props = p
	if r.Source == estate.SourceAzure && envelopeOnly(n) {
		// `az resource list` and the ARM resources list return resources
		// without their properties. Defaults would claim settings the export
		// simply leaves out, so every setting is unknown instead.
		rr.props = obj{path: "properties", line: rr.root.line, base: rr.root.base, reason: noProperties}
		a.warnf(r, r.line(), "%s: the export holds no properties, so its settings are not audited "+
			"(export it with `az resource show`, or list with `--expand properties`)", id)
	}
	fn(a, rr)
}

const noProperties = "the export holds no properties for this resource"

// envelopeKeys are the members every ARM resource has beside its settings.
var envelopeKeys = map[string]bool{
	"id": true, "name": true, "type": true, "location": true, "tags": true, "sku": true, "kind": true,
	"identity": true, "managedby": true, "plan": true, "zones": true, "etag": true, "systemdata": true,
	"resourcegroup": true, "subscriptionid": true, "tenantid": true, "extendedlocation": true,
	"changedtime": true, "createdtime": true, "provisioningstate": true, "properties": true,
}

// envelopeOnly reports whether an exported resource has no settings at all:
// no properties object and nothing flattened beside the envelope.
func envelopeOnly(n *Node) bool {
	if p := n.Get("properties"); p != nil && p.Kind != Null {
		return false
	}
	for _, f := range n.Fields {
		if !envelopeKeys[strings.ToLower(f.Key)] {
			return false
		}
	}
	return true
}

// resourceType returns the resource's type: its "type" member, or the type
// its ID spells when the member is absent or empty (some API responses omit
// it for child resources).
func (a *adapter) resourceType(r Resource) (string, bool) {
	t := r.Node.Get("type")
	switch {
	case t != nil && t.Kind == Unknown:
		a.warnf(r, r.line(), "resource type is not resolved (%s); skipped", unknownReason(t))
		return "", false
	case t != nil && t.Kind == String && strings.Contains(t.Str, "/"):
		return t.Str, true
	case t != nil && t.Kind != String && t.Kind != Null:
		a.errorf(r, r.line(), "resource type is %s, not a string", kindName(t.Kind))
		return "", false
	}
	if id := r.Node.Get("id"); id != nil && id.Kind == String {
		if typ := typeFromID(id.Str); typ != "" {
			return typ, true
		}
	}
	if t != nil && t.Kind == String && t.Str != "" {
		return t.Str, true // a bare type such as "subnets": unknown to us, skipped
	}
	a.errorf(r, r.line(), "resource has neither a type nor an ARM resource ID")
	return "", false
}

// identify returns the resource's ID and name. A resource without an ID (a
// template resource the evaluator could not give one) gets an ID built from
// its type and name, so that joins and findings still name it.
func (a *adapter) identify(r Resource, typ string) (estate.ResourceID, string, bool) {
	n := r.Node
	name := ""
	if nm := n.Get("name"); nm != nil && nm.Kind == String {
		name = nm.Str
	}
	idn := n.Get("id")
	switch {
	case idn != nil && idn.Kind == String && strings.TrimSpace(idn.Str) != "":
		id := estate.ResourceID(strings.TrimSpace(idn.Str))
		if name == "" || strings.Contains(name, "/") {
			// Template children are named "parent/child": the resource's
			// own name is the last part, as the ID says.
			name = id.Name()
		}
		return id, name, true
	case idn != nil && idn.Kind != String && idn.Kind != Null && idn.Kind != Unknown:
		a.errorf(r, r.line(), "resource id is %s, not a string", kindName(idn.Kind))
		return "", "", false
	}
	if name == "" {
		a.errorf(r, r.line(), "%s resource has neither an id nor a name", typ)
		return "", "", false
	}
	id := synthID(scopePrefix(n), typ, name)
	// A template child's name is "parent/child"; the resource's own name is
	// the last part.
	return id, id.Name(), true
}

// scopePrefix is the scope a resource without an ID lives in: the "scope"
// member of a template's extension resource, else the subscription and
// resource group that Resource Graph and the CLI write beside each resource.
func scopePrefix(n *Node) string {
	str := func(k string) string {
		if v := n.Get(k); v != nil && v.Kind == String {
			return strings.TrimSuffix(strings.TrimSpace(v.Str), "/")
		}
		return ""
	}
	if s := str("scope"); s != "" {
		return s
	}
	sub, rg := str("subscriptionId"), str("resourceGroup")
	switch {
	case sub != "" && rg != "":
		return "/subscriptions/" + sub + "/resourceGroups/" + rg
	case sub != "":
		return "/subscriptions/" + sub
	}
	return ""
}

// synthID builds an ARM ID from a type and a name: type
// "Microsoft.Network/virtualNetworks/subnets" and name "vnet/snet" give
// "<prefix>/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet".
func synthID(prefix, typ, name string) estate.ResourceID {
	segs := strings.Split(strings.Trim(typ, "/"), "/")
	names := strings.Split(strings.Trim(name, "/"), "/")
	if len(segs) < 2 || len(names) != len(segs)-1 {
		return estate.ResourceID(fmt.Sprintf("%s/providers/%s/%s", prefix, strings.Trim(typ, "/"), strings.Trim(name, "/")))
	}
	var b strings.Builder
	b.WriteString(prefix + "/providers/" + segs[0])
	for i, t := range segs[1:] {
		b.WriteString("/" + t + "/" + names[i])
	}
	return estate.ResourceID(b.String())
}

// typeFromID returns the resource type an ARM ID spells: the namespace after
// its last "providers" segment and the type segments after it.
// "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/routeTables/rt/routes/r"
// gives "Microsoft.Network/routeTables/routes".
func typeFromID(id string) string {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	at := -1
	for i := 0; i+1 < len(parts); i += 2 {
		if strings.EqualFold(parts[i], "providers") {
			at = i
		}
	}
	if at < 0 || at+2 >= len(parts) {
		return ""
	}
	segs := []string{parts[at+1]}
	for i := at + 2; i < len(parts); i += 2 {
		segs = append(segs, parts[i])
	}
	return strings.Join(segs, "/")
}

// parentID strips the last type/name pair: a subnet's ID gives its virtual
// network's.
func parentID(id estate.ResourceID) estate.ResourceID {
	parts := strings.Split(strings.TrimSuffix(string(id), "/"), "/")
	if len(parts) < 3 {
		return ""
	}
	return estate.ResourceID(strings.Join(parts[:len(parts)-2], "/"))
}

// extensionScope returns the scope of an extension resource ID: the resource
// it is attached to. It cuts "/providers/<namespace>/<type>/<name>" off the
// end, or "/<type>/<name>" for the short form some APIs return
// (".../workflows/w/diagnosticSettings/d"). An extension resource at the
// tenant root has scope "/".
func extensionScope(id estate.ResourceID) estate.ResourceID {
	parts := strings.Split(strings.Trim(string(id), "/"), "/")
	n := len(parts)
	if n < 2 {
		return ""
	}
	cut := n - 2
	if n >= 4 && strings.EqualFold(parts[n-4], "providers") {
		cut = n - 4
	}
	if cut <= 0 {
		return "/"
	}
	return estate.ResourceID("/" + strings.Join(parts[:cut], "/"))
}

// childID is the ID of an inline child without one of its own: the parent's
// ID, the child collection's type segment and the child's name.
func childID(at obj, parent estate.ResourceID, segment string, index int) (estate.ResourceID, string) {
	name := ""
	if f := at.str("name"); f.present && f.reason == "" {
		name = f.v
	}
	if f := at.str("id"); f.present && f.reason == "" && strings.TrimSpace(f.v) != "" {
		id := estate.ResourceID(strings.TrimSpace(f.v))
		if name == "" {
			name = id.Name()
		}
		return id, name
	}
	if name == "" {
		name = fmt.Sprint(index)
	}
	return estate.ResourceID(string(parent) + "/" + segment + "/" + name), name
}
