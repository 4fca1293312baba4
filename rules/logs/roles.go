package logs

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
)

// This classification is deliberately small and local: it answers only "can
// this role change or delete a Log Analytics workspace's data or settings?".
// It should be folded into rules/iam's role table once that package exports
// one.

// roleClass says what a role can do to a workspace.
type roleClass int

const (
	// unclassified: the role is neither in the table below nor defined in
	// the inputs, so what it grants is unknown.
	unclassified roleClass = iota
	readOnly
	writer
)

// builtinRole is a built-in Azure role this rule knows by ID and name.
type builtinRole struct {
	name  string
	class roleClass
}

// builtinRoles are keyed by the role definition GUID (the same in every
// tenant). Owner, Contributor and Log Analytics Contributor can write and
// delete workspaces; Monitoring Contributor holds
// Microsoft.OperationalInsights/workspaces/write (retention, table plans);
// User Access Administrator and Role Based Access Control Administrator can
// grant themselves any of those. The read-only roles are listed so that
// common assignments do not make the verdict unknown.
var builtinRoles = map[string]builtinRole{
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": {"Owner", writer},
	"b24988ac-6180-42a0-ab88-20f7382dd24c": {"Contributor", writer},
	"92aaf0da-9dab-42b6-94a3-d43ce8d16293": {"Log Analytics Contributor", writer},
	"749f88d5-cbae-40b8-bcfc-e573ddc772fa": {"Monitoring Contributor", writer},
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": {"User Access Administrator", writer},
	"f58310d9-a9f6-439a-9e8d-f62e7b41a168": {"Role Based Access Control Administrator", writer},

	"acdd72a7-3385-48ef-bd42-f606fba81ae7": {"Reader", readOnly},
	"73c42c96-874c-492b-b04d-ab87d138a893": {"Log Analytics Reader", readOnly},
	"43d0d8ad-25c7-4714-9337-8ba259a9fe05": {"Monitoring Reader", readOnly},
	"3913510d-42f4-4e42-8a64-420c390055eb": {"Monitoring Metrics Publisher", readOnly},
	"7f951dda-4ed3-4680-a7ca-43fe172d538d": {"AcrPull", readOnly},
	"8311e382-0749-4cb8-b61a-304f252e45ec": {"AcrPush", readOnly},
}

// writeProbes are the operations that change or delete a workspace or its
// data, or that let a principal grant itself a role that does. A custom role
// whose actions match one of them (and whose notActions do not) is a writer.
var writeProbes = []string{
	"Microsoft.OperationalInsights/workspaces/write",
	"Microsoft.OperationalInsights/workspaces/delete",
	"Microsoft.OperationalInsights/workspaces/purge/action",
	"Microsoft.OperationalInsights/workspaces/tables/write",
	"Microsoft.OperationalInsights/workspaces/tables/delete",
	"Microsoft.Authorization/roleAssignments/write",
}

// classify says what the role of assignment a can do to a workspace, and
// names the role for evidence. For an unclassified role the name says why.
func classify(e *estate.Estate, a *estate.RoleAssignment) (roleClass, string) {
	if a.RoleDefinitionID.Known() && a.RoleDefinitionID.V != "" {
		id := a.RoleDefinitionID.V
		if b, ok := builtinRoles[strings.ToLower(estate.ResourceID(id).Name())]; ok {
			return b.class, b.name
		}
		if d := e.RoleDefinition(id); d != nil {
			return classifyDefinition(d)
		}
	}
	if a.RoleName.Known() && a.RoleName.V != "" {
		for _, b := range builtinRoles {
			if strings.EqualFold(b.name, a.RoleName.V) {
				return b.class, b.name
			}
		}
		for _, d := range e.RoleDefinitions {
			if d.RoleName.Known() && strings.EqualFold(d.RoleName.V, a.RoleName.V) {
				return classifyDefinition(d)
			}
		}
		return unclassified, fmt.Sprintf("role %q (neither a built-in role this rule knows nor defined in the inputs)", a.RoleName.V)
	}
	if !a.RoleDefinitionID.Known() {
		return unclassified, fmt.Sprintf("a role that is not determined by the inputs (%s)", orDash(a.RoleDefinitionID.Reason))
	}
	return unclassified, fmt.Sprintf("role %s (neither a built-in role this rule knows nor defined in the inputs)", a.RoleDefinitionID.V)
}

// classifyDefinition reads a custom role's actions.
func classifyDefinition(d *estate.RoleDefinition) (roleClass, string) {
	name := d.Name
	if d.RoleName.Known() && d.RoleName.V != "" {
		name = d.RoleName.V
	}
	label := fmt.Sprintf("custom role %q", name)
	if !d.Actions.Known() || !d.NotActions.Known() {
		return unclassified, label + " (its actions are not determined by the inputs)"
	}
	for _, probe := range writeProbes {
		if matchesAny(d.Actions.V, probe) && !matchesAny(d.NotActions.V, probe) {
			return writer, label
		}
	}
	return readOnly, label
}

func matchesAny(patterns []string, op string) bool {
	for _, p := range patterns {
		if actionMatch(p, op) {
			return true
		}
	}
	return false
}

// actionMatch matches an Azure RBAC action pattern against an operation, as
// Azure does: case-insensitively, with "*" matching any run of characters
// (slashes included), so "*", "*/write" and "Microsoft.OperationalInsights/*"
// all match "Microsoft.OperationalInsights/workspaces/write".
func actionMatch(pattern, op string) bool {
	p, s := strings.ToLower(pattern), strings.ToLower(op)
	parts := strings.Split(p, "*")
	if len(parts) == 1 {
		return p == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, last)
}
