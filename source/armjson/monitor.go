package armjson

import "github.com/aksguard/aksguard/estate"

// workspace adapts Microsoft.OperationalInsights/workspaces (30 days of
// retention unless set).
func (a *adapter) workspace(r *res) {
	a.out.Workspaces = append(a.out.Workspaces, &estate.Workspace{
		Meta:          r.meta(),
		RetentionDays: r.props.integer("retentionInDays").Or(30),
	})
}

// diagnosticSetting adapts Microsoft.Insights/diagnosticSettings. Its target
// is the resource its ID is attached to (a template says it in "scope").
func (a *adapter) diagnosticSetting(r *res) {
	p := r.props
	d := &estate.DiagnosticSetting{
		Meta:        r.meta(),
		Target:      r.scope(),
		WorkspaceID: p.id("workspaceId").Or(""),
		StorageID:   p.id("storageAccountId").Or(""),
		EventHubID:  p.str("eventHubAuthorizationRuleId").Or(""),
	}
	d.Logs = logCategories(p)
	a.out.DiagnosticSettings = append(a.out.DiagnosticSettings, d)
}

// logCategories reads logs[]. An entry whose category cannot be resolved
// makes the whole list unresolved: a rule cannot tell which log it sends.
func logCategories(p obj) estate.Value[[]estate.LogCategory] {
	elems, at, why := p.items("logs")
	switch {
	case why != "":
		return estate.Unresolved[[]estate.LogCategory](at.loc(), why)
	case !at.present():
		return estate.Defaulted([]estate.LogCategory(nil), at.loc())
	}
	out := []estate.LogCategory{}
	for _, e := range elems {
		cat, group := e.str("category"), e.str("categoryGroup")
		for _, f := range []field[string]{cat, group} {
			if f.reason != "" {
				return estate.Unresolved[[]estate.LogCategory](f.loc, f.reason)
			}
		}
		if !cat.present && !group.present {
			if e.present() && e.n.Kind == Unknown {
				return estate.Unresolved[[]estate.LogCategory](e.loc(), unknownReason(e.n))
			}
			continue // names no log: sends nothing
		}
		out = append(out, estate.LogCategory{
			Category:      cat.v,
			CategoryGroup: group.v,
			// The API requires enabled on every entry.
			Enabled: e.boolean("enabled").OrUnknown("enabled is not set"),
		})
	}
	return estate.Set(out, at.loc())
}

// scope returns the scope an extension resource (diagnostic setting, role
// assignment, lock, pricing) applies to: the first of explicit that the input
// sets, else a template's "scope" member, else the scope its ID spells.
func (r *res) scope(explicit ...field[estate.ResourceID]) estate.Value[estate.ResourceID] {
	for _, f := range explicit {
		if f.present {
			return f.Or("")
		}
	}
	if f := r.root.id("scope"); f.present {
		return f.Or("")
	}
	at := r.root.at("id")
	if !at.present() {
		// The ID was built from type and name: it holds a scope only when
		// the input gave a subscription or resource group.
		if prefix := scopePrefix(r.Node); prefix != "" {
			return estate.Set(estate.ResourceID(prefix), r.root.loc())
		}
		return estate.Unresolved[estate.ResourceID](at.loc(), "the resource has neither an id nor a scope")
	}
	s := extensionScope(r.id)
	if s == "" {
		return estate.Unresolved[estate.ResourceID](at.loc(), "the id names no scope")
	}
	return estate.Set(s, at.loc())
}
