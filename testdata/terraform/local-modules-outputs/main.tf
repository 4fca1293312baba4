# The root composes two local modules: network (VNet, subnets, NSG, route
# table towards the hub firewall) and aks (cluster and node pools). The
# links run through module outputs: the diagnostic setting targets
# module.aks.cluster_id, the registry grants AcrPull to
# module.aks.kubelet_object_id, and the cluster's subnet is
# module.network.subnet_ids["aks"].

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.10"
    }
  }
}

provider "azurerm" {
  features {}
}

locals {
  env      = "test"
  location = "francecentral"
  prefix   = "identity-${local.env}"
}

resource "azurerm_resource_group" "platform" {
  name     = "rg-${local.prefix}"
  location = local.location
}

resource "azurerm_log_analytics_workspace" "platform" {
  name                = "log-${local.prefix}"
  location            = azurerm_resource_group.platform.location
  resource_group_name = azurerm_resource_group.platform.name
  retention_in_days   = 30
}

module "network" {
  source = "./modules/network"

  name                = local.prefix
  resource_group_name = azurerm_resource_group.platform.name
  location            = azurerm_resource_group.platform.location
  address_space       = "10.60.0.0/16"
  firewall_private_ip = "10.0.1.4"
  bastion_prefix      = "10.60.250.0/24"
}

module "aks" {
  source = "./modules/aks"

  name                       = local.prefix
  resource_group_name        = azurerm_resource_group.platform.name
  location                   = azurerm_resource_group.platform.location
  subnet_id                  = module.network.subnet_ids["aks"]
  log_analytics_workspace_id = azurerm_log_analytics_workspace.platform.id
  user_pools = {
    apps = { vm_size = "Standard_D4s_v5", max_count = 6 }
  }
}

resource "azurerm_container_registry" "platform" {
  name                = "acridentitytest"
  resource_group_name = azurerm_resource_group.platform.name
  location            = azurerm_resource_group.platform.location
  sku                 = "Standard"
}

resource "azurerm_role_assignment" "acr_pull" {
  scope                = azurerm_container_registry.platform.id
  role_definition_name = "AcrPull"
  principal_id         = module.aks.kubelet_object_id
}

resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "audit"
  target_resource_id         = module.aks.cluster_id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.platform.id

  enabled_log {
    category = "kube-audit"
  }
}

output "cluster_name" {
  value = module.aks.cluster_name
}
