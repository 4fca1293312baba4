package azurerm

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// Resource is one Terraform resource instance as an attribute tree.
type Resource struct {
	// Address is the full address: module.aks.azurerm_kubernetes_cluster.this["prod"].
	Address string
	// Config is the configuration the resource belongs to: its root module
	// directory, or its plan file. An address is unique only within one
	// configuration, so the IDs and symbols built from it are scoped by
	// Config (see ScopedAddress).
	Config string
	// Type is the resource type, e.g. "azurerm_kubernetes_cluster".
	Type string
	// Values is the object of the instance's attributes and nested blocks.
	// Nested blocks are lists of objects (as in plan JSON), whatever their
	// nesting mode. Values that are not known before apply are cty unknowns;
	// attributes the configuration leaves out are absent or null.
	Values cty.Value
	// File and Line locate the resource block.
	File string
	Line int
	// Attrs locates attributes and nested blocks by path: "local_account_disabled",
	// "network_profile.0.network_policy", "default_node_pool.0". Paths use
	// numeric indexes for block lists, as plan JSON does.
	Attrs map[string]AttrInfo
	// Ignores are the inline ignore comments on the block or its attributes.
	Ignores []estate.InlineIgnore
}

// AttrInfo says where an attribute was written and, for an unresolved one,
// what expression it came from.
type AttrInfo struct {
	Line int
	// Expr is the source text of the expression ("var.private", "azurerm_subnet.nodes.id"),
	// used in evidence when the value is unknown.
	Expr string
	// Reason says why the value is unknown, when it is.
	Reason string
}

// Adapt turns resources into the estate. Resource types that the catalog
// does not read are skipped; values that do not fit the provider's schema
// give warnings, and the settings they hold are unresolved. See doc.go for
// the conventions.
func Adapt(rs []Resource) source.Result {
	a := &adapter{out: &estate.Estate{}}
	for i := range rs {
		a.adapt(&rs[i])
	}
	return source.Result{Estate: a.out, Diagnostics: a.diags}
}
