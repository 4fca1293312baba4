data "azurerm_resource_group" "main" {
  name = var.resource_group_name
}

locals {
  location = coalesce(var.location, data.azurerm_resource_group.main.location)
}

resource "azurerm_log_analytics_workspace" "main" {
  count = var.log_analytics_workspace_enabled ? 1 : 0

  name                = "${var.prefix}-workspace"
  location            = local.location
  resource_group_name = var.resource_group_name
  retention_in_days   = 30
  sku                 = "PerGB2018"
}

resource "azurerm_kubernetes_cluster" "main" {
  name                              = "${var.prefix}-aks"
  location                          = local.location
  resource_group_name               = var.resource_group_name
  dns_prefix                        = var.prefix
  kubernetes_version                = var.kubernetes_version
  automatic_channel_upgrade         = var.automatic_channel_upgrade
  azure_policy_enabled              = var.azure_policy_enabled
  local_account_disabled            = var.local_account_disabled
  private_cluster_enabled           = var.private_cluster_enabled
  role_based_access_control_enabled = var.role_based_access_control_enabled
  workload_identity_enabled         = var.workload_identity_enabled
  oidc_issuer_enabled               = var.workload_identity_enabled

  default_node_pool {
    name                   = "nodepool"
    vm_size                = var.agents_size
    node_count             = var.agents_count
    os_disk_size_gb        = var.os_disk_size_gb
    enable_host_encryption = var.enable_host_encryption
    enable_node_public_ip  = var.enable_node_public_ip
    vnet_subnet_id         = var.vnet_subnet_id
  }

  identity {
    type = "SystemAssigned"
  }

  dynamic "azure_active_directory_role_based_access_control" {
    for_each = var.role_based_access_control_enabled && var.rbac_aad && var.rbac_aad_managed ? ["rbac"] : []

    content {
      admin_group_object_ids = var.rbac_aad_admin_group_object_ids
      azure_rbac_enabled     = var.rbac_aad_azure_rbac_enabled
      managed                = true
    }
  }

  dynamic "api_server_access_profile" {
    for_each = var.api_server_authorized_ip_ranges != null ? ["api_server_access_profile"] : []

    content {
      authorized_ip_ranges = var.api_server_authorized_ip_ranges
    }
  }

  dynamic "key_vault_secrets_provider" {
    for_each = var.key_vault_secrets_provider_enabled ? ["key_vault_secrets_provider"] : []

    content {
      secret_rotation_enabled = var.secret_rotation_enabled
    }
  }

  network_profile {
    network_plugin = var.network_plugin
    network_policy = var.network_policy
  }

  dynamic "oms_agent" {
    for_each = var.log_analytics_workspace_enabled ? ["oms_agent"] : []

    content {
      log_analytics_workspace_id = azurerm_log_analytics_workspace.main[0].id
    }
  }
}
