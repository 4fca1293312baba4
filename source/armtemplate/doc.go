// Package armtemplate evaluates ARM deployment templates into the ARM
// resource JSON they would deploy, which package armjson adapts into the
// estate.
//
// Evaluate resolves what a template file and its parameters file determine:
// parameters (given values, then defaults), variables (with copy loops),
// user-defined functions, resource and property copy loops, conditions, child
// resources nested in "resources", and nested deployments with an inline
// template (inner and outer expression scope). Expressions ("[...]" strings)
// are evaluated with the function library in lib*.go, which the Bicep reader
// reuses through Library.
//
// What only a deployment knows is an armjson Unknown node with the reason:
// reference(), list*(), environment(), utcNow(), newGuid(), Key Vault
// parameter references, parameters without a value, and anything that
// depends on them. Unknowns propagate through the functions that consume
// them; an if() with a known condition picks its branch. Values known only
// at deployment raise no diagnostic, as every template has them; the
// Unknown's reason reaches the finding. Evaluation never fails: what ARM
// would reject (an unsupported function, a missing property, an index out of
// range) becomes Unknown with a warning diagnostic at the template line, as
// do parameters without a value and conditions, loop counts and names that
// cannot be resolved. Only unreadable input (malformed JSON, a template of
// the wrong shape) is an error. Copy loops, nesting and the work one
// evaluation may do are bounded, so hostile input ends with a warning.
//
// # The deployment context
//
// A template file does not say where it is deployed, so resourceGroup(),
// subscription() and the IDs of resources answer from deterministic
// placeholders (Options may give real values): subscription
// 00000000-0000-0000-0000-000000000000, resource group "rg", tenant
// 00000000-0000-0000-0000-000000000000. The IDs resourceId() computes and the
// IDs of the template's own resources agree, so joins between them resolve.
// The location is Unknown unless Options.Location gives it: a made-up region
// would send lookups keyed by region astray. The deployment's scope
// (resource group, subscription, management group, tenant) comes from the
// template's $schema.
//
// # The resources produced
//
// Each resource node looks like the ARM API's: "id" is computed as ARM does
// (child segments interleaved; extension resources, whether given a "scope"
// or written through their parent's type as
// "Microsoft.Network/networkSecurityGroups/providers/diagnosticSettings",
// carry their target's ID before "/providers/"), "type" is the full type
// (the extension's own for extension resources) and "name" the last
// segment. Template-only members (dependsOn, copy, condition, scope,
// resources, comments) are dropped, with two exceptions the adapter can
// read: a resource whose condition cannot be resolved keeps "condition" as
// an Unknown node, and one that stands for a copy loop of unknown count
// carries "copy": {"name": ..., "count": Unknown}. A name that cannot be
// resolved gives an ID with an "unresolved-name-line-N" placeholder, unique
// per template line and copy index, while "name" stays Unknown.
// Microsoft.Resources/deployments resources are not produced themselves:
// their templates' resources are.
//
// Every value carries the template line it came from: the line of the
// property whose expression produced it, or the line of the template text
// (a variable's object, a parameter's default) it was taken from. Values
// from the parameters file carry the line of the parameter's declaration.
package armtemplate
