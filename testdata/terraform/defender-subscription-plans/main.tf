# The security team's subscription baseline: Defender for Containers on
# Standard with its extensions, and Defender for Key Vault. The cluster
# itself has no microsoft_defender block: the subscription plan covers it
# and its registry.

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

resource "azurerm_security_center_subscription_pricing" "containers" {
  tier          = "Standard"
  resource_type = "Containers"

  extension {
    name = "ContainerRegistriesVulnerabilityAssessments"
  }

  extension {
    name = "AgentlessDiscoveryForKubernetes"
  }
}

resource "azurerm_security_center_subscription_pricing" "key_vaults" {
  tier          = "Standard"
  resource_type = "KeyVaults"
  subplan       = "PerKeyVault"
}

resource "azurerm_resource_group" "apps" {
  name     = "rg-apps-shared"
  location = "australiaeast"
}

resource "azurerm_container_registry" "apps" {
  name                = "acrappsshared"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  sku                 = "Premium"

  network_rule_set {
    default_action = "Deny"
  }
}

resource "azurerm_kubernetes_cluster" "apps" {
  name                      = "aks-apps-shared"
  location                  = azurerm_resource_group.apps.location
  resource_group_name       = azurerm_resource_group.apps.name
  dns_prefix                = "apps-shared"
  private_cluster_enabled   = true
  automatic_upgrade_channel = "patch"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}
