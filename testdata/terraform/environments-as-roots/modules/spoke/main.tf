# One spoke per environment: network, egress firewall and cluster. Every
# environment root calls this module as module.spoke, so both roots hold a
# module.spoke.azurerm_kubernetes_cluster.this and a
# module.spoke.azurerm_firewall.egress: the same addresses, different
# resources.

variable "env" {
  type = string
}

variable "location" {
  type = string
}

variable "address_space" {
  type = string
}

variable "node_count" {
  type = number
}

variable "private_cluster" {
  type = bool
}

locals {
  name = "payroll-${var.env}"
}

resource "azurerm_resource_group" "this" {
  name     = "rg-${local.name}"
  location = var.location
}

resource "azurerm_virtual_network" "this" {
  name                = "vnet-${local.name}"
  location            = var.location
  resource_group_name = azurerm_resource_group.this.name
  address_space       = [var.address_space]
}

resource "azurerm_subnet" "nodes" {
  name                 = "snet-nodes"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [cidrsubnet(var.address_space, 4, 0)]
}

resource "azurerm_subnet" "firewall" {
  name                 = "AzureFirewallSubnet"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [cidrsubnet(var.address_space, 10, 1020)]
}

resource "azurerm_public_ip" "egress" {
  name                = "pip-afw-${local.name}"
  location            = var.location
  resource_group_name = azurerm_resource_group.this.name
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_firewall" "egress" {
  name                = "afw-${local.name}"
  location            = var.location
  resource_group_name = azurerm_resource_group.this.name
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"

  ip_configuration {
    name                 = "egress"
    subnet_id            = azurerm_subnet.firewall.id
    public_ip_address_id = azurerm_public_ip.egress.id
  }
}

resource "azurerm_route_table" "nodes" {
  name                = "rt-${local.name}-nodes"
  location            = var.location
  resource_group_name = azurerm_resource_group.this.name

  route {
    name                   = "default-egress"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = azurerm_firewall.egress.ip_configuration[0].private_ip_address
  }
}

resource "azurerm_subnet_route_table_association" "nodes" {
  subnet_id      = azurerm_subnet.nodes.id
  route_table_id = azurerm_route_table.nodes.id
}

resource "azurerm_network_security_group" "nodes" {
  name                = "nsg-${local.name}-nodes"
  location            = var.location
  resource_group_name = azurerm_resource_group.this.name

  security_rule {
    name                       = "deny-ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_subnet_network_security_group_association" "nodes" {
  subnet_id                 = azurerm_subnet.nodes.id
  network_security_group_id = azurerm_network_security_group.nodes.id
}

resource "azurerm_kubernetes_cluster" "this" {
  name                      = "aks-${local.name}"
  location                  = var.location
  resource_group_name       = azurerm_resource_group.this.name
  dns_prefix                = local.name
  private_cluster_enabled   = var.private_cluster
  local_account_disabled    = true
  automatic_upgrade_channel = "stable"

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4s_v5"
    node_count              = var.node_count
    vnet_subnet_id          = azurerm_subnet.nodes.id
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
    outbound_type  = "userDefinedRouting"
  }

  depends_on = [azurerm_subnet_route_table_association.nodes]
}
