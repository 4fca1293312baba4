# The store team deploys its cluster and its workloads in one root module,
# with the kubernetes provider. The storefront namespace is isolated and
# pulls pinned images from the team's registry; the batch namespace is
# not isolated, runs an unpinned Docker Hub image with a password in its
# environment; the admin ingress has no TLS, the public service serves
# plain HTTP, and the database secret is written in the configuration.

resource "azurerm_resource_group" "store" {
  name     = "rg-store-prod"
  location = "westeurope"
}

resource "azurerm_container_registry" "store" {
  name                = "acrstoreprod"
  resource_group_name = azurerm_resource_group.store.name
  location            = azurerm_resource_group.store.location
  sku                 = "Premium"

  network_rule_set {
    default_action = "Deny"
  }
}

resource "azurerm_kubernetes_cluster" "store" {
  name                      = "aks-store-prod"
  location                  = azurerm_resource_group.store.location
  resource_group_name       = azurerm_resource_group.store.name
  dns_prefix                = "store-prod"
  automatic_upgrade_channel = "stable"
  azure_policy_enabled      = true

  api_server_access_profile {
    authorized_ip_ranges = ["20.50.0.0/16"]
  }

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  key_vault_secrets_provider {
    secret_rotation_enabled = true
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}

resource "azurerm_role_assignment" "pull" {
  scope                = azurerm_container_registry.store.id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_kubernetes_cluster.store.kubelet_identity[0].object_id
}
