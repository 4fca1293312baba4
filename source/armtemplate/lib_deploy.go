package armtemplate

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
)

// Resource and deployment functions: resource IDs, the deployment context,
// and the functions whose results exist only at deployment.

// TypeNamePath interleaves a resource type with its name segments, as a
// resource ID writes them: ("Microsoft.Network/virtualNetworks/subnets",
// "vnet", "snet") gives "Microsoft.Network/virtualNetworks/vnet/subnets/snet".
// A name segment may hold several segments ("vnet/snet"). A type that goes
// through "providers" (an extension resource written from its parent's type,
// "Microsoft.Network/networkSecurityGroups/providers/diagnosticSettings") takes
// the extension's namespace from the names ("nsg", "Microsoft.Insights",
// "default").
func TypeNamePath(typ string, names ...string) (string, error) {
	segs := strings.Split(strings.Trim(typ, "/"), "/")
	var flat []string
	for _, n := range names {
		flat = append(flat, strings.Split(strings.Trim(n, "/"), "/")...)
	}
	if len(segs) < 2 || segs[0] == "" {
		return "", fmt.Errorf("%q is not a resource type (namespace/type)", typ)
	}
	out := []string{segs[0]}
	ni := 0
	next := func() (string, bool) {
		if ni >= len(flat) {
			return "", false
		}
		ni++
		return flat[ni-1], true
	}
	for i := 1; i < len(segs); i++ {
		s := segs[i]
		if strings.EqualFold(s, "providers") && i+1 < len(segs) {
			ns, ok := next()
			if !ok {
				break
			}
			out = append(out, s, ns)
			continue
		}
		n, ok := next()
		if !ok {
			return "", fmt.Errorf("resource type %q needs more names than %q", typ, strings.Join(flat, "/"))
		}
		out = append(out, s, n)
	}
	if ni != len(flat) {
		return "", fmt.Errorf("resource type %q takes fewer names than %q", typ, strings.Join(flat, "/"))
	}
	return strings.Join(out, "/"), nil
}

// typeIndex returns the index of the resource type among a resourceId-style
// function's arguments: the first one that holds a '/'.
func typeIndex(args []string, maxBefore int) (int, error) {
	for i, a := range args {
		if strings.Contains(a, "/") {
			if i > maxBefore {
				break
			}
			return i, nil
		}
	}
	return 0, fmt.Errorf("no resource type (namespace/type) among the arguments")
}

func fnResourceID(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := stringArgs(args)
	if err != nil {
		return nil, err
	}
	ti, err := typeIndex(s, 2)
	if err != nil {
		return nil, err
	}
	d := l.dep
	scope := d.ScopeID()
	switch ti {
	case 1:
		scope = "/subscriptions/" + d.SubscriptionID + "/resourceGroups/" + s[0]
	case 2:
		scope = "/subscriptions/" + s[0] + "/resourceGroups/" + s[1]
	}
	path, err := TypeNamePath(s[ti], s[ti+1:]...)
	if err != nil {
		return nil, err
	}
	return str(scope + "/providers/" + path), nil
}

func fnSubscriptionResourceID(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := stringArgs(args)
	if err != nil {
		return nil, err
	}
	ti, err := typeIndex(s, 1)
	if err != nil {
		return nil, err
	}
	sub := l.dep.SubscriptionID
	if ti == 1 {
		sub = s[0]
	}
	path, err := TypeNamePath(s[ti], s[ti+1:]...)
	if err != nil {
		return nil, err
	}
	return str("/subscriptions/" + sub + "/providers/" + path), nil
}

func fnTenantResourceID(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := stringArgs(args)
	if err != nil {
		return nil, err
	}
	path, err := TypeNamePath(s[0], s[1:]...)
	if err != nil {
		return nil, err
	}
	return str("/providers/" + path), nil
}

func fnManagementGroupResourceID(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := stringArgs(args)
	if err != nil {
		return nil, err
	}
	ti, err := typeIndex(s, 1)
	if err != nil {
		return nil, err
	}
	mg := l.dep.ManagementGroup
	if ti == 1 {
		mg = s[0]
	}
	path, err := TypeNamePath(s[ti], s[ti+1:]...)
	if err != nil {
		return nil, err
	}
	return str("/providers/Microsoft.Management/managementGroups/" + mg + "/providers/" + path), nil
}

