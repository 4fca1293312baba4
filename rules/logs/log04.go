package logs

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// LOG04 checks that few principals can change or delete the logs, and that the
// workspace is locked against deletion.
var LOG04 = &rules.Rule{
	ID:       "AKS-LOG-04",
	Title:    "Few principals can change or delete the logs, and the workspace is locked",
	Severity: rules.Medium,
	Section:  rules.Audit,
	Practice: "Few people can change or delete the audit logs",
	Doc: `Audit logs are worth what their integrity is worth: anyone who can delete
the workspace, purge its tables or shorten its retention can erase the trace
of an intrusion. For every Log Analytics workspace in the inputs the rule
counts the distinct principals whose role assignments at the workspace, its
resource group, its subscription or a management group grant write or delete
(Owner, Contributor, Log Analytics Contributor, Monitoring Contributor, User
Access Administrator and Role Based Access Control Administrator, which can
grant themselves those, and custom roles whose actions match
Microsoft.OperationalInsights/workspaces/write, .../delete, .../purge/action,
.../tables/write or .../delete, or Microsoft.Authorization/roleAssignments/write,
such as "*" or "*/write"). The count must not exceed the configured
threshold (default 3). The workspace must also be under a CanNotDelete or
ReadOnly lock at its scope or above.

Every workspace of the inputs is judged, not only those named by the
diagnostic settings of clusters and registries: Container insights and
Defender send AKS data to workspaces that no diagnostic setting names, and
in an AKS scan a workspace is almost always one of those destinations.

Role assignments and locks that are not in the inputs are absent ("none in
the scanned inputs"). An assignment of a role that is neither a known
built-in role nor defined in the inputs, an unresolved scope, principal or
lock level, or (for workspaces known only by an IaC address) an assignment or
lock on a scope the inputs do not hold, which may be the workspace's resource
group, makes the count or the lock unknown.`,
	Fix: rules.Fix{
		CLI: "az lock create --name keep-logs --lock-type CanNotDelete --resource-group <rg> --resource-name <workspace> " +
			"--resource-type Microsoft.OperationalInsights/workspaces; remove surplus write access with " +
			"az role assignment delete --assignee <principal-id> --role <role> --scope <scope>",
		Terraform: `Add an azurerm_management_lock with scope = azurerm_log_analytics_workspace.<name>.id and lock_level = "CanNotDelete", ` +
			`and keep azurerm_role_assignment resources granting Owner, Contributor or Log Analytics Contributor at or above the workspace to a few principals.`,
		ARM: `Add a Microsoft.Authorization/locks resource scoped to the workspace with properties.level: "CanNotDelete", ` +
			`and keep Microsoft.Authorization/roleAssignments granting write roles at or above the workspace to a few principals.`,
	},
	Check: func(p *rules.Pass) {
		limit := p.Config.AdminThreshold
		if limit <= 0 {
			limit = rules.DefaultConfig().AdminThreshold
		}
		for _, w := range p.Estate.Workspaces {
			check04(p, w, limit)
		}
	},
}

// partVerdict is the verdict of one half of LOG-04 with its evidence.
type partVerdict struct {
	v        rules.Verdict
	evidence string
	at       estate.Loc
}

func check04(p *rules.Pass, w *estate.Workspace, limit int) {
	admins := judgeWriters(p.Estate, w.ID, limit)
	lock := judgeLock(p.Estate, w.ID)
	evidence := admins.evidence + "; " + lock.evidence
	switch {
	case admins.v == rules.Failed:
		p.Failf(w, admins.at, "%s", evidence)
	case lock.v == rules.Failed:
		p.Failf(w, lock.at, "%s", evidence)
	case admins.v == rules.Unknown:
		p.Unknownf(w, admins.at, "%s", evidence)
	case lock.v == rules.Unknown:
		p.Unknownf(w, lock.at, "%s", evidence)
	default:
		p.Passf(w, lock.at, "%s", evidence)
	}
}

// mayCover reports whether scope might contain id although the inputs cannot
// show it: one of them is an IaC address (no ARM ID before deployment) and the
// scope names no resource the inputs hold, so it may be a resource group or
// subscription. Two ARM IDs are compared exactly by Covers.
func mayCover(e *estate.Estate, scope, id estate.ResourceID) bool {
	if scope.Covers(id) || (scope.IsARM() && id.IsARM()) {
		return false
	}
	return e.Lookup(scope) == nil
}

