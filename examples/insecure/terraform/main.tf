# An AKS estate with the mistakes aksguard exists to catch. Do not deploy it.
#
# The same estate as ../arm/azuredeploy.json (and, deployed, as
# ../azure-export): a public API server open to 0.0.0.0/0, a service
# principal instead of a managed identity, kubenet without network policy,
# HTTP application routing, node public IPs, SSH open to the internet, a
# registry with its admin user, and Owner for a group on the resource group.

terraform {
  required_version = ">= 1.6"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.14"
    }
  }
}

provider "azurerm" {
  features {}
}

data "azurerm_subscription" "current" {}

# The resource group exists already; the ARM template is deployed into it.
data "azurerm_resource_group" "rg" {
  name = var.resource_group_name
}

data "azurerm_key_vault_secret" "sp" {
  name         = "aks-sp-secret"
  key_vault_id = "/subscriptions/3f2e1d0c-5b4a-4c3d-9e8f-7a6b5c4d3e2f/resourceGroups/rg-secrets/providers/Microsoft.KeyVault/vaults/kv-deploy"
}

locals {
  location      = data.azurerm_resource_group.rg.location
  owner_role_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
}
