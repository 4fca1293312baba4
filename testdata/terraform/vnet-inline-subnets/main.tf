# The landing-zone style: subnets declared inline in the virtual network,
# each with its NSG (security_group) and, since azurerm 4.0, its route
# table (route_table_id). The node NSG only allows HTTPS from the gateway
# subnet and blocks nothing else, so Azure's AllowVnetInBound admits SSH
# from the whole (peered) network.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.8"
    }
  }
}

provider "azurerm" {
  features {}
}

locals {
  rg       = "rg-media-prod"
  location = "centralus"
}

resource "azurerm_resource_group" "media" {
  name     = local.rg
  location = local.location
}

resource "azurerm_network_security_group" "nodes" {
  name                = "nsg-media-nodes"
  location            = local.location
  resource_group_name = azurerm_resource_group.media.name

  security_rule {
    name                       = "allow-https-from-gateway"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "10.30.8.0/24"
    destination_address_prefix = "*"
  }
}

resource "azurerm_route_table" "nodes" {
  name                = "rt-media-nodes"
  location            = local.location
  resource_group_name = azurerm_resource_group.media.name

  route {
    name                   = "default"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = azurerm_firewall.egress.ip_configuration[0].private_ip_address
  }
}

resource "azurerm_virtual_network" "media" {
  name                = "vnet-media-prod"
  location            = local.location
  resource_group_name = azurerm_resource_group.media.name
  address_space       = ["10.30.0.0/16"]

  subnet {
    name             = "snet-nodes"
    address_prefixes = ["10.30.0.0/21"]
    security_group   = azurerm_network_security_group.nodes.id
    route_table_id   = azurerm_route_table.nodes.id
  }

  subnet {
    name             = "snet-appgw"
    address_prefixes = ["10.30.8.0/24"]
  }

}

# The egress firewall sits in the hub network, declared apart: the spoke's
# route table refers to it, so it cannot depend on the spoke.
resource "azurerm_virtual_network" "hub" {
  name                = "vnet-media-hub"
  location            = local.location
  resource_group_name = azurerm_resource_group.media.name
  address_space       = ["10.31.0.0/24"]
}

resource "azurerm_subnet" "firewall" {
  name                 = "AzureFirewallSubnet"
  resource_group_name  = azurerm_resource_group.media.name
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.31.0.0/26"]
}

resource "azurerm_public_ip" "egress" {
  name                = "pip-media-egress"
  location            = local.location
  resource_group_name = azurerm_resource_group.media.name
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_firewall" "egress" {
  name                = "afw-media-prod"
  location            = local.location
  resource_group_name = azurerm_resource_group.media.name
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"

  ip_configuration {
    name                 = "egress"
    subnet_id            = azurerm_subnet.firewall.id
    public_ip_address_id = azurerm_public_ip.egress.id
  }
}

resource "azurerm_kubernetes_cluster" "media" {
  name                      = "aks-media-prod"
  location                  = local.location
  resource_group_name       = azurerm_resource_group.media.name
  dns_prefix                = "media-prod"
  automatic_upgrade_channel = "rapid"
  azure_policy_enabled      = true
  workload_identity_enabled = true
  oidc_issuer_enabled       = true

  api_server_access_profile {
    authorized_ip_ranges = ["192.0.2.0/24"]
  }

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D8s_v5"
    node_count              = 4
    vnet_subnet_id          = "${azurerm_virtual_network.media.id}/subnets/snet-nodes"
    host_encryption_enabled = true
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_policy      = "cilium"
    network_data_plane  = "cilium"
    outbound_type       = "userDefinedRouting"
  }
}
