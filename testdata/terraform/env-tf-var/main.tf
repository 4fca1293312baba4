# A pipeline passes the environment's settings as TF_VAR_ variables (see
# env.txt): strings, a bool, and a list and a map written as HCL, which
# Terraform parses for variables of complex types. terraform.tfvars wins
# over the environment. local_accounts_disabled is set nowhere: the
# pipeline forgot it, so Terraform would prompt and the scan cannot know.

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
  subscription_id = var.subscription_id
}

variable "subscription_id" {
  type = string
}

variable "environment" {
  type = string
}

variable "private_cluster" {
  type = bool
}

variable "authorized_ip_ranges" {
  type    = list(string)
  default = []
}

variable "upgrade_channel" {
  type    = string
  default = "none"
}

variable "local_accounts_disabled" {
  type = bool
}

variable "user_pools" {
  type = map(object({
    vm_size   = string
    min_count = optional(number, 1)
    max_count = number
  }))
  default = {}
}

resource "azurerm_resource_group" "aks" {
  name     = "rg-catalog-${var.environment}"
  location = "swedencentral"
}

resource "azurerm_kubernetes_cluster" "catalog" {
  name                      = "aks-catalog-${var.environment}"
  location                  = azurerm_resource_group.aks.location
  resource_group_name       = azurerm_resource_group.aks.name
  dns_prefix                = "catalog-${var.environment}"
  private_cluster_enabled   = var.private_cluster
  local_account_disabled    = var.local_accounts_disabled
  automatic_upgrade_channel = var.upgrade_channel

  api_server_access_profile {
    authorized_ip_ranges = var.authorized_ip_ranges
  }

  default_node_pool {
    name                 = "system"
    vm_size              = "Standard_D4as_v5"
    auto_scaling_enabled = true
    min_count            = 2
    max_count            = 4
    os_disk_type         = "Ephemeral"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "user" {
  for_each = var.user_pools

  name                  = each.key
  kubernetes_cluster_id = azurerm_kubernetes_cluster.catalog.id
  vm_size               = each.value.vm_size
  auto_scaling_enabled  = true
  min_count             = each.value.min_count
  max_count             = each.value.max_count
}
