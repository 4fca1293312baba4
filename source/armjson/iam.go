package armjson

import "github.com/aksguard/aksguard/estate"

// roleAssignment adapts Microsoft.Authorization/roleAssignments, from the API
// (properties.scope) or `az role assignment list` (flattened, with the role's
// name in roleDefinitionName).
func (a *adapter) roleAssignment(r *res) {
	p := r.props
	a.out.RoleAssignments = append(a.out.RoleAssignments, &estate.RoleAssignment{
		Meta:             r.meta(),
		Scope:            r.scope(p.id("scope")),
		RoleDefinitionID: p.str("roleDefinitionId").OrUnknown("roleDefinitionId is not set"),
		RoleName:         p.str("roleDefinitionName").Or(""),
		PrincipalID:      p.str("principalId").OrUnknown("principalId is not set"),
		PrincipalType:    p.str("principalType").Or("User"),
	})
}

// roleDefinition adapts Microsoft.Authorization/roleDefinitions; the actions
// of all its permissions entries are joined.
func (a *adapter) roleDefinition(r *res) {
	p := r.props
	d := &estate.RoleDefinition{
		Meta:             r.meta(),
		RoleName:         p.str("roleName").Or(""),
		AssignableScopes: conv(p.strs("assignableScopes"), toIDs).Or(nil),
	}
	perms, at, why := p.items("permissions")
	actions := func(key string) estate.Value[[]string] {
		if why != "" {
			return estate.Unresolved[[]string](at.loc(), why)
		}
		var out []string
		loc := at.loc()
		for _, e := range perms {
			f := e.strs(key)
			if f.reason != "" {
				return estate.Unresolved[[]string](f.loc, f.reason)
			}
			out = append(out, f.v...)
		}
		if !at.present() {
			return estate.Defaulted(out, loc)
		}
		return estate.Set(out, loc)
	}
	d.Actions = actions("actions")
	d.NotActions = actions("notActions")
	d.DataActions = actions("dataActions")
	a.out.RoleDefinitions = append(a.out.RoleDefinitions, d)
}

// lock adapts Microsoft.Authorization/locks; its scope is in its ID.
func (a *adapter) lock(r *res) {
	a.out.Locks = append(a.out.Locks, &estate.Lock{
		Meta:  r.meta(),
		Scope: r.scope(),
		Level: r.props.str("level").OrUnknown("level is not set"),
	})
}

// pricing adapts Microsoft.Security/pricings: a Defender plan (its name) at
// subscription or resource scope (its ID's scope).
func (a *adapter) pricing(r *res) {
	a.out.DefenderPlans = append(a.out.DefenderPlans, &estate.DefenderPlan{
		Meta:  r.meta(),
		Scope: r.scope(),
		Plan:  estate.Set(r.name, r.root.at("name").loc()),
		Tier:  r.props.str("pricingTier").OrUnknown("pricingTier is not set"),
	})
}
