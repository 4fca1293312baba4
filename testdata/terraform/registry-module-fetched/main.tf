# The cluster comes from the public registry module Azure/aks/azurerm.
# terraform init has run, so .terraform/modules/modules.json says where
# the downloaded module is, and the scan reads it there (the copy below is
# trimmed to what this configuration uses). The module's own defaults
# decide what the root leaves out: it turns on Log Analytics and Container
# insights, but not Azure Policy.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 3.107, < 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-search-dev"
  location = "westeurope"
}

module "aks" {
  source  = "Azure/aks/azurerm"
  version = "9.4.1"

  prefix                            = "search"
  resource_group_name               = azurerm_resource_group.rg.name
  kubernetes_version                = "1.30"
  rbac_aad                          = true
  rbac_aad_managed                  = true
  rbac_aad_azure_rbac_enabled       = true
  role_based_access_control_enabled = true
  local_account_disabled            = true
  network_plugin                    = "azure"
  network_policy                    = "azure"
  agents_count                      = 2
  os_disk_size_gb                   = 64
  automatic_channel_upgrade         = "patch"
}

resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "aks-audit"
  target_resource_id         = module.aks.aks_id
  log_analytics_workspace_id = module.aks.azurerm_log_analytics_workspace_id

  enabled_log {
    category_group = "audit"
  }
}
