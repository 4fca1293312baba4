# Two spoke clusters behind one hub. The batch spoke's route table sends the
# default route to the firewall's address written as a literal (10.100.0.4,
# what Azure usually gives the first firewall in AzureFirewallSubnet, but
# only apply can tell). The web spoke's route table sends it straight to
# the internet, and its routes are separate azurerm_route resources.

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

locals {
  location = "northeurope"
  spokes = {
    batch = "10.101.0.0/20"
    web   = "10.102.0.0/20"
  }
}

resource "azurerm_resource_group" "hub" {
  name     = "rg-hub-neu"
  location = local.location
}

resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub-neu"
  location            = local.location
  resource_group_name = azurerm_resource_group.hub.name
  address_space       = ["10.100.0.0/20"]
}

resource "azurerm_subnet" "firewall" {
  name                 = "AzureFirewallSubnet"
  resource_group_name  = azurerm_resource_group.hub.name
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.100.0.0/26"]
}

resource "azurerm_public_ip" "firewall" {
  name                = "pip-afw-hub-neu"
  location            = local.location
  resource_group_name = azurerm_resource_group.hub.name
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_firewall" "hub" {
  name                = "afw-hub-neu"
  location            = local.location
  resource_group_name = azurerm_resource_group.hub.name
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"

  ip_configuration {
    name                 = "ipconfig1"
    subnet_id            = azurerm_subnet.firewall.id
    public_ip_address_id = azurerm_public_ip.firewall.id
  }
}

resource "azurerm_resource_group" "spoke" {
  for_each = local.spokes
  name     = "rg-${each.key}-neu"
  location = local.location
}

resource "azurerm_virtual_network" "spoke" {
  for_each            = local.spokes
  name                = "vnet-${each.key}-neu"
  location            = local.location
  resource_group_name = azurerm_resource_group.spoke[each.key].name
  address_space       = [each.value]
}

resource "azurerm_subnet" "nodes" {
  for_each             = local.spokes
  name                 = "snet-nodes"
  resource_group_name  = azurerm_resource_group.spoke[each.key].name
  virtual_network_name = azurerm_virtual_network.spoke[each.key].name
  address_prefixes     = [cidrsubnet(each.value, 2, 0)]
}

resource "azurerm_route_table" "batch" {
  name                = "rt-batch-nodes"
  location            = local.location
  resource_group_name = azurerm_resource_group.spoke["batch"].name

  route {
    name                   = "default-to-hub"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = "10.100.0.4"
  }
}

resource "azurerm_route_table" "web" {
  name                = "rt-web-nodes"
  location            = local.location
  resource_group_name = azurerm_resource_group.spoke["web"].name
}

resource "azurerm_route" "web_default" {
  name                = "default-internet"
  resource_group_name = azurerm_resource_group.spoke["web"].name
  route_table_name    = azurerm_route_table.web.name
  address_prefix      = "0.0.0.0/0"
  next_hop_type       = "Internet"
}

resource "azurerm_route" "web_hub" {
  name                   = "hub"
  resource_group_name    = azurerm_resource_group.spoke["web"].name
  route_table_name       = azurerm_route_table.web.name
  address_prefix         = "10.100.0.0/20"
  next_hop_type          = "VirtualAppliance"
  next_hop_in_ip_address = "10.100.0.4"
}

resource "azurerm_subnet_route_table_association" "batch" {
  subnet_id      = azurerm_subnet.nodes["batch"].id
  route_table_id = azurerm_route_table.batch.id
}

resource "azurerm_subnet_route_table_association" "web" {
  subnet_id      = azurerm_subnet.nodes["web"].id
  route_table_id = azurerm_route_table.web.id
}

resource "azurerm_kubernetes_cluster" "spoke" {
  for_each = local.spokes

  name                    = "aks-${each.key}-neu"
  location                = local.location
  resource_group_name     = azurerm_resource_group.spoke[each.key].name
  dns_prefix              = "${each.key}-neu"
  private_cluster_enabled = true

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D4s_v5"
    node_count     = 3
    vnet_subnet_id = azurerm_subnet.nodes[each.key].id
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
    outbound_type  = "userDefinedRouting"
  }
}
