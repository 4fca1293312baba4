# One configuration, one tfvars file per environment: terraform.tfvars holds
# the shared values, *.auto.tfvars the environment's (loaded after it, in
# lexical order, so security.auto.tfvars.json wins over prod.auto.tfvars).

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 4.0, < 5.0"
    }
  }
}

provider "azurerm" {
  features {}
}

locals {
  name = "orders-${var.environment}"
}

resource "azurerm_resource_group" "this" {
  name     = "rg-${local.name}"
  location = var.location
}

resource "azurerm_kubernetes_cluster" "this" {
  name                      = "aks-${local.name}"
  location                  = azurerm_resource_group.this.location
  resource_group_name       = azurerm_resource_group.this.name
  dns_prefix                = local.name
  kubernetes_version        = var.kubernetes_version
  private_cluster_enabled   = var.api_server.private
  local_account_disabled    = var.security.local_account_disabled
  azure_policy_enabled      = var.security.azure_policy_enabled
  workload_identity_enabled = var.security.workload_identity_enabled
  oidc_issuer_enabled       = var.security.workload_identity_enabled
  automatic_upgrade_channel = var.security.upgrade_channel

  api_server_access_profile {
    authorized_ip_ranges = var.api_server.authorized_ip_ranges
  }

  default_node_pool {
    name       = "system"
    vm_size    = var.system_pool.vm_size
    node_count = var.system_pool.node_count
    zones      = var.system_pool.zones
  }

  identity {
    type = "SystemAssigned"
  }

  dynamic "azure_active_directory_role_based_access_control" {
    for_each = length(var.admin_group_object_ids) > 0 ? [1] : []
    content {
      azure_rbac_enabled     = true
      admin_group_object_ids = var.admin_group_object_ids
    }
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_policy      = "calico"
  }
}
