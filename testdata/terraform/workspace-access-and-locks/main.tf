# Two Log Analytics workspaces. The central security workspace (its own
# resource group, CanNotDelete lock) is writable by the SOC automation
# only. The cluster's operational workspace is writable by four principals
# (two groups with Log Analytics Contributor, the platform pipeline as
# Contributor, and an engineer through a custom role that can purge
# tables), and its resource group's lock is ReadOnly.

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

data "azurerm_subscription" "current" {}

resource "azurerm_resource_group" "security" {
  name     = "rg-security-logs"
  location = "westeurope"
}

resource "azurerm_resource_group" "ops" {
  name     = "rg-telemetry-ops"
  location = "westeurope"
}

resource "azurerm_log_analytics_workspace" "security" {
  name                = "log-security-central"
  location            = azurerm_resource_group.security.location
  resource_group_name = azurerm_resource_group.security.name
  retention_in_days   = 730
}

resource "azurerm_log_analytics_workspace" "ops" {
  name                = "log-telemetry-ops"
  location            = azurerm_resource_group.ops.location
  resource_group_name = azurerm_resource_group.ops.name
  retention_in_days   = 60
}

resource "azurerm_management_lock" "security_workspace" {
  name       = "protect-security-logs"
  scope      = azurerm_log_analytics_workspace.security.id
  lock_level = "CanNotDelete"
  notes      = "Owned by the SOC. Removal requires CAB approval."
}

resource "azurerm_management_lock" "ops_rg" {
  name       = "freeze"
  scope      = azurerm_resource_group.ops.id
  lock_level = "ReadOnly"
}

resource "azurerm_role_assignment" "soc_automation" {
  scope                = azurerm_log_analytics_workspace.security.id
  role_definition_name = "Log Analytics Contributor"
  principal_id         = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_definition" "log_janitor" {
  name        = "Log Janitor"
  scope       = azurerm_resource_group.ops.id
  description = "Purges tables of the operational workspace."

  permissions {
    actions = [
      "Microsoft.OperationalInsights/workspaces/read",
      "Microsoft.OperationalInsights/workspaces/purge/action",
    ]
    not_actions = []
  }

  assignable_scopes = [azurerm_resource_group.ops.id]
}

resource "azurerm_role_assignment" "ops_contributors" {
  for_each = toset([
    "11aa22bb-33cc-44dd-85ee-66ff77aa88bb",
    "99cc88bb-77aa-4655-a433-221100ffeedd",
  ])
  scope                = azurerm_log_analytics_workspace.ops.id
  role_definition_name = "Log Analytics Contributor"
  principal_id         = each.value
  principal_type       = "Group"
}

resource "azurerm_role_assignment" "platform_pipeline" {
  scope                = azurerm_resource_group.ops.id
  role_definition_name = "Contributor"
  principal_id         = "4f3e2d1c-0b9a-4876-a543-210fedcba987"
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "janitor" {
  scope              = azurerm_log_analytics_workspace.ops.id
  role_definition_id = azurerm_role_definition.log_janitor.role_definition_resource_id
  principal_id       = "6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a098"
  principal_type     = "User"
}
