package iam

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
)

// Role is what the rules need to know about an Azure role definition: its
// identity and the kinds of power it gives at the scope it is assigned at.
// The flags are independent; a role may set several.
type Role struct {
	// ID is the role definition's GUID in lower case ("" for a custom role
	// known only by name).
	ID   string
	Name string
	// Custom is true for a role classified from its definition's actions
	// rather than from the built-in table.
	Custom bool

	// Privileged marks Owner, Contributor, User Access Administrator and
	// their peers: control of everything at the scope, or of who has access
	// to it. A custom role whose actions include "*" is privileged.
	Privileged bool
	// ClusterAdmin marks roles that administer AKS clusters at the scope:
	// cluster-admin credentials (listClusterAdminCredential), Kubernetes
	// admin through Azure RBAC, or writes to the managedClusters resource.
	ClusterAdmin bool
	// GrantsAccess marks roles that may create role assignments, and so give
	// themselves any other role.
	GrantsAccess bool
	// Writes and Deletes mark roles that may write, or delete, resources of
	// any type at the scope ("*", "*/write", "*/delete").
	Writes, Deletes bool
	// LogWrites marks roles that may change or delete Log Analytics
	// workspaces or their data (Microsoft.OperationalInsights writes,
	// deletes and purges).
	LogWrites bool
	// DiagnosticSettings marks roles that may change diagnostic settings,
	// and so stop logs from being sent.
	DiagnosticSettings bool
	// ReadOnly marks roles that only read.
	ReadOnly bool
	// Registry says what the role gives on a container registry.
	Registry RegistryAccess

	// Unresolved says, when RoleOf cannot classify the role, what the
	// inputs did not show. It is empty for a classified role.
	Unresolved string
}

// Admin reports whether the role administers a cluster, or everything, or
// access itself: the roles AKS-IAM-04 counts.
func (r Role) Admin() bool { return r.Privileged || r.ClusterAdmin || r.GrantsAccess }

// ChangesLogs reports whether the role may change or delete logs held in a
// Log Analytics workspace at its scope: Owner, Contributor, Log Analytics
// Contributor, or a custom role with "*/write", "*/delete" or
// Microsoft.OperationalInsights writes. AKS-LOG-04 counts these.
func (r Role) ChangesLogs() bool { return r.Writes || r.Deletes || r.LogWrites }

// RegistryAccess is what a role gives on an Azure Container Registry.
type RegistryAccess uint8

// Registry access levels.
const (
	// RegistryNone: nothing registry-specific (the role may still be
	// Privileged or ReadOnly).
	RegistryNone RegistryAccess = iota
	// RegistryData: image data only, the AcrPull/AcrPush class (pull, push,
	// delete, sign, quarantine, repository-scoped roles).
	RegistryData
	// RegistryManage: the registry's configuration (admin user, network
	// rules, tasks, credentials, pipelines) or its deletion.
	RegistryManage
)

// String returns "none", "data" or "manage".
func (a RegistryAccess) String() string {
	switch a {
	case RegistryData:
		return "data"
	case RegistryManage:
		return "manage"
	}
	return "none"
}

// RoleOf classifies the role a role assignment grants. The assignment may
// name it by full role definition ID
// ("/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/<guid>"),
// by bare GUID, or by name (Terraform's role_definition_name). Built-in
// roles are looked up in the table of this package; other roles by their
// definition in the estate (estate.RoleDefinition). known is false when the
// assignment's role is unresolved, or is neither a built-in role of the table
// nor defined in the inputs; r.Unresolved then says why.
func RoleOf(e *estate.Estate, a *estate.RoleAssignment) (r Role, known bool) {
	id, name := a.RoleDefinitionID, a.RoleName
	switch {
	case id.Known() && id.V != "":
		return roleByID(e, id.V)
	case name.Known() && name.V != "":
		return roleByName(e, name.V)
	case !id.Known():
		return Role{Unresolved: id.Evidence()}, false
	case !name.Known():
		return Role{Unresolved: name.Evidence()}, false
	}
	return Role{Unresolved: "the role assignment names no role"}, false
}

func roleByID(e *estate.Estate, id string) (Role, bool) {
	guid := strings.ToLower(estate.ResourceID(id).Name())
	if r, ok := builtinByID[guid]; ok {
		return r, true
	}
	if d := e.RoleDefinition(id); d != nil {
		return classifyCustom(d)
	}
	// Some inputs put a role name where the ID goes.
	if r, ok := builtinByName[strings.ToLower(id)]; ok {
		return r, true
	}
	return Role{ID: guid, Unresolved: fmt.Sprintf(
		"role definition %q is not a built-in role aksguard classifies, and its definition is not in the scanned inputs", id)}, false
}

func roleByName(e *estate.Estate, name string) (Role, bool) {
	if r, ok := builtinByName[strings.ToLower(name)]; ok {
		return r, true
	}
	for _, d := range e.RoleDefinitions {
		if d.RoleName.Known() && strings.EqualFold(d.RoleName.V, name) {
			return classifyCustom(d)
		}
	}
	return Role{Name: name, Unresolved: fmt.Sprintf(
		"role %q is not a built-in role aksguard classifies, and no role definition of that name is in the scanned inputs", name)}, false
}

