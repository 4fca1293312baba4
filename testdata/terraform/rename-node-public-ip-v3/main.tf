# azurerm 3.x: enable_node_public_ip (4.x: node_public_ip_enabled). The
# streaming pool gives each node a public IP from a prefix, for direct
# RTMP ingest; the system pool says explicitly that it does not.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-live-video"
  location = "westus2"
}

resource "azurerm_public_ip_prefix" "nodes" {
  name                = "ippre-live-nodes"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  prefix_length       = 28
}

resource "azurerm_kubernetes_cluster" "live" {
  name                   = "aks-live-video"
  location               = azurerm_resource_group.rg.location
  resource_group_name    = azurerm_resource_group.rg.name
  dns_prefix             = "live-video"
  local_account_disabled = true

  api_server_access_profile {
    authorized_ip_ranges = ["198.51.100.0/24"]
  }

  default_node_pool {
    name                  = "system"
    vm_size               = "Standard_D4s_v5"
    node_count            = 3
    enable_node_public_ip = false
  }

  identity {
    type = "SystemAssigned"
  }

  azure_active_directory_role_based_access_control {
    managed            = true
    azure_rbac_enabled = true
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "ingest" {
  name                     = "ingest"
  kubernetes_cluster_id    = azurerm_kubernetes_cluster.live.id
  vm_size                  = "Standard_F8s_v2"
  node_count               = 6
  enable_node_public_ip    = true
  node_public_ip_prefix_id = azurerm_public_ip_prefix.nodes.id
}
