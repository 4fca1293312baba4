// Package terraform reads a Terraform root module (HCL, *.tf and *.tf.json)
// and the modules it calls, evaluates it the way `terraform plan` would up
// to what only apply can know, and hands the azurerm and kubernetes
// resource instances to the adapter in package azurerm.
//
// # Evaluation
//
// Files are parsed with hashicorp/hcl/v2 (concurrently when a module has
// several). Root variables take their values with Terraform's precedence,
// later winning: TF_VAR_name in Options.Env, terraform.tfvars,
// terraform.tfvars.json, *.auto.tfvars(.json) in lexical order,
// Options.VarFiles in order, Options.Vars. Values from -var and TF_VAR_
// are strings, parsed as HCL for variables of non-primitive types, as
// Terraform does. Type constraints apply with their optional() defaults
// (ext/typeexpr). Variables, locals, resources, data sources, module calls
// and outputs are evaluated in dependency order; a cycle is an error and
// leaves the objects on it unknown. count and for_each expand into
// instances addressed x.y[0] and x.y["k"]; dynamic blocks expand from the
// syntax tree (hcl's ext/dynblock needs a schema per block type, which
// without the provider's schema we do not have; the semantics are the
// same: one block per element of for_each, the iterator holding key and
// value). The functions are go-cty's standard library where Terraform uses
// it, plus Terraform's own (try, can, cidrsubnet, templatefile, file, …);
// file paths are relative to the root module, as when Terraform runs there.
//
// Local modules (source "./x", "../x") are read from disk, recursively.
// Other sources are found through .terraform/modules/modules.json when
// terraform init has run; otherwise each such call is an error diagnostic
// saying the module was not scanned.
//
// # Unknown values
//
// Anything Terraform cannot know before apply is a cty unknown, never a
// guess: a variable without value, a computed attribute of a resource, a
// data source's result, timestamp(). The attribute's AttrInfo then holds
// the expression's source text and the root cause ("var.region has no
// value: …", "azurerm_kubernetes_cluster.aks.fqdn is known only after
// apply").
//
// # References become links
//
// Resource IDs and a few computed attributes are not left unknown, because
// the rules join resources through them. Every resource and data source
// instance has an id, azurerm.SyntheticID of its type, address and
// attributes: an ARM ID in the placeholder subscription
// 00000000-0000-0000-0000-000000000000 when its name, resource group and
// parents are known (so that a role assignment scoped to the resource
// group covers the cluster), else its address. The adapter gives the
// resource the same ID, so
//
//	target_resource_id = azurerm_kubernetes_cluster.aks.id
//
// evaluates to the ID of the cluster the adapter builds, also when the
// reference passes through module inputs and outputs. Computed attributes
// that other resources join on get the value azurerm.SyntheticAttr gives
// them: the symbol "tfref:<address>.<path>" for a firewall's private IP
// (azurerm_firewall.hub.ip_configuration[0].private_ip_address), a
// cluster's kubelet and control-plane identity, a user-assigned identity's
// principal and client IDs; derived values where they follow from the
// configuration (a registry's login_server is lower(name)+".azurecr.io",
// a Key Vault key's versionless_id is its ID). data.azurerm_client_config
// and data.azurerm_subscription give placeholder tenant and subscription
// IDs (and the subscription's ID, /subscriptions/<placeholder>), and
// symbols for the caller's object and client IDs. Every other computed
// attribute is unknown.
//
// These stand-ins appear only where a reference reads them; a resource's
// own Values hold what its configuration says.
//
// # Locations and ignores
//
// Every attribute and nested block is located by its path
// ("network_profile.0.network_policy") in Resource.Attrs, in the file of
// the module that declares it; Resource.Address is the full address
// (module.aks.azurerm_kubernetes_cluster.this["prod"]).
//
// A comment
//
//	# aksguard:ignore AKS-NET-01 reason text
//
// (or //) on the line above a resource block, an attribute or a nested
// block suppresses that rule there; several rules may be given separated
// by commas. The reason is required: an ignore without one is kept with an
// empty reason, which the policy reports and does not honour. An ignore
// above nothing it could apply to is reported as a warning.
//
// # Diagnostics
//
// A file that does not parse is an error with its file and line; the
// module's other files and the other modules are still read. Expressions
// that fail to evaluate are warnings, and the attributes they set are
// unknown with the error as the reason.
package terraform
