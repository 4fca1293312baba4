# Three clusters of the data platform. To save on role assignments, the
# ingest and query clusters were given the same user-assigned control-plane
# and kubelet identities. The analytics cluster predates managed identities
# and still runs as a service principal whose secret comes from Key Vault.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.110"
    }
  }
}

provider "azurerm" {
  features {}
}

data "azurerm_key_vault_secret" "analytics_sp" {
  name         = "sp-aks-analytics-secret"
  key_vault_id = "/subscriptions/3f2e1d0c-5b4a-4c3d-9e8f-7a6b5c4d3e2f/resourceGroups/rg-secrets/providers/Microsoft.KeyVault/vaults/kv-data-platform"
}

resource "azurerm_resource_group" "data" {
  name     = "rg-data-platform"
  location = "westeurope"
}

resource "azurerm_user_assigned_identity" "aks" {
  name                = "id-aks-data"
  location            = azurerm_resource_group.data.location
  resource_group_name = azurerm_resource_group.data.name
}

resource "azurerm_user_assigned_identity" "kubelet" {
  name                = "id-aks-data-kubelet"
  location            = azurerm_resource_group.data.location
  resource_group_name = azurerm_resource_group.data.name
}

resource "azurerm_role_assignment" "aks_kubelet_operator" {
  scope                = azurerm_user_assigned_identity.kubelet.id
  role_definition_name = "Managed Identity Operator"
  principal_id         = azurerm_user_assigned_identity.aks.principal_id
}

resource "azurerm_kubernetes_cluster" "shared_identity" {
  for_each = toset(["ingest", "query"])

  name                              = "aks-data-${each.key}"
  location                          = azurerm_resource_group.data.location
  resource_group_name               = azurerm_resource_group.data.name
  dns_prefix                        = "data-${each.key}"
  private_cluster_enabled           = true
  role_based_access_control_enabled = true

  default_node_pool {
    name                   = "system"
    vm_size                = "Standard_E8s_v5"
    node_count             = 3
    enable_host_encryption = true
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.aks.id]
  }

  kubelet_identity {
    client_id                 = azurerm_user_assigned_identity.kubelet.client_id
    object_id                 = azurerm_user_assigned_identity.kubelet.principal_id
    user_assigned_identity_id = azurerm_user_assigned_identity.kubelet.id
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }

  depends_on = [azurerm_role_assignment.aks_kubelet_operator]
}

resource "azurerm_kubernetes_cluster" "analytics" {
  name                              = "aks-data-analytics"
  location                          = azurerm_resource_group.data.location
  resource_group_name               = azurerm_resource_group.data.name
  dns_prefix                        = "data-analytics"
  private_cluster_enabled           = true
  role_based_access_control_enabled = true

  default_node_pool {
    name                   = "system"
    vm_size                = "Standard_E8s_v5"
    node_count             = 3
    enable_host_encryption = true
  }

  service_principal {
    client_id     = "5f8c2c6e-0d7a-4b3e-9f1a-2b3c4d5e6f70"
    client_secret = data.azurerm_key_vault_secret.analytics_sp.value
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}
