package bicep

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/source/armtemplate"
)

// Resource IDs, computed as ARM computes them for the template a Bicep file
// compiles to, so that a Bicep file and its ARM JSON give the same IDs (the
// ARM evaluator's ids.go does the same for templates; a parity test keeps
// the two in step).

// splitType splits 'Microsoft.X/y@2024-01-01' into the type and the API
// version.
func splitType(s string) (typ, version string) {
	typ, version, _ = strings.Cut(s, "@")
	return strings.Trim(typ, "/ "), version
}

// isFullType reports whether a type starts with a namespace
// (Microsoft.Network/...) rather than being relative to a parent
// ("subnets").
func isFullType(typ string) bool {
	first, _, _ := strings.Cut(typ, "/")
	return strings.Contains(first, ".")
}

// childType joins a child's type with its parent's: a nested resource may
// write its type in full or relative to the parent.
func childType(parent, typ string) string {
	if isFullType(typ) {
		return typ
	}
	return parent + "/" + typ
}

// placeholderName stands for a name that cannot be resolved: one segment per
// segment the type needs, unique per line and loop index, as the ARM
// evaluator writes them.
func placeholderName(typ string, line int, indexes []int) string {
	seg := fmt.Sprintf("unresolved-name-line-%d", line)
	for _, i := range indexes {
		seg += fmt.Sprintf("-%d", i)
	}
	n := len(strings.Split(typ, "/")) - 1
	if n < 1 {
		n = 1
	}
	segs := make([]string, n)
	for i := range segs {
		segs[i] = seg
	}
	return strings.Join(segs, "/")
}

// resourceID computes the ID of a resource of type typ named name (all its
// segments, "vnet/snet") deployed to target. scope, when not empty, is the
// ID of the resource it extends or the scope it is deployed to ("/" for the
// tenant). It also returns the type and the name the ARM API reports.
func resourceID(target armtemplate.Deployment, typ, name, scope string) (id, apiType, apiName string, err error) {
	prefix := target.ScopeID()
	switch {
	case scope == "/":
		prefix = ""
	case strings.HasPrefix(scope, "/"):
		prefix = strings.TrimSuffix(scope, "/")
	case scope != "":
		prefix = target.ScopeID() + "/providers/" + strings.Trim(scope, "/")
	}
	if strings.EqualFold(typ, "Microsoft.Resources/resourceGroups") {
		// A resource group's ID has no providers segment, whether it is
		// deployed from a subscription file or referred to as existing with
		// scope: subscription().
		sub := target.SubscriptionID
		if d, ok := scopeOfID(scope, target); ok && d.Scope == armtemplate.SubscriptionScope && scope != "" {
			sub = d.SubscriptionID
		}
		if scope == "" && target.Scope == armtemplate.SubscriptionScope || strings.HasPrefix(scope, "/subscriptions/") && strings.Count(strings.Trim(scope, "/"), "/") == 1 {
			return "/subscriptions/" + sub + "/resourceGroups/" + name, typ, name, nil
		}
	}
	path, err := armtemplate.TypeNamePath(typ, strings.Split(name, "/")...)
	if err != nil {
		path = strings.Trim(typ, "/") + "/" + name
	}
	apiType, apiName = armtemplate.APITypeName(path)
	return prefix + "/providers/" + path, apiType, apiName, err
}

// scopeOfID reads the deployment target a scope ID names: a resource group
// ("/subscriptions/s/resourceGroups/rg"), a subscription, a management group
// or the tenant ("" or "/"). ok is false for any other ID.
func scopeOfID(id string, d armtemplate.Deployment) (armtemplate.Deployment, bool) {
	segs := strings.Split(strings.Trim(id, "/"), "/")
	switch {
	case len(segs) == 1 && segs[0] == "":
		d.Scope = armtemplate.TenantScope
	case len(segs) == 2 && strings.EqualFold(segs[0], "subscriptions"):
		d.Scope, d.SubscriptionID = armtemplate.SubscriptionScope, segs[1]
	case len(segs) == 4 && strings.EqualFold(segs[0], "subscriptions") && strings.EqualFold(segs[2], "resourceGroups"):
		d.Scope, d.SubscriptionID, d.ResourceGroup = armtemplate.ResourceGroupScope, segs[1], segs[3]
	case len(segs) == 4 && strings.EqualFold(strings.Join(segs[:3], "/"), "providers/Microsoft.Management/managementGroups"):
		d.Scope, d.ManagementGroup = armtemplate.ManagementGroupScope, segs[3]
	default:
		return d, false
	}
	return d, true
}
