# azurerm 3.x: the top-level api_server_authorized_ip_ranges (removed in
# 4.0 for api_server_access_profile { authorized_ip_ranges }). The
# operations cluster admits the office and VPN ranges; the sandbox one was
# "opened for a demo" and admits everything.

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

variable "office_ranges" {
  type    = list(string)
  default = ["203.0.113.0/25", "198.51.100.17/32"]
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-ops-tools"
  location = "canadacentral"
}

resource "azurerm_kubernetes_cluster" "ops" {
  name                = "aks-ops-tools"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  dns_prefix          = "ops-tools"

  api_server_authorized_ip_ranges = var.office_ranges

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D2s_v5"
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

resource "azurerm_kubernetes_cluster" "sandbox" {
  name                = "aks-ops-sandbox"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  dns_prefix          = "ops-sandbox"

  api_server_authorized_ip_ranges = concat(var.office_ranges, ["0.0.0.0/0"])

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D2s_v5"
    node_count = 1
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}
