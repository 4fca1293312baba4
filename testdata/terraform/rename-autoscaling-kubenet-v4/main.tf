# azurerm 4.x: auto_scaling_enabled (3.x: enable_auto_scaling). A kubenet
# cluster that grew: with the autoscaler on, its pools may reach 5 + 40 +
# 30 nodes, plus the 2 of the fixed-size reporting pool: 77, more than the
# threshold (50) under which kubenet is a reasonable choice.

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
  name     = "rg-ads-serving"
  location = "eastus"
}

resource "azurerm_kubernetes_cluster" "ads" {
  name                    = "aks-ads-serving"
  location                = azurerm_resource_group.rg.location
  resource_group_name     = azurerm_resource_group.rg.name
  dns_prefix              = "ads-serving"
  private_cluster_enabled = true

  default_node_pool {
    name                 = "system"
    vm_size              = "Standard_D4s_v5"
    auto_scaling_enabled = true
    min_count            = 3
    max_count            = 5
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "kubenet"
    network_policy = "calico"
    pod_cidr       = "10.244.0.0/16"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "serving" {
  name                  = "serving"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.ads.id
  vm_size               = "Standard_F16s_v2"
  auto_scaling_enabled  = true
  min_count             = 10
  max_count             = 40
}

resource "azurerm_kubernetes_cluster_node_pool" "bidding" {
  name                  = "bidding"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.ads.id
  vm_size               = "Standard_F8s_v2"
  auto_scaling_enabled  = true
  min_count             = 5
  max_count             = 30
}

resource "azurerm_kubernetes_cluster_node_pool" "reporting" {
  name                  = "reporting"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.ads.id
  vm_size               = "Standard_E4s_v5"
  node_count            = 2
  auto_scaling_enabled  = false
}
