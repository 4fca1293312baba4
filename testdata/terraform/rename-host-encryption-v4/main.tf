# azurerm 4.x: host_encryption_enabled (3.x: enable_host_encryption), on the
# default pool and on azurerm_kubernetes_cluster_node_pool. The memory pool
# was added later without it and on managed OS disks.

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
  name     = "rg-analytics-weu"
  location = "westeurope"
}

resource "azurerm_kubernetes_cluster" "analytics" {
  name                    = "aks-analytics-weu"
  location                = azurerm_resource_group.rg.location
  resource_group_name     = azurerm_resource_group.rg.name
  dns_prefix              = "analytics-weu"
  private_cluster_enabled = true

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4s_v5"
    node_count              = 3
    host_encryption_enabled = true
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "compute" {
  name                    = "compute"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.analytics.id
  vm_size                 = "Standard_F16s_v2"
  node_count              = 4
  host_encryption_enabled = true
  os_disk_type            = "Managed"
}

resource "azurerm_kubernetes_cluster_node_pool" "memory" {
  name                  = "memory"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.analytics.id
  vm_size               = "Standard_E16s_v5"
  node_count            = 2
  os_disk_type          = "Managed"
}
