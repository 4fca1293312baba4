package armtemplate

import (
	"fmt"
	"strings"
)

// The IDs of a template's own resources, computed as ARM does so that joins
// between them (a cluster's vnetSubnetID and the subnet, a diagnostic
// setting and its target) resolve.

// resourceRef is a resource's full type and template-style name
// ("Microsoft.Network/virtualNetworks/subnets", "vnet/snet").
type resourceRef struct {
	typ  string
	name string
	// known is false when the name could not be resolved; name is then a
	// placeholder that keeps IDs distinct.
	known bool
}

// isFullType reports whether a child resource's type is written in full
// (it starts with a namespace such as Microsoft.Network) rather than
// relative to its parent ("subnets", "providers/diagnosticSettings").
func isFullType(typ string) bool {
	first, _, _ := strings.Cut(typ, "/")
	return strings.Contains(first, ".")
}

// childRef joins a child resource's type and name with its parent's, as ARM
// does for resources nested in a resource's "resources".
func childRef(parent resourceRef, typ, name string, known bool) resourceRef {
	if isFullType(typ) {
		// The name must then be full too; ARM allows the parent's part to
		// be left out when it is unambiguous.
		want := len(strings.Split(typ, "/")) - 1
		if known && len(strings.Split(name, "/")) < want {
			name = parent.name + "/" + name
		}
		return resourceRef{typ: typ, name: name, known: known && parent.known}
	}
	return resourceRef{typ: parent.typ + "/" + typ, name: parent.name + "/" + name, known: known && parent.known}
}

// placeholderName stands for a name that cannot be resolved: one segment per
// segment the type needs, unique per template line and copy index.
func placeholderName(typ string, line int, lp *loop) string {
	seg := fmt.Sprintf("unresolved-name-line-%d", line)
	for l := lp; l != nil; l = l.outer {
		if l.known {
			seg += fmt.Sprintf("-%d", l.index)
		}
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

// resourceID computes the ID of a resource deployed to target. scope, when
// not empty, is the resource's "scope" property: the ID of the resource it
// extends, or that ID relative to the target ("Microsoft.X/y/name"). It also
// returns the type and name the ARM API reports for the resource: an
// extension written through its parent's type
// ("Microsoft.Network/networkSecurityGroups/providers/diagnosticSettings")
// has the extension's type (Microsoft.Insights/diagnosticSettings), and the
// name is the last segment.
func resourceID(target Deployment, ref resourceRef, scope string) (id, apiType, apiName string, err error) {
	prefix := target.ScopeID()
	if scope != "" {
		switch {
		case scope == "/":
			prefix = ""
		case strings.HasPrefix(scope, "/"):
			prefix = strings.TrimSuffix(scope, "/")
		default:
			prefix = target.ScopeID() + "/providers/" + strings.Trim(scope, "/")
		}
	}
	names := strings.Split(ref.name, "/")
	if strings.EqualFold(ref.typ, "Microsoft.Resources/resourceGroups") && scope == "" && target.Scope == SubscriptionScope {
		id = "/subscriptions/" + target.SubscriptionID + "/resourceGroups/" + ref.name
		return id, ref.typ, ref.name, nil
	}
	path, err := TypeNamePath(ref.typ, names...)
	if err != nil {
		path = strings.Trim(ref.typ, "/") + "/" + ref.name
	}
	id = prefix + "/providers/" + path
	apiType, apiName = APITypeName(path)
	return id, apiType, apiName, err
}

// APITypeName reads the type and the last name from an interleaved
// type/name path ("Microsoft.Network/virtualNetworks/v/subnets/s" gives
// "Microsoft.Network/virtualNetworks/subnets" and "s"), after its last
// "providers" segment. The Bicep evaluator shares it.
func APITypeName(path string) (typ, name string) {
	segs := strings.Split(path, "/")
	start := 0
	for i := len(segs) - 2; i > 0; i-- {
		if strings.EqualFold(segs[i], "providers") && i%2 == 1 {
			start = i + 1
			break
		}
	}
	segs = segs[start:]
	parts := []string{segs[0]}
	for i := 1; i < len(segs); i += 2 {
		parts = append(parts, segs[i])
	}
	return strings.Join(parts, "/"), segs[len(segs)-1]
}
