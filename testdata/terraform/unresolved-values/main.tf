# Values that only apply can know, or that nobody gave: they must come out
# unknown, never guessed.
#  - var.disable_local_accounts and var.registry_admin have no default and
#    no value (no tfvars, no TF_VAR_);
#  - the authorized range is the egress public IP, allocated at apply;
#  - the node subnet is an existing one read with a data source: its ID is
#    known, but the subnet itself is not in these files, so neither are its
#    NSG and route table;
#  - the audit log category comes from an unset variable.

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

variable "disable_local_accounts" {
  type = bool
}

variable "registry_admin" {
  type = bool
}

variable "audit_category" {
  type        = string
  description = "kube-audit or kube-audit-admin"
}

data "azurerm_subnet" "nodes" {
  name                 = "snet-aks"
  virtual_network_name = "vnet-hub-shared"
  resource_group_name  = "rg-network-shared"
}

data "azurerm_kubernetes_service_versions" "current" {
  location        = "westeurope"
  include_preview = false
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-claims"
  location = "westeurope"
}

resource "azurerm_public_ip" "egress" {
  name                = "pip-claims-egress"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_log_analytics_workspace" "claims" {
  name                = "log-claims"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_management_lock" "claims_logs" {
  name       = "nodelete"
  scope      = azurerm_log_analytics_workspace.claims.id
  lock_level = "CanNotDelete"
}

resource "azurerm_kubernetes_cluster" "claims" {
  name                   = "aks-claims"
  location               = azurerm_resource_group.rg.location
  resource_group_name    = azurerm_resource_group.rg.name
  dns_prefix             = "claims"
  kubernetes_version     = data.azurerm_kubernetes_service_versions.current.latest_version
  local_account_disabled = var.disable_local_accounts

  api_server_access_profile {
    authorized_ip_ranges = ["${azurerm_public_ip.egress.ip_address}/32"]
  }

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D4s_v5"
    node_count     = 3
    vnet_subnet_id = data.azurerm_subnet.nodes.id
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
    outbound_type  = "userDefinedRouting"
  }
}

resource "azurerm_container_registry" "claims" {
  name                = "acrclaims"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  sku                 = "Standard"
  admin_enabled       = var.registry_admin
}

resource "azurerm_monitor_diagnostic_setting" "audit" {
  name                       = "audit"
  target_resource_id         = azurerm_kubernetes_cluster.claims.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.claims.id

  enabled_log {
    category = var.audit_category
  }
}
