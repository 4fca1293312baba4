# An AKS estate that follows every practice aksguard checks: private API
# server, Entra ID with Azure RBAC, firewall egress, KMS and customer-managed
# disk keys, audit logs to a locked workspace, Defender.
#
# The same estate as ../arm/azuredeploy.json and ../arm/defender.json (and,
# deployed, as ../azure-export). As there, the resource group, the cluster's
# two user-assigned identities, the firewall's public IP and its policy
# exist already and are read, not created.

terraform {
  required_version = ">= 1.6"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.14"
    }
  }
}

provider "azurerm" {
  features {
    key_vault {
      purge_soft_delete_on_destroy = false
    }
  }
}

data "azurerm_client_config" "current" {}

data "azurerm_resource_group" "rg" {
  name = var.resource_group_name
}

data "azurerm_user_assigned_identity" "control_plane" {
  name                = "id-${var.cluster_name}"
  resource_group_name = data.azurerm_resource_group.rg.name
}

data "azurerm_user_assigned_identity" "kubelet" {
  name                = "id-${var.cluster_name}-kubelet"
  resource_group_name = data.azurerm_resource_group.rg.name
}

locals {
  location           = data.azurerm_resource_group.rg.location
  node_subnet_prefix = "10.20.0.0/22"
}

resource "azurerm_log_analytics_workspace" "logs" {
  name                = "log-hardened"
  location            = local.location
  resource_group_name = data.azurerm_resource_group.rg.name
  sku                 = "PerGB2018"
  retention_in_days   = 90
}

resource "azurerm_management_lock" "logs" {
  name       = "log-hardened-nodelete"
  scope      = azurerm_log_analytics_workspace.logs.id
  lock_level = "CanNotDelete"
  notes      = "Audit logs must not be deleted."
}
