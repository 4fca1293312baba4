# Environments as var files, chosen on the command line (args.txt):
#   terraform plan -var-file=envs/prod.tfvars -var 'enable_http_application_routing=false'
# envs/dev.tfvars is not given, so it must not count. The -var-file wins
# over defaults.auto.tfvars and the -var over both.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.116"
    }
  }
}

provider "azurerm" {
  features {}
}

variable "env" {
  type = string
}

variable "node_vm_size" {
  type = string
}

variable "node_count" {
  type = number
}

variable "enable_http_application_routing" {
  type    = bool
  default = true
}

variable "enable_public_node_ips" {
  type = bool
}

variable "registry_public" {
  type    = bool
  default = true
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-billing-${var.env}"
  location = "uksouth"
}

resource "azurerm_kubernetes_cluster" "billing" {
  name                              = "aks-billing-${var.env}"
  location                          = azurerm_resource_group.rg.location
  resource_group_name               = azurerm_resource_group.rg.name
  dns_prefix                        = "billing-${var.env}"
  http_application_routing_enabled  = var.enable_http_application_routing
  role_based_access_control_enabled = true

  default_node_pool {
    name                  = "default"
    vm_size               = var.node_vm_size
    node_count            = var.node_count
    enable_node_public_ip = var.enable_public_node_ips
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "kubenet"
    network_policy = "calico"
  }
}

resource "azurerm_container_registry" "billing" {
  name                          = "acrbilling${var.env}"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = azurerm_resource_group.rg.location
  sku                           = "Premium"
  public_network_access_enabled = var.registry_public
}
