# azurerm 3.x: network_profile.ebpf_data_plane = "cilium" (4.x:
# network_data_plane). Azure CNI powered by Cilium enforces network policy
# without a network_policy attribute. The older cluster runs plain Azure
# CNI overlay and never got a policy engine.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.90"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-telemetry"
  location = "northeurope"
}

resource "azurerm_kubernetes_cluster" "ingest" {
  name                    = "aks-telemetry-ingest"
  location                = azurerm_resource_group.rg.location
  resource_group_name     = azurerm_resource_group.rg.name
  dns_prefix              = "telemetry-ingest"
  private_cluster_enabled = true

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D8s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    ebpf_data_plane     = "cilium"
    pod_cidr            = "192.168.0.0/16"
  }
}

resource "azurerm_kubernetes_cluster" "legacy" {
  name                    = "aks-telemetry-legacy"
  location                = azurerm_resource_group.rg.location
  resource_group_name     = azurerm_resource_group.rg.name
  dns_prefix              = "telemetry-legacy"
  private_cluster_enabled = true

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D8s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    pod_cidr            = "192.168.0.0/16"
  }
}
