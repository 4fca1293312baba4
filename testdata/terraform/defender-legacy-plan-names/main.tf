# An older subscription baseline, still on the pre-2023 Defender plan
# names: KubernetesService on Standard covers the cluster, but the
# ContainerRegistry plan was left on Free, so registries get no
# vulnerability assessment. The cluster also turns on the Defender
# profile itself (3.x provider, as the module was written), and still runs
# without Kubernetes RBAC.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.90"
    }
  }
}

provider "azurerm" {
  features {}
  skip_provider_registration = true
}

resource "azurerm_security_center_subscription_pricing" "aks" {
  tier          = "Standard"
  resource_type = "KubernetesService"
}

resource "azurerm_security_center_subscription_pricing" "acr" {
  tier          = "Free"
  resource_type = "ContainerRegistry"
}

resource "azurerm_resource_group" "legacy" {
  name     = "rg-legacy-apps"
  location = "eastus"
}

resource "azurerm_log_analytics_workspace" "defender" {
  name                = "log-legacy-defender"
  location            = azurerm_resource_group.legacy.location
  resource_group_name = azurerm_resource_group.legacy.name
}

resource "azurerm_management_lock" "rg" {
  name       = "do-not-delete"
  scope      = azurerm_resource_group.legacy.id
  lock_level = "CanNotDelete"
}

resource "azurerm_container_registry" "legacy" {
  name                = "acrlegacyapps"
  resource_group_name = azurerm_resource_group.legacy.name
  location            = azurerm_resource_group.legacy.location
  sku                 = "Standard"
  admin_enabled       = false
}

resource "azurerm_kubernetes_cluster" "legacy" {
  name                = "aks-legacy-apps"
  location            = azurerm_resource_group.legacy.location
  resource_group_name = azurerm_resource_group.legacy.name
  dns_prefix          = "legacy-apps"
  kubernetes_version  = "1.29"

  # Created in 2019 without Kubernetes RBAC; changing it recreates the
  # cluster, so nobody has.
  role_based_access_control_enabled = false

  default_node_pool {
    name                = "default"
    vm_size             = "Standard_DS2_v2"
    enable_auto_scaling = true
    min_count           = 1
    max_count           = 3
  }

  identity {
    type = "SystemAssigned"
  }

  microsoft_defender {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.defender.id
  }

  network_profile {
    network_plugin = "kubenet"
    network_policy = "calico"
  }
}
