package azurerm

import (
	"github.com/aksguard/aksguard/estate"
)

// roleAssignment adapts azurerm_role_assignment, which names its role by
// role_definition_name or role_definition_id.
func (a *adapter) roleAssignment(r *resource) {
	root := r.root()
	a.out.RoleAssignments = append(a.out.RoleAssignments, &estate.RoleAssignment{
		Meta:             r.meta(),
		Scope:            root.id("scope").OrUnknown("scope is not set"),
		RoleDefinitionID: root.str("role_definition_id").Or(""),
		RoleName:         root.str("role_definition_name").Or(""),
		PrincipalID:      root.str("principal_id").OrUnknown("principal_id is not set"),
		PrincipalType:    root.str("principal_type").OrUnknown("principal_type is not set: Azure looks the principal up at deployment"),
	})
}

// roleDefinition adapts azurerm_role_definition. Its ID (SyntheticID) is
// also what role_definition_resource_id evaluates to (SyntheticAttr), so
// assignments that name it find it.
func (a *adapter) roleDefinition(r *resource) {
	root := r.root()
	scope := root.id("scope")
	d := &estate.RoleDefinition{
		Meta:     r.meta(),
		RoleName: root.str("name").OrUnknown("name is not set"),
	}
	// "The value for scope is automatically included in this list if no
	// other values supplied."
	var scopes []estate.ResourceID
	if scope.present && scope.reason == "" {
		scopes = []estate.ResourceID{scope.v}
	}
	assignable := root.strs("assignable_scopes")
	if !assignable.present && assignable.reason == "" && scope.reason != "" {
		d.AssignableScopes = estate.Unresolved[[]estate.ResourceID](scope.loc, scope.reason)
	} else {
		d.AssignableScopes = conv(assignable, toIDs).Or(scopes)
	}
	perms, at, why := root.blocks("permissions")
	actions := func(name string) estate.Value[[]string] {
		if why != "" {
			return estate.Unresolved[[]string](at.loc(), why)
		}
		var out []string
		for _, p := range perms {
			f := p.strs(name)
			if f.reason != "" {
				return estate.Unresolved[[]string](f.loc, f.reason)
			}
			out = append(out, f.v...)
		}
		if len(perms) == 0 {
			return estate.Defaulted(out, at.loc())
		}
		return estate.Set(out, perms[0].at(name).loc())
	}
	d.Actions = actions("actions")
	d.NotActions = actions("not_actions")
	d.DataActions = actions("data_actions")
	a.out.RoleDefinitions = append(a.out.RoleDefinitions, d)
}

// lock adapts azurerm_management_lock.
func (a *adapter) lock(r *resource) {
	root := r.root()
	a.out.Locks = append(a.out.Locks, &estate.Lock{
		Meta:  r.meta(),
		Scope: root.id("scope").OrUnknown("scope is not set"),
		Level: root.str("lock_level").OrUnknown("lock_level is not set"),
	})
}

// pricing adapts azurerm_security_center_subscription_pricing: a Defender
// plan of the provider's subscription, which the configuration does not
// name (PlaceholderSubscription), unless a plan gives the real ID.
func (a *adapter) pricing(r *resource) {
	root := r.root()
	m := r.meta()
	sub := "/subscriptions/" + PlaceholderSubscription
	if m.ID.IsARM() && m.ID.Subscription() != "" {
		sub = "/subscriptions/" + m.ID.Subscription()
	}
	a.out.DefenderPlans = append(a.out.DefenderPlans, &estate.DefenderPlan{
		Meta:  m,
		Scope: estate.Defaulted(estate.ResourceID(sub), root.loc().At("the provider's subscription")),
		Plan:  root.str("resource_type").Or(defaultPricingResourceType),
		Tier:  root.str("tier").OrUnknown("tier is not set"),
	})
}
