# A team's sandbox cluster, written from the azurerm quick start: almost
# every security setting is left to the provider's defaults, and the nodes
# run in the AKS-managed virtual network.

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
  features {}
}

locals {
  name = "payments-dev"
  tags = {
    team        = "payments"
    environment = "dev"
    cost_center = "cc-4711"
  }
}

resource "azurerm_resource_group" "main" {
  name     = "rg-${local.name}"
  location = "northeurope"
  tags     = local.tags
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  dns_prefix          = "aks-${local.name}"
  kubernetes_version  = "1.31"
  sku_tier            = "Free"

  default_node_pool {
    name       = "system"
    node_count = 2
    vm_size    = "Standard_B4ms"
  }

  identity {
    type = "SystemAssigned"
  }

  tags = local.tags
}

resource "azurerm_container_registry" "main" {
  name                = "acrpaymentsdev"
  resource_group_name = azurerm_resource_group.main.name
  location            = azurerm_resource_group.main.location
  sku                 = "Basic"
  admin_enabled       = true
  tags                = local.tags
}

resource "azurerm_role_assignment" "aks_acr_pull" {
  scope                            = azurerm_container_registry.main.id
  role_definition_name             = "AcrPull"
  principal_id                     = azurerm_kubernetes_cluster.main.kubelet_identity[0].object_id
  skip_service_principal_aad_check = true
}

output "kube_config" {
  value     = azurerm_kubernetes_cluster.main.kube_config_raw
  sensitive = true
}
