resource "azurerm_kubernetes_cluster" "this" {
  name                    = var.name
  location                = var.location
  resource_group_name     = var.resource_group_name
  dns_prefix              = var.name
  private_cluster_enabled = var.api.private
  local_account_disabled  = var.api.local_accounts

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D2s_v5"
    node_count     = 2
    vnet_subnet_id = var.subnet_id
  }

  identity {
    type = "SystemAssigned"
  }

  api_server_access_profile {
    authorized_ip_ranges = var.api.authorized_ips
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "cilium"
    outbound_type  = "userDefinedRouting"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "pool" {
  for_each              = var.pools
  name                  = each.key
  kubernetes_cluster_id = azurerm_kubernetes_cluster.this.id
  vm_size               = each.value.vm_size
  node_count            = each.value.count
  vnet_subnet_id        = var.subnet_id
}
