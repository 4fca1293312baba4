// Package azurerm adapts Terraform resources of the azurerm provider (and the
// kubernetes provider's workload resources) into the estate. Its input is an
// attribute tree per resource instance, which both the HCL evaluator
// (package source/terraform) and the plan JSON reader (source/tfplan) produce,
// so one adapter serves both. It is the only place where azurerm 3.x and 4.x
// attribute names are reconciled and where provider defaults are applied.
//
// # Values
//
// Every estate value is filled: Explicit when the configuration sets the
// attribute, Default when it leaves it out (the provider's documented
// default, or Azure's where the provider sends nothing), Unknown when it is
// set to something not known before apply (the reason comes from
// Resource.Attrs: "var.private has no value", "azurerm_subnet.x.id is known
// only after apply"). Locations are the file and line of the attribute, or
// of the enclosing block when it is missing, and the attribute path as a
// user writes it ("api_server_access_profile.authorized_ip_ranges",
// "security_rule[1].destination_port_range").
//
// # azurerm 3.x and 4.x
//
// Every renamed attribute is read under both names (4.x first). A
// resource's dialect is guessed from the names only one major version
// knows; a defaulted renamed attribute is named in that dialect, or, when
// the configuration shows neither, as "host_encryption_enabled (azurerm 3.x:
// enable_host_encryption)". Where the two versions behave differently the
// adapter decides as follows:
//
//   - azure_active_directory_role_based_access_control without "managed":
//     4.x has no such field and the block means AKS-managed Entra ID; so
//     does a configuration that shows no 3.x name. 3.x sent a legacy
//     profile, so a legacy configuration (client_app_id/server_app_id) is
//     not managed, and a 3.x configuration without them is unknown.
//   - network_profile absent: both versions' documentation says kubenet,
//     but neither provider sends a plugin: AKS chooses it by Kubernetes
//     version. The plugin (and its mode) is unknown, with that reason; the
//     policy, data plane and outbound type keep their documented defaults.
//
// # IDs and links
//
// Meta.ID is SyntheticID (ids.go), the value the readers give to
// references to "<address>.id", so references join in estate.Link. Blocks
// declared inline (default node pool, subnets of a virtual network, NSG
// rules, routes) get the ARM child ID under their parent's. Kubernetes
// objects get estate.KubeID and their Kubernetes name, as the manifests
// reader gives them, so that rules about namespaces match them and the same
// object read from YAML merges with them.
package azurerm
