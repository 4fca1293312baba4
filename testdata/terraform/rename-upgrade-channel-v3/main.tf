# azurerm 3.x: automatic_channel_upgrade and node_os_channel_upgrade (4.x:
# automatic_upgrade_channel and node_os_upgrade_channel). Production
# follows the stable channel in a weekend maintenance window; the
# staging cluster was pinned by hand during an incident (channel unset) and never
# put back.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.110"
    }
  }
}

provider "azurerm" {
  features {}
}

locals {
  clusters = {
    prod    = { channel = "stable", node_os = "NodeImage", count = 5 }
    staging = { channel = null, node_os = "None", count = 2 }
  }
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-checkout"
  location = "southeastasia"
}

resource "azurerm_kubernetes_cluster" "checkout" {
  for_each = local.clusters

  name                      = "aks-checkout-${each.key}"
  location                  = azurerm_resource_group.rg.location
  resource_group_name       = azurerm_resource_group.rg.name
  dns_prefix                = "checkout-${each.key}"
  private_cluster_enabled   = true
  automatic_channel_upgrade = each.value.channel
  node_os_channel_upgrade   = each.value.node_os

  maintenance_window_auto_upgrade {
    frequency   = "Weekly"
    interval    = 1
    duration    = 4
    day_of_week = "Saturday"
    start_time  = "02:00"
  }

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = each.value.count
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}
