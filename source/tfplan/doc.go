// Package tfplan reads the JSON form of a Terraform plan
// (`terraform show -json plan.out > plan.json`) with hashicorp/terraform-json
// and hands the azurerm and kubernetes resource instances it plans to the
// adapter in package azurerm, as package terraform does for HCL.
//
// Values come from planned_values (the root module and its child modules).
// What after_unknown marks is a cty unknown: the plan leaves such values
// out or null.
//
// References become links as in the HCL reader: an attribute the plan does
// not know, whose expression in the plan's configuration is a single
// reference to a resource's ID or to an attribute of the stand-in scheme
// of package azurerm (a firewall's private IP, a kubelet identity's object
// ID), takes the value the adapter gives that resource or attribute. The
// reference is followed through module outputs and module inputs (var.x
// to the caller's argument); locals are not in the plan's configuration,
// so references through them stay unknown. An expression that combines a
// reference with anything else cannot be told from the plan's reference
// list alone and stays unknown when it references more than one thing.
//
// Resources that the plan shows existing already carry their real IDs. New
// ones get azurerm.SyntheticID in the subscription the plan is made for
// (data.azurerm_client_config, data.azurerm_subscription, or the one every
// known ID shares), so that scopes and IDs of old and new resources agree;
// without any, the placeholder subscription.
//
// Plan JSON locates nothing in the configuration files, so resources and
// attributes are located in the plan file itself: the line of the
// resource's object in planned_values and of each attribute in it, or of
// the resource for attributes the plan leaves out.
package tfplan
