resource "azurerm_container_registry" "acr" {
  name                          = var.registry_name
  resource_group_name           = data.azurerm_resource_group.rg.name
  location                      = local.location
  sku                           = "Premium"
  admin_enabled                 = false
  anonymous_pull_enabled        = false
  public_network_access_enabled = false

  network_rule_set {
    default_action = "Deny"
  }
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                      = var.cluster_name
  location                  = local.location
  resource_group_name       = data.azurerm_resource_group.rg.name
  dns_prefix                = var.cluster_name
  kubernetes_version        = "1.33.3"
  private_cluster_enabled   = true
  local_account_disabled    = true
  azure_policy_enabled      = true
  workload_identity_enabled = true
  oidc_issuer_enabled       = true
  disk_encryption_set_id    = azurerm_disk_encryption_set.des.id
  automatic_upgrade_channel = "stable"
  node_os_upgrade_channel   = "NodeImage"

  identity {
    type         = "UserAssigned"
    identity_ids = [data.azurerm_user_assigned_identity.control_plane.id]
  }

  kubelet_identity {
    user_assigned_identity_id = data.azurerm_user_assigned_identity.kubelet.id
    client_id                 = data.azurerm_user_assigned_identity.kubelet.client_id
    object_id                 = data.azurerm_user_assigned_identity.kubelet.principal_id
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = [var.admin_group_object_id]
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_policy      = "cilium"
    network_data_plane  = "cilium"
    outbound_type       = "userDefinedRouting"
  }

  key_vault_secrets_provider {
    secret_rotation_enabled  = true
    secret_rotation_interval = "2m"
  }

  oms_agent {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id
  }

  microsoft_defender {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id
  }

  key_management_service {
    key_vault_key_id         = azurerm_key_vault_key.kms.id
    key_vault_network_access = "Private"
  }

  default_node_pool {
    name                    = "system"
    node_count              = 3
    auto_scaling_enabled    = true
    min_count               = 3
    max_count               = 5
    vm_size                 = "Standard_D4ds_v5"
    os_disk_type            = "Ephemeral"
    host_encryption_enabled = true
    node_public_ip_enabled  = false
    vnet_subnet_id          = azurerm_subnet.nodes.id
  }

  depends_on = [
    azurerm_subnet_route_table_association.nodes,
    azurerm_subnet_network_security_group_association.nodes,
  ]
}

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                    = "apps"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.aks.id
  mode                    = "User"
  node_count              = 3
  auto_scaling_enabled    = true
  min_count               = 3
  max_count               = 10
  vm_size                 = "Standard_D8ds_v5"
  os_disk_type            = "Ephemeral"
  host_encryption_enabled = true
  node_public_ip_enabled  = false
  vnet_subnet_id          = azurerm_subnet.nodes.id
}

resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "audit-to-log-analytics"
  target_resource_id         = azurerm_kubernetes_cluster.aks.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id

  enabled_log {
    category = "kube-audit-admin"
  }

  enabled_log {
    category = "guard"
  }
}

resource "azurerm_monitor_diagnostic_setting" "acr" {
  name                       = "acr-audit-to-log-analytics"
  target_resource_id         = azurerm_container_registry.acr.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id

  enabled_log {
    category = "ContainerRegistryLoginEvents"
  }

  enabled_log {
    category = "ContainerRegistryRepositoryEvents"
  }
}

resource "azurerm_role_assignment" "kubelet_acr_pull" {
  scope                = azurerm_container_registry.acr.id
  role_definition_name = "AcrPull"
  principal_id         = data.azurerm_user_assigned_identity.kubelet.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "platform_admins" {
  scope                = azurerm_kubernetes_cluster.aks.id
  role_definition_name = "Azure Kubernetes Service RBAC Admin"
  principal_id         = var.admin_group_object_id
  principal_type       = "Group"
}
