resource "azurerm_container_registry" "acr" {
  name                = var.registry_name
  resource_group_name = data.azurerm_resource_group.rg.name
  location            = local.location
  sku                 = "Basic"
  admin_enabled       = true
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                              = var.cluster_name
  location                          = local.location
  resource_group_name               = data.azurerm_resource_group.rg.name
  dns_prefix                        = var.cluster_name
  kubernetes_version                = "1.30.6"
  role_based_access_control_enabled = true
  http_application_routing_enabled  = true

  service_principal {
    client_id     = var.sp_client_id
    client_secret = data.azurerm_key_vault_secret.sp.value
  }

  api_server_access_profile {
    authorized_ip_ranges = ["0.0.0.0/0"]
  }

  network_profile {
    network_plugin = "kubenet"
    outbound_type  = "loadBalancer"
  }

  default_node_pool {
    name                   = "system"
    node_count             = var.node_count
    vm_size                = "Standard_D4s_v5"
    os_disk_type           = "Managed"
    node_public_ip_enabled = true
    vnet_subnet_id         = azurerm_subnet.nodes.id
  }
}

resource "azurerm_role_assignment" "ops_owner" {
  scope              = data.azurerm_resource_group.rg.id
  role_definition_id = local.owner_role_id
  principal_id       = "11111111-2222-3333-4444-555555555555"
  principal_type     = "Group"
}
