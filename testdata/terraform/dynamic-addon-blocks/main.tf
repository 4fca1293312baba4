# Add-ons switched by a feature map through dynamic blocks, as a shared
# cluster module exposes them. Monitoring and the secrets provider are on;
# the Defender block iterates over a workspace the platform team's remote
# state provides, which this configuration cannot know before apply.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.3"
    }
  }
}

provider "azurerm" {
  features {}
}

variable "features" {
  type = object({
    monitoring         = optional(bool, true)
    secrets_provider   = optional(bool, true)
    secret_rotation    = optional(bool, false)
    http_app_routing   = optional(bool, false)
    managed_prometheus = optional(bool, false)
  })
  default = {}
}

data "terraform_remote_state" "platform" {
  backend = "azurerm"
  config = {
    resource_group_name  = "rg-tfstate"
    storage_account_name = "sttfstateplatform"
    container_name       = "tfstate"
    key                  = "platform.tfstate"
  }
}

locals {
  defender_workspaces = compact([data.terraform_remote_state.platform.outputs.defender_workspace_id])
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-pricing-prod"
  location = "westus3"
}

resource "azurerm_log_analytics_workspace" "aks" {
  name                = "log-pricing-prod"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_kubernetes_cluster" "pricing" {
  name                = "aks-pricing-prod"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  dns_prefix          = "pricing-prod"

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4s_v5"
    node_count              = 3
    host_encryption_enabled = true
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }

  dynamic "oms_agent" {
    for_each = var.features.monitoring ? [azurerm_log_analytics_workspace.aks.id] : []
    content {
      log_analytics_workspace_id = oms_agent.value
    }
  }

  dynamic "key_vault_secrets_provider" {
    for_each = var.features.secrets_provider ? [1] : []
    content {
      secret_rotation_enabled = var.features.secret_rotation
    }
  }

  dynamic "monitor_metrics" {
    for_each = var.features.managed_prometheus ? [1] : []
    content {}
  }

  dynamic "microsoft_defender" {
    for_each = local.defender_workspaces
    content {
      log_analytics_workspace_id = microsoft_defender.value
    }
  }

  http_application_routing_enabled = var.features.http_app_routing
}