// BuiltinRole returns the built-in role with the given GUID, full role
// definition ID or name (case-insensitive), if the table holds it.
func BuiltinRole(idOrName string) (Role, bool) {
	if r, ok := builtinByID[strings.ToLower(estate.ResourceID(idOrName).Name())]; ok {
		return r, true
	}
	r, ok := builtinByName[strings.ToLower(idOrName)]
	return r, ok
}

// Probe operations: a custom role is classified by which of these its
// actions permit.
const (
	opClusterWrite       = "Microsoft.ContainerService/managedClusters/write"
	opClusterAdminCred   = "Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action"
	opClusterRoleBinding = "Microsoft.ContainerService/managedClusters/rbac.authorization.k8s.io/clusterrolebindings/write"
	opRoleAssignment     = "Microsoft.Authorization/roleAssignments/write"
	opDiagnosticSettings = "Microsoft.Insights/diagnosticSettings/write"
	opRegistryWrite      = "Microsoft.ContainerRegistry/registries/write"
	opRegistryDelete     = "Microsoft.ContainerRegistry/registries/delete"
	opRegistryCreds      = "Microsoft.ContainerRegistry/registries/listCredentials/action"
	opRegistryPull       = "Microsoft.ContainerRegistry/registries/pull/read"
	opRegistryPush       = "Microsoft.ContainerRegistry/registries/push/write"
	opRepositoryRead     = "Microsoft.ContainerRegistry/registries/repositories/content/read"
)

// logOps are the operations that change or delete a workspace's logs.
var logOps = []string{
	"Microsoft.OperationalInsights/workspaces/write",
	"Microsoft.OperationalInsights/workspaces/delete",
	"Microsoft.OperationalInsights/workspaces/purge/action",
	"Microsoft.OperationalInsights/workspaces/tables/write",
	"Microsoft.OperationalInsights/workspaces/tables/delete",
}

// classifyCustom derives a Role from a role definition's actions. NotActions
// are honoured for the probe operations; data actions decide Kubernetes
// admin (Azure RBAC for Kubernetes) and registry data access.
func classifyCustom(d *estate.RoleDefinition) (Role, bool) {
	name := d.RoleName.V
	if name == "" {
		name = d.Name
	}
	r := Role{ID: strings.ToLower(d.ID.Name()), Name: name, Custom: true}
	if !d.Actions.Known() {
		r.Unresolved = fmt.Sprintf("role definition %q: %s", name, d.Actions.Evidence())
		return r, false
	}
	if !d.NotActions.Known() {
		r.Unresolved = fmt.Sprintf("role definition %q: %s", name, d.NotActions.Evidence())
		return r, false
	}
	acts, nots := d.Actions.V, d.NotActions.V
	var data []string
	if d.DataActions.Known() {
		data = d.DataActions.V
	}
	permits := func(op string) bool { return anyMatch(acts, op) && !anyMatch(nots, op) }
	dataPermits := func(op string) bool { return anyMatch(data, op) }

	r.Privileged = hasAny(acts, "*")
	r.Writes = hasAny(acts, "*", "*/write") && !hasAny(nots, "*", "*/write")
	r.Deletes = hasAny(acts, "*", "*/delete") && !hasAny(nots, "*", "*/delete")
	r.GrantsAccess = permits(opRoleAssignment)
	r.ClusterAdmin = permits(opClusterWrite) || permits(opClusterAdminCred) || dataPermits(opClusterRoleBinding)
	r.DiagnosticSettings = permits(opDiagnosticSettings)
	for _, op := range logOps {
		r.LogWrites = r.LogWrites || permits(op)
	}
	switch {
	case permits(opRegistryWrite) || permits(opRegistryDelete) || permits(opRegistryCreds):
		r.Registry = RegistryManage
	case permits(opRegistryPull) || permits(opRegistryPush) || dataPermits(opRepositoryRead):
		r.Registry = RegistryData
	}
	r.ReadOnly = len(acts)+len(data) > 0 && allReads(acts) && allReads(data)
	return r, true
}

func hasAny(list []string, want ...string) bool {
	for _, s := range list {
		for _, w := range want {
			if strings.EqualFold(strings.TrimSpace(s), w) {
				return true
			}
		}
	}
	return false
}

func anyMatch(patterns []string, op string) bool {
	for _, p := range patterns {
		if globMatch(strings.ToLower(strings.TrimSpace(p)), strings.ToLower(op)) {
			return true
		}
	}
	return false
}

func allReads(list []string) bool {
	for _, s := range list {
		if !strings.HasSuffix(strings.ToLower(s), "/read") {
			return false
		}
	}
	return true
}

// globMatch matches an Azure RBAC action pattern, where "*" stands for any
// run of characters, "/" included ("Microsoft.Authorization/*/Write").
func globMatch(pattern, s string) bool {
	star := strings.IndexByte(pattern, '*')
	if star < 0 {
		return pattern == s
	}
	if !strings.HasPrefix(s, pattern[:star]) {
		return false
	}
	rest := pattern[star+1:]
	for i := star; i <= len(s); i++ {
		if globMatch(rest, s[i:]) {
			return true
		}
	}
	return false
}
