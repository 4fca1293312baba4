# The platform team's production cluster: private API server, Entra ID
# with Azure RBAC, egress forced through Azure Firewall, customer-managed
# keys for etcd and disks, audit logs to a locked workspace, Defender for
# Containers on the subscription.

data "azurerm_client_config" "current" {}

locals {
  name = "shop-prod-weu"
  subnets = {
    nodes    = cidrsubnet(var.hub_address_space, 6, 0)
    firewall = cidrsubnet(var.hub_address_space, 10, 64)
  }
  tags = {
    environment = "prod"
    managed_by  = "terraform"
  }
}

resource "azurerm_resource_group" "aks" {
  name     = "rg-${local.name}"
  location = var.location
  tags     = local.tags
}

resource "azurerm_log_analytics_workspace" "audit" {
  name                = "log-${local.name}"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  sku                 = "PerGB2018"
  retention_in_days   = 180
  tags                = local.tags
}

resource "azurerm_management_lock" "audit" {
  name       = "audit-logs-nodelete"
  scope      = azurerm_log_analytics_workspace.audit.id
  lock_level = "CanNotDelete"
  notes      = "Audit logs are evidence; deleting them needs a change request."
}

resource "azurerm_user_assigned_identity" "control_plane" {
  name                = "id-aks-${local.name}"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
}

resource "azurerm_user_assigned_identity" "kubelet" {
  name                = "id-aks-${local.name}-kubelet"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
}

resource "azurerm_role_assignment" "control_plane_kubelet_operator" {
  scope                = azurerm_user_assigned_identity.kubelet.id
  role_definition_name = "Managed Identity Operator"
  principal_id         = azurerm_user_assigned_identity.control_plane.principal_id
}

resource "azurerm_security_center_subscription_pricing" "containers" {
  tier          = "Standard"
  resource_type = "Containers"
}
