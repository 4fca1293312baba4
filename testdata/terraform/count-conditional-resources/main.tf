# Feature flags as count: the registry's diagnostic setting and the
# Defender plan are on only where the flags say so; spot pools come from a
# count over a list. With these defaults the registry is audited, Defender
# is off, and two spot pools are created.

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

variable "enable_registry_audit" {
  type    = bool
  default = true
}

variable "enable_defender" {
  type    = bool
  default = false
}

variable "spot_pool_sizes" {
  type    = list(string)
  default = ["Standard_D8as_v5", "Standard_D16as_v5"]
}

locals {
  name = "ml-training"
}

resource "azurerm_resource_group" "ml" {
  name     = "rg-${local.name}"
  location = "eastus"
}

resource "azurerm_log_analytics_workspace" "ml" {
  count               = var.enable_registry_audit ? 1 : 0
  name                = "log-${local.name}"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
}

resource "azurerm_container_registry" "ml" {
  name                   = "acrmltraining"
  location               = azurerm_resource_group.ml.location
  resource_group_name    = azurerm_resource_group.ml.name
  sku                    = "Premium"
  anonymous_pull_enabled = true

  network_rule_set {
    default_action = "Deny"
    ip_rule {
      action   = "Allow"
      ip_range = "203.0.113.0/24"
    }
  }
}

resource "azurerm_monitor_diagnostic_setting" "acr" {
  count                      = var.enable_registry_audit ? 1 : 0
  name                       = "acr-events"
  target_resource_id         = azurerm_container_registry.ml.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.ml[0].id

  enabled_log {
    category = "ContainerRegistryLoginEvents"
  }

  enabled_log {
    category = "ContainerRegistryRepositoryEvents"
  }
}

resource "azurerm_security_center_subscription_pricing" "containers" {
  count         = var.enable_defender ? 1 : 0
  tier          = "Standard"
  resource_type = "Containers"
}

resource "azurerm_kubernetes_cluster" "ml" {
  name                = "aks-${local.name}"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
  dns_prefix          = local.name

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
  }

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4as_v5"
    node_count = 2
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "spot" {
  count = length(var.spot_pool_sizes)

  name                  = "spot${count.index}"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.ml.id
  vm_size               = var.spot_pool_sizes[count.index]
  priority              = "Spot"
  eviction_policy       = "Delete"
  spot_max_price        = -1
  auto_scaling_enabled  = true
  min_count             = 0
  max_count             = 30
  os_disk_type          = "Ephemeral"
  node_taints           = ["kubernetes.azure.com/scalesetpriority=spot:NoSchedule"]
}

resource "azurerm_role_assignment" "pull" {
  scope                = azurerm_container_registry.ml.id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_kubernetes_cluster.ml.kubelet_identity[0].object_id
}