func fnExtensionResourceID(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := stringArgs(args)
	if err != nil {
		return nil, err
	}
	path, err := TypeNamePath(s[1], s[2:]...)
	if err != nil {
		return nil, err
	}
	return str(strings.TrimSuffix(s[0], "/") + "/providers/" + path), nil
}

// fnResourceGroup returns the deployment's resource group, or the one named by
// resourceGroup([subscriptionId,] name).
func fnResourceGroup(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	d := l.dep
	s, err := stringArgs(args)
	if err != nil {
		return nil, err
	}
	switch len(s) {
	case 0:
		if d.Scope != ResourceGroupScope {
			return nil, fmt.Errorf("there is no resource group in a deployment to a %s", scopeName(d.Scope))
		}
	case 1:
		d.ResourceGroup = s[0]
	case 2:
		d.SubscriptionID, d.ResourceGroup = s[0], s[1]
	}
	d.Scope = ResourceGroupScope
	rg := object()
	rg.Set("id", str(d.ScopeID()))
	rg.Set("name", str(d.ResourceGroup))
	rg.Set("type", str("Microsoft.Resources/resourceGroups"))
	rg.Set("location", location(d))
	rg.Set("tags", object())
	props := object()
	props.Set("provisioningState", str("Succeeded"))
	rg.Set("properties", props)
	return rg, nil
}

func fnSubscription(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	d := l.dep
	if len(args) > 0 {
		id, err := argString(args, 0)
		if err != nil {
			return nil, err
		}
		d.SubscriptionID = id
	}
	if d.SubscriptionID == "" {
		return nil, fmt.Errorf("there is no subscription in a deployment to a %s", scopeName(d.Scope))
	}
	s := object()
	s.Set("id", str("/subscriptions/"+d.SubscriptionID))
	s.Set("subscriptionId", str(d.SubscriptionID))
	s.Set("tenantId", str(d.TenantID))
	s.Set("displayName", unknownf("the subscription's display name is known at deployment"))
	return s, nil
}

func fnTenant(l *Library, _ []*armjson.Node) (*armjson.Node, error) {
	t := object()
	t.Set("tenantId", str(l.dep.TenantID))
	t.Set("countryCode", unknownf("the tenant's country is known at deployment"))
	t.Set("displayName", unknownf("the tenant's display name is known at deployment"))
	return t, nil
}

func fnManagementGroup(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	name := l.dep.ManagementGroup
	if len(args) > 0 {
		s, err := argString(args, 0)
		if err != nil {
			return nil, err
		}
		name = s
	} else if l.dep.Scope != ManagementGroupScope {
		return nil, fmt.Errorf("there is no management group in a deployment to a %s", scopeName(l.dep.Scope))
	}
	mg := object()
	mg.Set("id", str("/providers/Microsoft.Management/managementGroups/"+name))
	mg.Set("name", str(name))
	mg.Set("type", str("Microsoft.Management/managementGroups"))
	props := object()
	props.Set("tenantId", str(l.dep.TenantID))
	props.Set("displayName", unknownf("the management group's display name is known at deployment"))
	mg.Set("properties", props)
	return mg, nil
}

func fnDeployment(l *Library, _ []*armjson.Node) (*armjson.Node, error) {
	d := object()
	d.Set("name", str(l.dep.Name))
	if l.dep.Scope != ResourceGroupScope {
		d.Set("location", location(l.dep))
	}
	props := object()
	props.Set("templateLink", unknownf("the template link is known at deployment"))
	props.Set("mode", str("Incremental"))
	d.Set("properties", props)
	return d, nil
}

// location returns the deployment's location, Unknown when not given.
func location(d Deployment) *armjson.Node {
	if d.Location == "" {
		return unknownf("the location is known at deployment")
	}
	return str(d.Location)
}

// atDeployment returns a function whose result exists only at deployment.
func atDeployment(reason string) func(*Library, []*armjson.Node) (*armjson.Node, error) {
	return func(*Library, []*armjson.Node) (*armjson.Node, error) {
		return armjson.UnknownNode(0, reason), nil
	}
}

func scopeName(s ScopeKind) string {
	switch s {
	case SubscriptionScope:
		return "subscription"
	case ManagementGroupScope:
		return "management group"
	case TenantScope:
		return "tenant"
	}
	return "resource group"
}
