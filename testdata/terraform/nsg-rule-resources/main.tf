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

resource "azurerm_resource_group" "aks" {
  name     = "rg-risk-prod"
  location = "switzerlandnorth"
}

resource "azurerm_kubernetes_cluster" "risk" {
  name                      = "aks-risk-prod"
  location                  = azurerm_resource_group.aks.location
  resource_group_name       = azurerm_resource_group.aks.name
  dns_prefix                = "risk-prod"
  private_cluster_enabled   = true
  local_account_disabled    = true
  automatic_upgrade_channel = "stable"

  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4ds_v5"
    node_count                   = 3
    vnet_subnet_id               = azurerm_subnet.system.id
    only_critical_addons_enabled = true
    os_disk_type                 = "Ephemeral"
  }

  identity {
    type = "SystemAssigned"
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.risk.id
  vm_size               = "Standard_E8ds_v5"
  vnet_subnet_id        = azurerm_subnet.user.id
  auto_scaling_enabled  = true
  min_count             = 2
  max_count             = 8
  os_disk_type          = "Ephemeral"
}
