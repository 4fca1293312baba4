# azurerm 4.x: the azure_active_directory_role_based_access_control block
# alone is AKS-managed Entra ID (3.x needed managed = true). 4.x has no
# legacy integration with server and client applications: the back-office
# cluster, which had it, lost the block in the upgrade and now has no
# Entra ID integration at all.

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

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "rg" {
  name     = "rg-crm"
  location = "westeurope"
}

resource "azurerm_kubernetes_cluster" "crm" {
  name                    = "aks-crm"
  location                = azurerm_resource_group.rg.location
  resource_group_name     = azurerm_resource_group.rg.name
  dns_prefix              = "crm"
  private_cluster_enabled = true
  local_account_disabled  = true

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  azure_active_directory_role_based_access_control {
    tenant_id              = data.azurerm_client_config.current.tenant_id
    admin_group_object_ids = ["5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"]
    azure_rbac_enabled     = true
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}

resource "azurerm_kubernetes_cluster" "backoffice" {
  name                    = "aks-crm-backoffice"
  location                = azurerm_resource_group.rg.location
  resource_group_name     = azurerm_resource_group.rg.name
  dns_prefix              = "crm-backoffice"
  private_cluster_enabled = true

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 2
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}
