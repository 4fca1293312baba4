resource "azurerm_container_registry" "shop" {
  name                          = "acrshopprodweu"
  resource_group_name           = azurerm_resource_group.aks.name
  location                      = azurerm_resource_group.aks.location
  sku                           = "Premium"
  admin_enabled                 = false
  anonymous_pull_enabled        = false
  public_network_access_enabled = false

  network_rule_set {
    default_action = "Deny"
  }

  tags = local.tags
}

resource "azurerm_kubernetes_cluster" "shop" {
  name                       = "aks-${local.name}"
  location                   = azurerm_resource_group.aks.location
  resource_group_name        = azurerm_resource_group.aks.name
  dns_prefix_private_cluster = "aks-${local.name}"
  kubernetes_version         = "1.31.5"
  sku_tier                   = "Standard"
  private_cluster_enabled    = true
  private_dns_zone_id        = "System"
  local_account_disabled     = true
  azure_policy_enabled       = true
  workload_identity_enabled  = true
  oidc_issuer_enabled        = true
  automatic_upgrade_channel  = "patch"
  node_os_upgrade_channel    = "NodeImage"
  disk_encryption_set_id     = azurerm_disk_encryption_set.aks.id

  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4ds_v5"
    auto_scaling_enabled         = true
    min_count                    = 3
    max_count                    = 5
    os_disk_type                 = "Ephemeral"
    host_encryption_enabled      = true
    vnet_subnet_id               = azurerm_subnet.nodes.id
    only_critical_addons_enabled = true
    zones                        = ["1", "2", "3"]

    upgrade_settings {
      max_surge = "33%"
    }
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.control_plane.id]
  }

  kubelet_identity {
    client_id                 = azurerm_user_assigned_identity.kubelet.client_id
    object_id                 = azurerm_user_assigned_identity.kubelet.principal_id
    user_assigned_identity_id = azurerm_user_assigned_identity.kubelet.id
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = [var.platform_admins_group_id]
    tenant_id              = data.azurerm_client_config.current.tenant_id
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    outbound_type       = "userDefinedRouting"
    load_balancer_sku   = "standard"
  }

  oms_agent {
    log_analytics_workspace_id      = azurerm_log_analytics_workspace.audit.id
    msi_auth_for_monitoring_enabled = true
  }

  microsoft_defender {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.audit.id
  }

  key_vault_secrets_provider {
    secret_rotation_enabled  = true
    secret_rotation_interval = "2m"
  }

  key_management_service {
    key_vault_key_id         = azurerm_key_vault_key.etcd.id
    key_vault_network_access = "Private"
  }

  depends_on = [
    azurerm_subnet_route_table_association.nodes,
    azurerm_role_assignment.control_plane_kubelet_operator,
  ]

  tags = local.tags
}

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                    = "apps"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.shop.id
  vm_size                 = "Standard_D8ds_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 3
  max_count               = 12
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  vnet_subnet_id          = azurerm_subnet.nodes.id
  zones                   = ["1", "2", "3"]
  node_labels = {
    workload = "apps"
  }
}

resource "azurerm_role_assignment" "kubelet_acr_pull" {
  scope                = azurerm_container_registry.shop.id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_user_assigned_identity.kubelet.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "platform_admins" {
  scope                = azurerm_kubernetes_cluster.shop.id
  role_definition_name = "Azure Kubernetes Service RBAC Cluster Admin"
  principal_id         = var.platform_admins_group_id
  principal_type       = "Group"
}

resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "aks-audit"
  target_resource_id         = azurerm_kubernetes_cluster.shop.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.audit.id

  enabled_log {
    category = "kube-audit-admin"
  }

  enabled_log {
    category = "guard"
  }

  metric {
    category = "AllMetrics"
    enabled  = false
  }
}

resource "azurerm_monitor_diagnostic_setting" "acr" {
  name                       = "acr-audit"
  target_resource_id         = azurerm_container_registry.shop.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.audit.id

  enabled_log {
    category = "ContainerRegistryLoginEvents"
  }

  enabled_log {
    category = "ContainerRegistryRepositoryEvents"
  }
}
