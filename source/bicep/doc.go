// Package bicep reads Bicep files natively, without the bicep CLI or .NET:
// it lexes, parses and evaluates a .bicep file (with its parameters and the
// local modules it calls) into the ARM resource JSON the template it
// compiles to would deploy, and adapts that JSON with package armjson, so
// that a Bicep file and its ARM JSON give the same estate and the same
// verdicts (a test holds the examples to it).
//
// # The language
//
// The lexer and the recursive-descent parser follow the Bicep compiler and
// the language reference: declarations (targetScope, metadata, param, var,
// resource, module, output, type, func, import, extension, assert, and in
// .bicepparam files using and param assignments) with decorators;
// expressions with the reference's operator precedence (! and unary -,
// * / %, + -, comparisons, == != =~ !~, &&, ||, ??, the ternary), string
// interpolation, multi-line strings, property access and indexing with the
// safe-dereference forms .? and [?], the non-null assertion !, the ::
// nested-resource accessor, spread (...), loops ([for x in list: ...], with
// an index, with if), lambdas, and type expressions (user-defined types,
// unions, tuples, resourceInput<...>), which are parsed so that the
// declaration after them is found but decide values only as int or bool.
// The KICS ANTLR grammar, the only other Go Bicep parser, lacks most of
// these (&&, ||, arithmetic, .?, ??, type expressions, func, import lists),
// so it is not used.
//
// A syntax error is an error diagnostic with the file, line and column; the
// declaration it is in is abandoned and parsing resumes at the next line
// that starts a declaration in column 1, so the rest of the file is still
// scanned.
//
// # Evaluation
//
// Expressions are evaluated with the ARM function library
// (armtemplate.Library), as the compiler turns Bicep into ARM expressions:
// a == b is equals(a, b), 'x${y}' is format('x{0}', y), a ?? b is
// coalesce(a, b), a.?b is tryGet(a, 'b'). Values known only at deployment
// are armjson Unknown nodes with the reason, and propagate. Bicep's own
// functions are here: loadTextContent, loadJsonContent, loadYamlContent and
// loadFileAsBase64 (read relative to the file, as the compiler inlines
// them), parseCidr, cidrSubnet, cidrHost, nameof, any, and the lambda
// functions map, filter, reduce, sort, toObject, groupBy and mapValues.
// readEnvironmentVariable(), getSecret() and deployer() are Unknown.
//
// The deployment context is the ARM evaluator's: the placeholder
// subscription, resource group and tenant unless Options gives them, the
// location Unknown unless given, the scope from targetScope. Resource IDs
// are computed as ARM computes them for the compiled template: parent: and
// nested resources join type and name with their parent's, scope: (aks,
// acr, workspace, resourceGroup('x'), subscription()) prefixes extension
// resources with the ID of what they extend, and existing resources are
// referred to but not deployed. A symbolic reference's id, name, type and
// apiVersion are known (so aks.id in a diagnostic setting or acr.id as a
// role assignment's scope link as they do in ARM JSON); any other member
// (aks.properties.identityProfile.kubeletidentity.objectId, location) is
// reference(), Unknown until deployment.
//
// Conditions and loops behave as the compiled template's conditions and
// copy loops: a false condition leaves the resource out (with its nested
// resources, to which the compiler extends the condition), an unknown one
// keeps it with a warning and a "condition" member, and a loop over an
// array that cannot be resolved gives one instance with unknown values and
// a "copy" member, so that its verdicts are unknown rather than missing.
//
// Modules from local paths are evaluated in place, once per instance, with
// their params, at their scope (resourceGroup('x') and the like), their
// outputs resolved for the caller: a module output that the compiled
// template could only read with reference() is known here when the module
// computes it before deployment. Their resources keep the module file as
// their location. A module that is an ARM JSON template is evaluated by
// package armtemplate at the module's target with its known params (its
// outputs are Unknown). Registry modules (br:, br/alias:) and template specs
// (ts:) cannot be fetched: each is an error diagnostic at its path, the
// module's outputs are Unknown, and the rest is scanned. import declarations
// bind exported variables, functions and types of local files.
//
// # Parameters
//
// Options.Parameters holds a .bicepparam file or a JSON deployment
// parameters file; ReadParams reads a .bicepparam file with the file its
// using declaration names. Parameter values are placed at the parameter's
// declaration in the .bicep file; string values are converted to a declared
// int or bool, as ARM converts them. A parameter without a value is Unknown
// (with a warning, unless it is @secure()).
//
// # Locations and inline ignores
//
// Every value carries the .bicep line of the property that set it (or of
// the literal it was taken from); each resource, the line of its resource
// keyword, in its own file. A comment "// aksguard:ignore RULE reason" on
// the line above a resource, or above one of its properties, becomes an
// inline ignore of that resource (the innermost when resources are nested);
// above a module declaration, of every resource the module deploys. An
// ignore above anything else is reported, since it suppresses nothing.
//
// # Limits
//
// Nesting in the source, the work an evaluation may do, loop lengths,
// module nesting and the number of module instances, and function call
// depth are bounded, so that hostile input ends with a diagnostic instead
// of hanging; what was not evaluated is Unknown.
package bicep
