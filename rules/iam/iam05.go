package iam

import (
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// IAM05 flags registries reachable without Entra ID or with roles wider than
// pulling and pushing images.
var IAM05 = &rules.Rule{
	ID:       "AKS-IAM-05",
	Title:    "Minimal permissions on ACR: no admin user, no anonymous pull, only AcrPull/AcrPush-class roles at registry scope",
	Severity: rules.High,
	Section:  rules.IAM,
	Practice: "Least privilege on the container registry",
	Doc: `The admin user is a shared username and password with push and pull
rights that no directory knows; anonymous pull lets anyone on the network
read every image; Owner or Contributor on a registry lets its holder delete
it, turn the admin user back on or open the network, and a workload
identity holding it turns one leaked token into control of the registry.

Reads the registry's adminUserEnabled and anonymousPullEnabled (Terraform:
admin_enabled, anonymous_pull_enabled; Azure's default is false for both)
and the role assignments whose scope is the registry itself. Roles of the
AcrPull/AcrPush class (AcrPull, AcrPush, AcrDelete, AcrImageSigner, the
quarantine and Container Registry Repository roles, the data importer) and
read-only roles pass; any other role granted at the registry fails, and the
evidence says when its principal is a service principal or managed
(workload) identity. A role the inputs do not resolve, or an assignment
whose scope is unresolved and whose role is not of the class, is unknown.
Assignments at the resource group or subscription are AKS-IAM-04's and
the wider estate's concern, not this rule's.`,
	Fix: rules.Fix{
		CLI: "az acr update -n <registry> --admin-enabled false --anonymous-pull-enabled false; " +
			"az role assignment delete --assignee <principal-id> --role <role> --scope <registry-id>; " +
			"az role assignment create --assignee <principal-id> --role AcrPull --scope <registry-id>",
		Terraform: "set admin_enabled = false and anonymous_pull_enabled = false on azurerm_container_registry (same names in azurerm v3 and v4); " +
			"grant azurerm_role_assignment with role_definition_name = \"AcrPull\" (or \"AcrPush\") at the registry instead of Owner or Contributor",
		ARM: "set properties.adminUserEnabled: false and properties.anonymousPullEnabled: false on Microsoft.ContainerRegistry/registries; " +
			"give Microsoft.Authorization/roleAssignments scoped to the registry an AcrPull or AcrPush properties.roleDefinitionId",
	},
	Check: func(p *rules.Pass) {
		floating := unscoped(p.Estate)
		for _, r := range p.Estate.Registries {
			checkRegistry(p, r, floating)
		}
	},
}

func checkRegistry(p *rules.Pass, reg *estate.Registry, floating []*estate.RoleAssignment) {
	var o outcome
	want(&o, reg.AdminUserEnabled, false)
	want(&o, reg.AnonymousPullEnabled, false)

	n := 0
	for _, a := range p.Estate.RoleAssignmentsCovering(reg.ID) {
		if a.Scope.V.Key() != reg.ID.Key() {
			continue // granted above the registry
		}
		n++
		r, known := RoleOf(p.Estate, a)
		judgeRegistryRole(&o, a, r, known)
	}
	for _, a := range floating {
		r, known := RoleOf(p.Estate, a)
		if known && registryClass(r) {
			continue
		}
		o.unknown(atOf(a), "%s: the scope is not determined, so the assignment may be on this registry", describe(a, r))
	}
	if n == 0 {
		o.pass(estate.Loc{}, "role assignments at the registry: %s", none)
	}
	o.report(p, reg)
}

func judgeRegistryRole(o *outcome, a *estate.RoleAssignment, r Role, known bool) {
	at := atOf(a)
	ev := describe(a, r)
	switch {
	case !known:
		o.unknown(at, "%s: %s", ev, r.Unresolved)
	case registryClass(r):
		o.pass(at, "%s", ev)
	case isWorkloadIdentity(a.PrincipalType):
		o.fail(at, "%s: a workload identity needs only an AcrPull/AcrPush-class role on a registry", ev)
	default:
		o.fail(at, "%s: only AcrPull/AcrPush-class roles belong at registry scope", ev)
	}
}

// registryClass reports whether a role is of the AcrPull/AcrPush class or
// only reads.
func registryClass(r Role) bool {
	if r.Privileged || r.GrantsAccess || r.Writes || r.Deletes {
		return false
	}
	return r.Registry == RegistryData || (r.Registry == RegistryNone && r.ReadOnly)
}

// isWorkloadIdentity reports whether a principal type is an application
// identity: a service principal, which managed identities are too.
func isWorkloadIdentity(t estate.Value[string]) bool {
	return t.Known() && strings.EqualFold(t.V, "ServicePrincipal")
}
