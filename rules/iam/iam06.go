package iam

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// IAM06 flags clusters that authenticate with a service principal secret or
// share an identity with another cluster.
var IAM06 = &rules.Rule{
	ID:       "AKS-IAM-06",
	Title:    "Each cluster has its own managed identity: no service principal, no identity shared between clusters",
	Severity: rules.Medium,
	Section:  rules.IAM,
	Practice: "Dedicated managed identities for clusters",
	Doc: `A service principal authenticates with a client secret that someone must
store, rotate and keep from leaking, and that expires and breaks the
cluster when forgotten; a managed identity has no secret to handle. An
identity shared by two clusters holds the union of their permissions, so a
compromise of either cluster's nodes reaches both.

Reads the cluster's identity.type and servicePrincipalProfile.clientId
("msi" means a managed identity; Terraform: the identity and
service_principal blocks), the control-plane user-assigned identities
(identity.userAssignedIdentities) and the kubelet identity
(identityProfile.kubeletidentity resourceId and clientId; Terraform:
kubelet_identity). Fails when the cluster uses a service principal, or
when a service principal client ID, control-plane user-assigned identity
or kubelet identity of the cluster is also one of another cluster of the
estate (the evidence names it). A value the inputs leave unresolved is
unknown: it may be shared.`,
	Fix: rules.Fix{
		CLI: "az aks update -g <resource-group> -n <cluster> --enable-managed-identity --assign-identity <this-cluster's-own-identity-id> " +
			"--assign-kubelet-identity <this-cluster's-own-kubelet-identity-id> (create one user-assigned identity per cluster and role)",
		Terraform: "replace the service_principal block with identity { type = \"UserAssigned\", identity_ids = [<this cluster's own identity>] } " +
			"and give kubelet_identity { user_assigned_identity_id, client_id, object_id } an identity no other cluster uses (same names in azurerm v3 and v4)",
		ARM: "set identity.type to SystemAssigned (or UserAssigned with an identity of this cluster only), drop properties.servicePrincipalProfile's secret, " +
			"and give properties.identityProfile.kubeletidentity an identity no other cluster uses",
	},
	Check: func(p *rules.Pass) {
		ids := make([]clusterIdentities, len(p.Estate.Clusters))
		for i, c := range p.Estate.Clusters {
			ids[i] = identitiesOf(c)
		}
		holders := identityHolders(ids)
		for i, c := range p.Estate.Clusters {
			var o outcome
			judgeCredential(&o, c)
			judgeSharing(&o, ids, holders, i)
			o.report(p, c)
		}
	},
}

// judgeCredential decides managed identity versus service principal.
func judgeCredential(o *outcome, c *estate.Cluster) {
	typ, sp := c.IdentityType, c.ServicePrincipalClientID
	managed := typ.Known() && (strings.EqualFold(typ.V, "SystemAssigned") || strings.EqualFold(typ.V, "UserAssigned"))
	switch {
	case managed:
		o.pass(typ.Loc, "%s (managed identity)", typ.Evidence())
	case sp.Known() && strings.EqualFold(sp.V, "msi"):
		o.pass(sp.Loc, "%s (managed identity)", sp.Evidence())
	case sp.Known() && sp.V != "":
		o.fail(sp.Loc, "uses a service principal with a secret: %s; %s", sp.Evidence(), typ.Evidence())
	case typ.Known() && strings.EqualFold(typ.V, "None") && sp.Known():
		o.unknown(typ.Loc, "neither a managed identity nor a service principal is declared: %s; %s", typ.Evidence(), sp.Evidence())
	case typ.Known() && strings.EqualFold(typ.V, "None"):
		// No managed identity: AKS then needs a service principal, whatever
		// its unresolved client ID turns out to be.
		o.fail(typ.Loc, "uses a service principal with a secret: %s; %s", typ.Evidence(), sp.Evidence())
	case !typ.Known():
		o.unknown(typ.Loc, "%s; %s", typ.Evidence(), sp.Evidence())
	default:
		o.unknown(typ.Loc, "unrecognised identity: %s; %s", typ.Evidence(), sp.Evidence())
	}
}

// identity is one identity a cluster uses, under a key comparable across
// clusters: resource IDs and client IDs live in separate namespaces.
type identity struct {
	key  string // "rid:<lower id>" or "cid:<lower client id>"
	role string // "kubelet identity", "control-plane identity", "service principal"
	what string // evidence: the property path and value
	at   estate.Loc
}

type clusterIdentities struct {
	c        *estate.Cluster
	idKey    string // c.ID.Key(), computed once
	known    []identity
	unknowns []note
}

