# Who may do what, as the ledger team granted it. Roles are named both ways
# the provider allows: role_definition_name, and role_definition_id built
# from the subscription and a built-in role's GUID.
#  - registry: AcrPull for the kubelet, AcrPush (by ID) for CI, and
#    Contributor for the deployment pipeline, which is too much;
#  - cluster: RBAC Cluster Admin (by ID) for two named operators;
#  - subscription: Owner for the break-glass automation account, which
#    reaches this cluster and every other one in the subscription;
#  - resource group: Reader for the auditors' group.

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

variable "operators" {
  description = "Object IDs of the on-call operators."
  type        = map(string)
  default = {
    alice = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
    bruno = "1b4e28ba-2fa1-41d2-883f-0016d3cca427"
  }
}

locals {
  builtin_roles = {
    acr_push          = "8311e382-0749-4cb8-b61a-304f252e45ec"
    aks_cluster_admin = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b"
  }
  role_id = { for k, guid in local.builtin_roles : k => "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/${guid}" }
}

resource "azurerm_resource_group" "ledger" {
  name     = "rg-ledger-prod"
  location = "westeurope"
}

resource "azurerm_log_analytics_workspace" "ledger" {
  name                = "log-ledger-prod"
  location            = azurerm_resource_group.ledger.location
  resource_group_name = azurerm_resource_group.ledger.name
  retention_in_days   = 365
}

resource "azurerm_kubernetes_cluster" "ledger" {
  name                      = "aks-ledger-prod"
  location                  = azurerm_resource_group.ledger.location
  resource_group_name       = azurerm_resource_group.ledger.name
  dns_prefix                = "ledger-prod"
  private_cluster_enabled   = true
  local_account_disabled    = true
  automatic_upgrade_channel = "stable"

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4ds_v5"
    node_count              = 3
    host_encryption_enabled = true
  }

  identity {
    type = "SystemAssigned"
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }

  oms_agent {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.ledger.id
  }
}

resource "azurerm_container_registry" "ledger" {
  name                          = "acrledgerprod"
  resource_group_name           = azurerm_resource_group.ledger.name
  location                      = azurerm_resource_group.ledger.location
  sku                           = "Premium"
  public_network_access_enabled = false
}

resource "azurerm_role_assignment" "kubelet_pull" {
  scope                = azurerm_container_registry.ledger.id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_kubernetes_cluster.ledger.kubelet_identity[0].object_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "ci_push" {
  scope              = azurerm_container_registry.ledger.id
  role_definition_id = local.role_id["acr_push"]
  principal_id       = "5a1c3e7b-94d2-4f6e-8b0a-2c4d6e8f0a1b"
  principal_type     = "ServicePrincipal"
}

resource "azurerm_role_assignment" "deployer_registry" {
  scope                = azurerm_container_registry.ledger.id
  role_definition_name = "Contributor"
  principal_id         = "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "operators" {
  for_each = var.operators

  scope              = azurerm_kubernetes_cluster.ledger.id
  role_definition_id = local.role_id["aks_cluster_admin"]
  principal_id       = each.value
  principal_type     = "User"
  description        = "On-call operator ${each.key}"
}

resource "azurerm_role_assignment" "break_glass" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Owner"
  principal_id         = "0e9f8a7b-6c5d-4e3f-a2b1-c0d9e8f7a6b5"
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "auditors" {
  scope                = azurerm_resource_group.ledger.id
  role_definition_name = "Reader"
  principal_id         = "3c2b1a09-8f7e-4d6c-b5a4-392817161514"
  principal_type       = "Group"
}
