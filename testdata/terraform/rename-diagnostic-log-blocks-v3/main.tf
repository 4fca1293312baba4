# azurerm 3.x: log blocks with an enabled flag (removed in 4.0, where only
# enabled_log blocks remain and a category not wanted is left out). The
# cluster's audit log is on; the registry's repository events were turned
# off with enabled = false to save ingestion costs.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.80"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-docs-prod"
  location = "westeurope"
}

resource "azurerm_log_analytics_workspace" "docs" {
  name                = "log-docs-prod"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_management_lock" "docs_logs" {
  name       = "keep"
  scope      = azurerm_log_analytics_workspace.docs.id
  lock_level = "CanNotDelete"
}

resource "azurerm_container_registry" "docs" {
  name                = "acrdocsprod"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  sku                 = "Premium"

  network_rule_set {
    default_action = "Deny"
  }
}

resource "azurerm_kubernetes_cluster" "docs" {
  name                    = "aks-docs-prod"
  location                = azurerm_resource_group.rg.location
  resource_group_name     = azurerm_resource_group.rg.name
  dns_prefix              = "docs-prod"
  private_cluster_enabled = true

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D2s_v5"
    node_count = 2
  }

  identity {
    type = "SystemAssigned"
  }

  oms_agent {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.docs.id
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}

resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "aks-to-law"
  target_resource_id         = azurerm_kubernetes_cluster.docs.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.docs.id

  log {
    category = "kube-audit"
    enabled  = true

    retention_policy {
      enabled = false
    }
  }

  log {
    category = "kube-apiserver"
    enabled  = true
  }
}

resource "azurerm_monitor_diagnostic_setting" "acr" {
  name                       = "acr-to-law"
  target_resource_id         = azurerm_container_registry.docs.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.docs.id

  log {
    category = "ContainerRegistryLoginEvents"
    enabled  = true
  }

  log {
    category = "ContainerRegistryRepositoryEvents"
    enabled  = false
  }
}
