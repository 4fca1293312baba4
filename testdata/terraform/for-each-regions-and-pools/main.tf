# One cluster per region (for_each over a map) and its user pools from a
# flattened region × pool list, keyed "region-pool". The edge pool of the
# US region asks for public node IPs (for a UDP game server); the others
# do not, through lookup() with a default.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.5"
    }
  }
}

provider "azurerm" {
  features {}
}

variable "regions" {
  type = map(object({
    location      = string
    address_space = string
    pools = map(object({
      vm_size   = string
      max_count = number
      public_ip = optional(bool)
    }))
  }))
  default = {
    weu = {
      location      = "westeurope"
      address_space = "10.80.0.0/16"
      pools = {
        apps = { vm_size = "Standard_D4s_v5", max_count = 10 }
      }
    }
    eus = {
      location      = "eastus"
      address_space = "10.81.0.0/16"
      pools = {
        apps = { vm_size = "Standard_D4s_v5", max_count = 10 }
        edge = { vm_size = "Standard_F8s_v2", max_count = 4, public_ip = true }
      }
    }
  }
}

locals {
  pools = merge([
    for region, r in var.regions : {
      for pool, p in r.pools : "${region}-${pool}" => merge(p, { region = region, name = pool })
    }
  ]...)
}

resource "azurerm_resource_group" "region" {
  for_each = var.regions
  name     = "rg-games-${each.key}"
  location = each.value.location
}

resource "azurerm_virtual_network" "region" {
  for_each            = var.regions
  name                = "vnet-games-${each.key}"
  location            = each.value.location
  resource_group_name = azurerm_resource_group.region[each.key].name
  address_space       = [each.value.address_space]
}

resource "azurerm_subnet" "nodes" {
  for_each             = var.regions
  name                 = "snet-nodes"
  resource_group_name  = azurerm_resource_group.region[each.key].name
  virtual_network_name = azurerm_virtual_network.region[each.key].name
  address_prefixes     = [cidrsubnet(each.value.address_space, 4, 0)]
}

resource "azurerm_network_security_group" "nodes" {
  for_each            = var.regions
  name                = "nsg-games-${each.key}-nodes"
  location            = each.value.location
  resource_group_name = azurerm_resource_group.region[each.key].name

  security_rule {
    name                       = "deny-ssh-inbound"
    priority                   = 4000
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_ranges    = ["22", "3389"]
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "allow-game-udp"
    priority                   = 200
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "7000-7100"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}

resource "azurerm_subnet_network_security_group_association" "nodes" {
  for_each                  = var.regions
  subnet_id                 = azurerm_subnet.nodes[each.key].id
  network_security_group_id = azurerm_network_security_group.nodes[each.key].id
}

resource "azurerm_kubernetes_cluster" "region" {
  for_each = var.regions

  name                      = "aks-games-${each.key}"
  location                  = each.value.location
  resource_group_name       = azurerm_resource_group.region[each.key].name
  dns_prefix                = "games-${each.key}"
  automatic_upgrade_channel = "patch"
  azure_policy_enabled      = true

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D2s_v5"
    node_count     = 3
    vnet_subnet_id = azurerm_subnet.nodes[each.key].id
    os_disk_type   = "Ephemeral"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "pool" {
  for_each = local.pools

  name                   = each.value.name
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.region[each.value.region].id
  vm_size                = each.value.vm_size
  vnet_subnet_id         = azurerm_subnet.nodes[each.value.region].id
  auto_scaling_enabled   = true
  min_count              = 1
  max_count              = each.value.max_count
  node_public_ip_enabled = coalesce(lookup(each.value, "public_ip", null), false)
  os_disk_type           = "Ephemeral"
}
