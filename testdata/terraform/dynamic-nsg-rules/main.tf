# NSG rules generated with a dynamic block from a list of objects, the way
# shared network modules take them. The operations team added SSH from
# anywhere "temporarily" (priority 150), which dynamic expansion turns into
# an inline rule like any other.

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

variable "inbound_rules" {
  type = list(object({
    name     = string
    priority = number
    access   = optional(string, "Allow")
    protocol = optional(string, "Tcp")
    ports    = list(string)
    source   = string
  }))
  default = [
    { name = "allow-https-from-appgw", priority = 100, ports = ["443"], source = "10.90.4.0/24" },
    { name = "allow-ssh-temp-incident-4711", priority = 150, ports = ["20-25"], source = "*" },
    { name = "allow-lb-probes", priority = 200, protocol = "*", ports = ["*"], source = "AzureLoadBalancer" },
  ]
}

resource "azurerm_resource_group" "net" {
  name     = "rg-logistics-net"
  location = "germanywestcentral"
}

resource "azurerm_virtual_network" "spoke" {
  name                = "vnet-logistics"
  location            = azurerm_resource_group.net.location
  resource_group_name = azurerm_resource_group.net.name
  address_space       = ["10.90.0.0/16"]
}

resource "azurerm_subnet" "aks" {
  name                 = "snet-aks"
  resource_group_name  = azurerm_resource_group.net.name
  virtual_network_name = azurerm_virtual_network.spoke.name
  address_prefixes     = ["10.90.0.0/22"]
}

resource "azurerm_network_security_group" "aks" {
  name                = "nsg-logistics-aks"
  location            = azurerm_resource_group.net.location
  resource_group_name = azurerm_resource_group.net.name

  dynamic "security_rule" {
    for_each = var.inbound_rules
    content {
      name                       = security_rule.value.name
      priority                   = security_rule.value.priority
      direction                  = "Inbound"
      access                     = security_rule.value.access
      protocol                   = security_rule.value.protocol
      source_port_range          = "*"
      destination_port_ranges    = security_rule.value.ports
      source_address_prefix      = security_rule.value.source
      destination_address_prefix = "VirtualNetwork"
    }
  }
}

resource "azurerm_subnet_network_security_group_association" "aks" {
  subnet_id                 = azurerm_subnet.aks.id
  network_security_group_id = azurerm_network_security_group.aks.id
}

resource "azurerm_kubernetes_cluster" "logistics" {
  name                    = "aks-logistics"
  location                = azurerm_resource_group.net.location
  resource_group_name     = azurerm_resource_group.net.name
  dns_prefix              = "logistics"
  private_cluster_enabled = true
  local_account_disabled  = true

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D4s_v5"
    node_count     = 3
    vnet_subnet_id = azurerm_subnet.aks.id
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
  }
}