// judgeWriters counts the principals with write or delete roles over id.
func judgeWriters(e *estate.Estate, id estate.ResourceID, limit int) partVerdict {
	sure := map[string]string{} // principal key → description
	var maybe []string
	var at estate.Loc
	consider := func(a *estate.RoleAssignment, certain bool, scopeNote string) {
		class, role := classify(e, a)
		if class == readOnly {
			return
		}
		principal := "principal not determined by the inputs"
		if a.PrincipalID.Known() && a.PrincipalID.V != "" {
			principal = a.PrincipalID.V
		}
		desc := fmt.Sprintf("%s (%s at %s)", principal, role, scopeNote)
		if class == writer && certain && a.PrincipalID.Known() && a.PrincipalID.V != "" {
			k := strings.ToLower(a.PrincipalID.V)
			if _, dup := sure[k]; !dup {
				sure[k] = desc
			}
			if at == (estate.Loc{}) {
				at = a.Loc
			}
			return
		}
		maybe = append(maybe, desc)
	}
	for _, a := range e.RoleAssignmentsCovering(id) {
		consider(a, true, string(a.Scope.V))
	}
	for _, a := range e.RoleAssignments {
		switch {
		case !a.Scope.Known():
			consider(a, false, "a scope not determined by the inputs")
		case mayCover(e, a.Scope.V, id):
			consider(a, false, fmt.Sprintf("%s, which may contain the workspace", a.Scope.V))
		}
	}

	list := make([]string, 0, len(sure))
	for _, d := range sure {
		list = append(list, d)
	}
	sort.Strings(list)
	n := len(sure)
	switch {
	case n > limit:
		return partVerdict{rules.Failed, fmt.Sprintf("%d principals can write or delete the workspace (at most %d allowed): %s", n, limit, capList(list)), at}
	case n+len(maybe) > limit:
		return partVerdict{rules.Unknown, fmt.Sprintf("%d principals can certainly write or delete the workspace (at most %d allowed)%s, and %d more may: %s",
			n, limit, listSuffix(list), len(maybe), capList(maybe)), at}
	case n == 0:
		return partVerdict{rules.Passed, fmt.Sprintf("no role assignment grants write or delete on the workspace or above (none in the scanned inputs; at most %d allowed)", limit), at}
	}
	return partVerdict{rules.Passed, fmt.Sprintf("%d principals can write or delete the workspace (at most %d allowed): %s", n, limit, capList(list)), at}
}

// judgeLock looks for a CanNotDelete or ReadOnly lock over id.
func judgeLock(e *estate.Estate, id estate.ResourceID) partVerdict {
	var unsure []string
	var at estate.Loc
	for _, l := range e.LocksCovering(id) {
		switch {
		case l.Level.Known() && (strings.EqualFold(l.Level.V, "CanNotDelete") || strings.EqualFold(l.Level.V, "ReadOnly")):
			return partVerdict{rules.Passed, fmt.Sprintf("lock %q (%s) at %s", l.Name, l.Level.V, l.Scope.V), l.Level.Loc}
		case !l.Level.Known():
			unsure = append(unsure, fmt.Sprintf("lock %q at %s: %s", l.Name, l.Scope.V, l.Level.Evidence()))
			at = l.Level.Loc
		}
	}
	for _, l := range e.Locks {
		switch {
		case !l.Scope.Known():
			unsure = append(unsure, fmt.Sprintf("lock %q: %s", l.Name, l.Scope.Evidence()))
			at = l.Scope.Loc
		case mayCover(e, l.Scope.V, id):
			unsure = append(unsure, fmt.Sprintf("lock %q at %s, which may contain the workspace", l.Name, l.Scope.V))
			at = l.Scope.Loc
		}
	}
	if len(unsure) > 0 {
		return partVerdict{rules.Unknown, "no lock certainly covers the workspace: " + capList(unsure), at}
	}
	return partVerdict{rules.Failed, "no CanNotDelete or ReadOnly lock on the workspace, its resource group or subscription (none in the scanned inputs)", at}
}

// capList joins at most ten items, so that evidence stays readable.
func capList(items []string) string {
	const most = 10
	if len(items) <= most {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:most], ", ") + fmt.Sprintf(" and %d more", len(items)-most)
}

func listSuffix(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return " (" + capList(list) + ")"
}
