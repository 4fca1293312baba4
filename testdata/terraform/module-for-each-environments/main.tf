# Blue/green clusters from one module called with for_each; the cluster
# module calls a nested audit module for its diagnostic setting. A third,
# legacy cluster is behind count and switched off.

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

variable "clusters" {
  type = map(object({
    kubernetes_version = string
    private            = bool
    audit              = bool
  }))
  default = {
    blue = {
      kubernetes_version = "1.30"
      private            = true
      audit              = true
    }
    green = {
      kubernetes_version = "1.31"
      private            = false
      audit              = false
    }
  }
}

variable "keep_legacy_cluster" {
  type    = bool
  default = false
}

resource "azurerm_resource_group" "search" {
  name     = "rg-search-prod"
  location = "eastus2"
}

resource "azurerm_log_analytics_workspace" "search" {
  name                = "log-search-prod"
  location            = azurerm_resource_group.search.location
  resource_group_name = azurerm_resource_group.search.name
  retention_in_days   = 90
}

resource "azurerm_management_lock" "search_rg" {
  name       = "rg-nodelete"
  scope      = azurerm_resource_group.search.id
  lock_level = "CanNotDelete"
}

module "cluster" {
  source   = "./modules/cluster"
  for_each = var.clusters

  name                = "search-${each.key}"
  resource_group_name = azurerm_resource_group.search.name
  location            = azurerm_resource_group.search.location
  kubernetes_version  = each.value.kubernetes_version
  private             = each.value.private
  workspace_id        = each.value.audit ? azurerm_log_analytics_workspace.search.id : null
}

module "legacy" {
  source = "./modules/cluster"
  count  = var.keep_legacy_cluster ? 1 : 0

  name                = "search-legacy"
  resource_group_name = azurerm_resource_group.search.name
  location            = azurerm_resource_group.search.location
  kubernetes_version  = "1.28"
  private             = false
}

output "cluster_ids" {
  value = { for k, m in module.cluster : k => m.id }
}
