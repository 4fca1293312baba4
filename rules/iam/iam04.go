package iam

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// IAM04 flags clusters whose admin roles are granted too widely.
var IAM04 = &rules.Rule{
	ID:       "AKS-IAM-04",
	Title:    "Minimal permissions on the cluster: admin roles go to few, named principals at narrow scopes",
	Severity: rules.High,
	Section:  rules.IAM,
	Practice: "Least privilege on the cluster",
	Doc: `Owner, Contributor, User Access Administrator and the cluster-admin roles
give full control of a cluster. Granted at a subscription, they reach every
cluster in it and every one added later; granted to a group, they reach
every member the group will ever have; granted to many principals, no one
can tell who changed what.

Reads the role assignments whose scope covers the cluster (the cluster,
its resource group, its subscription, a management group) and the
cluster's aadProfile.adminGroupObjectIDs, which make groups cluster-admin.
An admin role is Owner, Contributor, User Access Administrator, Role Based
Access Control Administrator, Azure Kubernetes Service Cluster Admin Role,
RBAC Cluster Admin, RBAC Admin or Contributor Role, or a custom role whose
actions include "*", role assignment writes, managedClusters writes, the
cluster-admin credential, or (as data actions) Kubernetes cluster role
binding writes.

Fails when an admin role is granted at a subscription, a management group
or the root (whoever the principal), or when more principals than the
threshold (config AdminThreshold, default 3) hold admin roles at the
cluster's scope or above. A group holding an admin role is unknown: its
membership, which decides whether it is broad (more members than the
threshold), is not in the inputs. So is an assignment whose principal type
the input does not state. A group the configuration lists in
reviewedAdminGroups (its membership reviewed and kept small by the user)
counts as one principal instead, and the evidence says so. An admin-role assignment whose role, scope or
principal the inputs leave unresolved is unknown too. No role assignment
in the inputs is decided as none: the evidence says so.`,
	Fix: rules.Fix{
		CLI: "az role assignment delete --assignee <principal-id> --role <role> --scope <broad-scope>; then grant a narrower role at the cluster: " +
			"az role assignment create --assignee <principal-id> --role \"Azure Kubernetes Service RBAC Reader\" --scope <cluster-id>",
		Terraform: "scope each azurerm_role_assignment with an admin role (role_definition_name or role_definition_id) to the cluster (scope = azurerm_kubernetes_cluster.<name>.id), not a subscription; " +
			"grant it to named users or small groups, at most the admin threshold of them",
		ARM: "scope each Microsoft.Authorization/roleAssignments with an admin properties.roleDefinitionId to the cluster (\"scope\" of the extension resource), " +
			"with properties.principalId naming few users or small groups",
	},
	Check: func(p *rules.Pass) {
		threshold := p.Config.AdminThreshold
		if threshold <= 0 {
			threshold = rules.DefaultConfig().AdminThreshold
		}
		floating := unscoped(p.Estate)
		for _, c := range p.Estate.Clusters {
			checkClusterAdmins(p, c, floating, threshold)
		}
	},
}

// admin is one principal holding an admin role over a cluster.
type admin struct {
	principal string // principal ID as written, for evidence
	via       string
	at        estate.Loc
}

func checkClusterAdmins(p *rules.Pass, c *estate.Cluster, floating []*estate.RoleAssignment, threshold int) {
	var o outcome
	admins := map[string]admin{} // by principal ID key
	addAdmin := func(id, via string, at estate.Loc) {
		k := strings.ToLower(id)
		if _, seen := admins[k]; !seen {
			admins[k] = admin{principal: id, via: via, at: at}
		}
	}

	covering := p.Estate.RoleAssignmentsCovering(c.ID)
	for _, a := range covering {
		r, known := RoleOf(p.Estate, a)
		at := atOf(a)
		if !known {
			o.unknown(at, "%s: %s", describe(a, r), r.Unresolved)
			continue
		}
		if !r.Admin() {
			continue
		}
		ev := describe(a, r)
		if isSubscriptionOrAbove(a.Scope.V) {
			o.fail(at, "%s: an admin role at subscription scope or above reaches every cluster below it", ev)
		}
		if !a.PrincipalID.Known() || a.PrincipalID.V == "" {
			o.unknown(at, "%s: the principal is not determined", ev)
			continue
		}
		if reviewed(p.Config, a.PrincipalID.V) {
			addAdmin(a.PrincipalID.V, ev+reviewedNote, at)
			continue
		}
		addAdmin(a.PrincipalID.V, ev, at)
		switch t := a.PrincipalType; {
		case !t.Known() || t.V == "":
			o.unknown(at, "%s: the principal type is not stated, and a group would be a broad principal whose membership is not in the scanned inputs", ev)
		case isGroup(t.V):
			o.unknown(at, "%s: the group's membership is not in the scanned inputs (a group of more than %d members is a broad principal)", ev, threshold)
		}
	}
	for _, a := range floating {
		r, known := RoleOf(p.Estate, a)
		if known && !r.Admin() {
			continue
		}
		o.unknown(atOf(a), "%s: the scope is not determined, so the assignment may cover this cluster", describe(a, r))
	}

	groups := c.AdminGroupObjectIDs
	switch {
	case !groups.Known():
		o.unknown(groups.Loc, "%s", groups.Evidence())
	default:
		for _, g := range groups.V {
			ev := fmt.Sprintf("group %q is cluster-admin through %s", g, groups.Loc.Path)
			if reviewed(p.Config, g) {
				addAdmin(g, ev+reviewedNote, groups.Loc)
				continue
			}
			addAdmin(g, ev, groups.Loc)
			o.unknown(groups.Loc, "%s: its membership is not in the scanned inputs (a group of more than %d members is a broad principal)", ev, threshold)
		}
	}

	list := sortedAdmins(admins)
	if len(admins) > threshold {
		o.fail(list[0].at, "%d principals hold admin roles at the cluster's scope or above, more than the threshold of %d: %s",
			len(admins), threshold, principals(list))
	}
	switch {
	case len(covering) == 0 && len(floating) == 0 && len(admins) == 0:
		o.pass(estate.Loc{}, "no role assignment covers the cluster: %s", none)
	case len(admins) == 0:
		o.pass(estate.Loc{}, "none of the %d role assignments covering the cluster grants an admin role", len(covering))
	default:
		o.pass(list[0].at, "%d principal(s) hold admin roles at the cluster's scope or above (threshold %d): %s",
			len(admins), threshold, strings.Join(vias(list), "; "))
	}
	o.report(p, c)
}

// reviewedNote is what the evidence says of a group the configuration
// declares reviewed: the verdict rests on the user's word, and says so.
const reviewedNote = " (a group declared reviewed in the configuration's reviewedAdminGroups: counted as one principal)"

// reviewed says whether the configuration declares the principal a
// reviewed admin group. Object IDs compare case-insensitively.
func reviewed(cfg rules.Config, principal string) bool {
	return slices.ContainsFunc(cfg.ReviewedAdminGroups, func(g string) bool { return strings.EqualFold(strings.TrimSpace(g), principal) })
}

func isGroup(principalType string) bool {
	return strings.EqualFold(principalType, "Group") || strings.EqualFold(principalType, "ForeignGroup")
}

func sortedAdmins(m map[string]admin) []admin {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]admin, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

func principals(list []admin) string {
	s := make([]string, len(list))
	for i, a := range list {
		s[i] = fmt.Sprintf("%q", a.principal)
	}
	return strings.Join(s, ", ")
}

func vias(list []admin) []string {
	s := make([]string, len(list))
	for i, a := range list {
		s[i] = a.via
	}
	return s
}
