package estate

import "strings"

// ResourceID names a resource. For Azure resources it is the ARM resource ID,
// compared case-insensitively as ARM does; for IaC resources that have no ID
// before deployment it is the address the adapter gives them (a Terraform
// address, a template's symbolic name); for Kubernetes objects and
// Dockerfiles it is a stable synthetic ID (see KubeID).
type ResourceID string

// Key returns the form used for joins and maps: lower case, no trailing slash.
func (id ResourceID) Key() string {
	return strings.ToLower(strings.TrimSuffix(string(id), "/"))
}

// Equal compares two IDs as ARM does.
func (id ResourceID) Equal(o ResourceID) bool { return id.Key() == o.Key() }

// IsARM reports whether the ID looks like an ARM ID (starts with /subscriptions/
// or /providers/).
func (id ResourceID) IsARM() bool {
	k := id.Key()
	return strings.HasPrefix(k, "/subscriptions/") || strings.HasPrefix(k, "/providers/")
}

// Subscription returns the subscription ID segment, or "".
func (id ResourceID) Subscription() string { return id.segment("subscriptions") }

// ResourceGroup returns the resource group segment, or "".
func (id ResourceID) ResourceGroup() string { return id.segment("resourcegroups") }

// Name returns the last segment of the ID.
func (id ResourceID) Name() string {
	s := strings.TrimSuffix(string(id), "/")
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func (id ResourceID) segment(name string) string {
	parts := strings.Split(strings.Trim(string(id), "/"), "/")
	for i := 0; i+1 < len(parts); i++ {
		if strings.EqualFold(parts[i], name) {
			return parts[i+1]
		}
	}
	return ""
}

// Covers reports whether an ARM scope (a management group, subscription,
// resource group or resource ID) contains the resource id: the scope is the
// resource itself or one of its ancestors. Both must be ARM IDs; an IaC
// address only covers itself.
func (scope ResourceID) Covers(id ResourceID) bool {
	s, r := scope.Key(), id.Key()
	if s == r {
		return true
	}
	if s == "" || !scope.IsARM() || !id.IsARM() {
		return false
	}
	// Management-group scopes cover every subscription below them, which the
	// inputs cannot show; treat "/" and management groups as covering all.
	if s == "/" || strings.HasPrefix(s, "/providers/microsoft.management/managementgroups/") {
		return true
	}
	return strings.HasPrefix(r, s+"/")
}

// Scope returns the scope of an extension resource ID: the part before
// "/providers/Microsoft.Insights/diagnosticSettings/x" and the like. For
// "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c/providers/Microsoft.Insights/diagnosticSettings/d"
// it returns the cluster ID. It returns "" when id is not an extension resource.
func (id ResourceID) Scope() ResourceID {
	s := string(id)
	k := strings.ToLower(s)
	i := strings.LastIndex(k, "/providers/")
	if i <= 0 {
		return ""
	}
	return ResourceID(s[:i])
}