func identitiesOf(c *estate.Cluster) clusterIdentities {
	ci := clusterIdentities{c: c, idKey: c.ID.Key()}
	add := func(key, value, role string, at estate.Loc, def string) {
		what := fmt.Sprintf("%s %s = %q", role, pathOr(at, def), value)
		ci.known = append(ci.known, identity{key: key, role: role, what: what, at: at})
	}
	unknown := func(at estate.Loc, ev string) {
		ci.unknowns = append(ci.unknowns, note{at, "cannot tell whether it is shared with another cluster: " + ev})
	}

	if sp := c.ServicePrincipalClientID; sp.Known() {
		if sp.V != "" && !strings.EqualFold(sp.V, "msi") {
			add("cid:"+strings.ToLower(sp.V), sp.V, "service principal", sp.Loc, "servicePrincipalProfile.clientId")
		}
	} else if !isManaged(c) {
		unknown(sp.Loc, sp.Evidence())
	}
	if u := c.UserAssignedIdentities; u.Known() {
		for _, id := range u.V {
			if id != "" {
				add("rid:"+id.Key(), string(id), "control-plane identity", u.Loc, "identity.userAssignedIdentities")
			}
		}
	} else if !(c.IdentityType.Known() && !strings.EqualFold(c.IdentityType.V, "UserAssigned")) {
		unknown(u.Loc, u.Evidence())
	}
	if k := c.KubeletIdentityResourceID; !k.Known() {
		unknown(k.Loc, k.Evidence())
	} else if k.V != "" {
		add("rid:"+k.V.Key(), string(k.V), "kubelet identity", k.Loc, "identityProfile.kubeletidentity.resourceId")
	}
	if k := c.KubeletIdentityClientID; !k.Known() {
		unknown(k.Loc, k.Evidence())
	} else if k.V != "" {
		add("cid:"+strings.ToLower(k.V), k.V, "kubelet identity", k.Loc, "identityProfile.kubeletidentity.clientId")
	}
	return ci
}

func isManaged(c *estate.Cluster) bool {
	t := c.IdentityType
	return t.Known() && (strings.EqualFold(t.V, "SystemAssigned") || strings.EqualFold(t.V, "UserAssigned"))
}

func pathOr(l estate.Loc, def string) string {
	if l.Path != "" {
		return l.Path
	}
	return def
}

// holder is a cluster (its index) holding an identity in a role.
type holder struct {
	cluster int
	role    string
}

// identityHolders indexes the clusters by the identities they hold, in
// cluster order, so that sharing is found without comparing every pair of
// clusters (a tree of thousands of environments has thousands of clusters).
func identityHolders(all []clusterIdentities) map[string][]holder {
	idx := make(map[string][]holder)
	for j, ci := range all {
		for _, id := range ci.known {
			idx[id.key] = append(idx[id.key], holder{j, id.role})
		}
	}
	return idx
}

// judgeSharing compares cluster i's identities with every other cluster's.
func judgeSharing(o *outcome, all []clusterIdentities, holders map[string][]holder, i int) {
	me := all[i]
	shared := false
	for _, mine := range me.known {
		for _, h := range holders[mine.key] {
			other := all[h.cluster]
			if h.cluster == i || other.idKey == me.idKey || sameClusterElsewhere(me.c, other.c) {
				continue
			}
			shared = true
			o.fail(mine.at, "%s is shared with cluster %q, as its %s", mine.what, clusterName(other.c), h.role)
		}
	}
	for _, u := range me.unknowns {
		o.unknown(u.at, "%s", u.text)
	}
	if !shared && len(me.unknowns) == 0 {
		if len(me.known) == 0 {
			o.pass(estate.Loc{}, "no service principal, user-assigned or kubelet identity is named: AKS creates the cluster's own")
			return
		}
		whats := make([]string, len(me.known))
		for k, id := range me.known {
			whats[k] = id.what
		}
		o.pass(me.known[0].at, "not shared with another cluster in the scanned inputs: %s", strings.Join(whats, ", "))
	}
}

func clusterName(c *estate.Cluster) string {
	if c.Name != "" {
		return c.Name
	}
	return string(c.ID)
}

// sameClusterElsewhere reports whether two clusters are one cluster seen
// through two kinds of input: declared in a template or Terraform and read
// from an export of the deployed estate. Their IDs differ (templates use
// placeholder subscriptions) but their names do not, and the identity they
// "share" is their own.
func sameClusterElsewhere(a, b *estate.Cluster) bool {
	return a.Source != b.Source && strings.EqualFold(a.Name, b.Name)
}
