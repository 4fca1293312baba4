# Accepted risks recorded next to the code with inline ignores:
#  - above the cluster block, two rules at once (the team's risk register);
#  - above an attribute (the registry's admin user, for a vendor appliance);
#  - with // instead of #, on the GPU pool;
#  - one whose problem is gone: the API server went private last quarter,
#    so the ignore of AKS-NET-01 is stale and must be reported;
#  - one without a reason, which is not honoured.

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

resource "azurerm_resource_group" "vision" {
  name     = "rg-vision-prod"
  location = "eastus2"
}

# aksguard:ignore AKS-NET-01 API server exposure accepted until the private DNS rollout (RISK-231)
# aksguard:ignore AKS-EXT-03,AKS-LOG-03 upgrades and monitoring are run by the vendor's operator (RISK-198)
resource "azurerm_kubernetes_cluster" "vision" {
  name                       = "aks-vision-prod"
  location                   = azurerm_resource_group.vision.location
  resource_group_name        = azurerm_resource_group.vision.name
  dns_prefix_private_cluster = "vision-prod"
  private_cluster_enabled    = true
  local_account_disabled     = true

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4s_v5"
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
}

// aksguard:ignore AKS-EXT-04 the NC-series SKU supports neither host encryption nor ephemeral disks of this size (RISK-240)
resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "gpu"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.vision.id
  vm_size               = "Standard_NC24ads_A100_v4"
  node_count            = 2
  node_taints           = ["sku=gpu:NoSchedule"]
}

resource "azurerm_kubernetes_cluster_node_pool" "cpu" {
  name                  = "cpu"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.vision.id
  vm_size               = "Standard_D8s_v5"
  node_count            = 3
  # aksguard:ignore AKS-NET-09
  node_public_ip_enabled = true
}

resource "azurerm_container_registry" "vision" {
  name                = "acrvisionprod"
  resource_group_name = azurerm_resource_group.vision.name
  location            = azurerm_resource_group.vision.location
  sku                 = "Premium"
  # aksguard:ignore AKS-IAM-05 the camera appliances only support registry username/password (RISK-244)
  admin_enabled = true

  network_rule_set {
    default_action = "Deny"
  }
}
