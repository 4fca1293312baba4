# The cluster comes from the public registry module and the network from a
# git module; terraform init has not run, so neither can be read. Each call
# is an error naming it (not a silent gap), and the resources written in
# this root are still audited.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-quotes-prod"
  location = "uksouth"
}

module "network" {
  source = "git::https://github.com/contoso/terraform-azurerm-spoke.git//modules/spoke?ref=v2.3.0"

  name                = "quotes-prod"
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.44.0.0/16"]
}

module "aks" {
  source  = "Azure/aks/azurerm"
  version = "9.4.1"

  prefix                            = "quotes"
  resource_group_name               = azurerm_resource_group.rg.name
  vnet_subnet_id                    = module.network.subnet_ids["aks"]
  private_cluster_enabled           = true
  rbac_aad                          = true
  rbac_aad_azure_rbac_enabled       = true
  role_based_access_control_enabled = true
}

resource "azurerm_container_registry" "quotes" {
  name                          = "acrquotesprod"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = azurerm_resource_group.rg.location
  sku                           = "Premium"
  public_network_access_enabled = false
  admin_enabled                 = false
}

resource "azurerm_role_assignment" "aks_pull" {
  scope                = azurerm_container_registry.quotes.id
  role_definition_name = "AcrPull"
  principal_id         = module.aks.kubelet_identity[0].object_id
}
