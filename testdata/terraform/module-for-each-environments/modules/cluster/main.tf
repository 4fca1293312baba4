variable "name" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "location" {
  type = string
}

variable "kubernetes_version" {
  type = string
}

variable "private" {
  type = bool
}

variable "workspace_id" {
  type    = string
  default = null
}

resource "azurerm_kubernetes_cluster" "this" {
  name                       = "aks-${var.name}"
  location                   = var.location
  resource_group_name        = var.resource_group_name
  dns_prefix                 = var.private ? null : var.name
  dns_prefix_private_cluster = var.private ? var.name : null
  kubernetes_version         = var.kubernetes_version
  private_cluster_enabled    = var.private
  automatic_upgrade_channel  = "stable"
  local_account_disabled     = true
  workload_identity_enabled  = true
  oidc_issuer_enabled        = true

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
    network_plugin     = "azure"
    network_policy     = "cilium"
    network_data_plane = "cilium"
  }

  dynamic "oms_agent" {
    for_each = var.workspace_id == null ? [] : [var.workspace_id]
    content {
      log_analytics_workspace_id = oms_agent.value
    }
  }
}

module "audit" {
  source = "./modules/audit"
  count  = var.workspace_id == null ? 0 : 1

  target_resource_id = azurerm_kubernetes_cluster.this.id
  workspace_id       = var.workspace_id
}

output "id" {
  value = azurerm_kubernetes_cluster.this.id
}
