package azurerm

import (
	"github.com/aksguard/aksguard/estate"
)

// workspace adapts azurerm_log_analytics_workspace.
func (a *adapter) workspace(r *resource) {
	a.out.Workspaces = append(a.out.Workspaces, &estate.Workspace{
		Meta:          r.meta(),
		RetentionDays: r.root().integer("retention_in_days").Or(30),
	})
}

// diagnosticSetting adapts azurerm_monitor_diagnostic_setting. Its logs are
// enabled_log blocks (4.x, and 3.x from 3.39) or log blocks (3.x, removed in
// 4.0), which also had an enabled flag.
func (a *adapter) diagnosticSetting(r *resource) {
	r.detect([]string{"log"}, nil)
	root := r.root()
	a.out.DiagnosticSettings = append(a.out.DiagnosticSettings, &estate.DiagnosticSetting{
		Meta:        r.meta(),
		Target:      root.id("target_resource_id").OrUnknown("target_resource_id is not set"),
		WorkspaceID: root.id("log_analytics_workspace_id").Or(""),
		StorageID:   root.id("storage_account_id").Or(""),
		EventHubID:  root.str("eventhub_authorization_rule_id").Or(""),
		Logs:        logCategories(root),
	})
}

// logCategories reads the log blocks. A block whose category cannot be
// resolved makes the whole list unresolved: a rule cannot tell which log it
// sends.
func logCategories(root node) estate.Value[[]estate.LogCategory] {
	var out []estate.LogCategory
	var first *node
	for _, name := range []string{"enabled_log", "log"} {
		elems, at, why := root.blocks(name)
		if why != "" {
			return estate.Unresolved[[]estate.LogCategory](at.loc(), why)
		}
		if len(elems) > 0 && first == nil {
			first = &at
		}
		for _, e := range elems {
			cat, group := e.str("category"), e.str("category_group")
			for _, f := range []field[string]{cat, group} {
				if f.reason != "" {
					return estate.Unresolved[[]estate.LogCategory](f.loc, f.reason)
				}
			}
			if !cat.present && !group.present {
				continue // names no log: sends nothing
			}
			enabled := estate.Defaulted(true, e.loc()) // an enabled_log block is enabled
			if name == "log" {
				enabled = e.boolean("enabled").Or(true)
			}
			out = append(out, estate.LogCategory{Category: cat.v, CategoryGroup: group.v, Enabled: enabled})
		}
	}
	if first == nil {
		// enabled_log exists since 3.39, so it is the name to use unless the
		// configuration writes log.
		name := "enabled_log"
		if root.r.dialect == dialectV3 {
			name = "log"
		}
		return estate.Defaulted([]estate.LogCategory(nil), root.at(name).loc())
	}
	return estate.Set(out, first.loc())
}
