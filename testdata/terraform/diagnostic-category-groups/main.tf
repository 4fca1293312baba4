# Diagnostic settings written by the observability team's module pattern:
# the clusters send everything (category group allLogs) to the central
# workspace, one of them also archives to a storage account; the registry
# only sends login events (repository events were dropped to cut costs),
# and the second registry only sends metrics.

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
  type    = set(string)
  default = ["east", "west"]
}

resource "azurerm_resource_group" "obs" {
  name     = "rg-fleet-obs"
  location = "eastus"
}

resource "azurerm_log_analytics_workspace" "central" {
  name                = "log-fleet-central"
  location            = azurerm_resource_group.obs.location
  resource_group_name = azurerm_resource_group.obs.name
  retention_in_days   = 90
}

resource "azurerm_storage_account" "archive" {
  name                     = "stfleetauditarchive"
  resource_group_name      = azurerm_resource_group.obs.name
  location                 = azurerm_resource_group.obs.location
  account_tier             = "Standard"
  account_replication_type = "RAGRS"
  min_tls_version          = "TLS1_2"
}

resource "azurerm_kubernetes_cluster" "fleet" {
  for_each = var.clusters

  name                      = "aks-fleet-${each.key}"
  location                  = azurerm_resource_group.obs.location
  resource_group_name       = azurerm_resource_group.obs.name
  dns_prefix                = "fleet-${each.key}"
  private_cluster_enabled   = true
  automatic_upgrade_channel = "stable"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }

  monitor_metrics {}
}

resource "azurerm_monitor_diagnostic_setting" "fleet" {
  for_each = azurerm_kubernetes_cluster.fleet

  name                       = "all-logs"
  target_resource_id         = each.value.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.central.id
  storage_account_id         = each.key == "east" ? azurerm_storage_account.archive.id : null

  enabled_log {
    category_group = "allLogs"
  }
}

resource "azurerm_container_registry" "fleet" {
  for_each = toset(["fleet", "fleetcache"])

  name                = "acr${each.key}"
  resource_group_name = azurerm_resource_group.obs.name
  location            = azurerm_resource_group.obs.location
  sku                 = "Premium"

  network_rule_set {
    default_action = "Deny"
  }
}

resource "azurerm_monitor_diagnostic_setting" "acr_logins" {
  name                       = "logins"
  target_resource_id         = azurerm_container_registry.fleet["fleet"].id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.central.id

  enabled_log {
    category = "ContainerRegistryLoginEvents"
  }
}

resource "azurerm_monitor_diagnostic_setting" "acr_cache_metrics" {
  name                       = "metrics"
  target_resource_id         = azurerm_container_registry.fleet["fleetcache"].id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.central.id

  metric {
    category = "AllMetrics"
  }
}
