# A merge gone wrong left registry.tf with a conflict marker and an
# unclosed block. Terraform refuses the whole module; aksguard reports the
# file and line and still audits the cluster in main.tf.

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
  name     = "rg-notify-dev"
  location = "westeurope"
}

resource "azurerm_kubernetes_cluster" "notify" {
  name                             = "aks-notify-dev"
  location                         = azurerm_resource_group.rg.location
  resource_group_name              = azurerm_resource_group.rg.name
  dns_prefix                       = "notify-dev"
  local_account_disabled           = false
  http_application_routing_enabled = true

  api_server_access_profile {
    authorized_ip_ranges = ["0.0.0.0/0"]
  }

  default_node_pool {
    name                   = "default"
    vm_size                = "Standard_B2s"
    node_count             = 1
    node_public_ip_enabled = true
  }

  identity {
    type = "SystemAssigned"
  }
}
