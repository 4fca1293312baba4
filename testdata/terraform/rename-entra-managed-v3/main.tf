# azurerm 3.x: azure_active_directory_role_based_access_control with
# managed = true is AKS-managed Entra ID (4.x dropped "managed": the block
# alone means it). The back-office cluster still has the legacy
# integration with its own server and client applications, which AKS
# retired; it is not AKS-managed Entra ID and cannot use Azure RBAC.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.75"
    }
  }
}

provider "azurerm" {
  features {}
}

data "azurerm_client_config" "current" {}

variable "legacy_server_app_secret" {
  type      = string
  sensitive = true
  default   = null
}

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
    managed                = true
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

  azure_active_directory_role_based_access_control {
    managed           = false
    client_app_id     = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
    server_app_id     = "1d2e3f4a-5b6c-4d7e-9f8a-0b1c2d3e4f5a"
    server_app_secret = var.legacy_server_app_secret
    tenant_id         = data.azurerm_client_config.current.tenant_id
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}
