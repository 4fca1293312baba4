# System and user pools on their own subnets, each with its own NSG whose
# rules are separate azurerm_network_security_rule resources (so that other
# teams can add rules without touching the NSG). The system subnet denies
# SSH before Azure's AllowVnetInBound; the user subnet's jump-host rule
# opens 22 (in a port list) to 0.0.0.0/0.

resource "azurerm_virtual_network" "aks" {
  name                = "vnet-risk-prod"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  address_space       = ["10.70.0.0/16"]
}

resource "azurerm_subnet" "system" {
  name                 = "snet-system"
  resource_group_name  = azurerm_resource_group.aks.name
  virtual_network_name = azurerm_virtual_network.aks.name
  address_prefixes     = ["10.70.0.0/24"]
}

resource "azurerm_subnet" "user" {
  name                 = "snet-user"
  resource_group_name  = azurerm_resource_group.aks.name
  virtual_network_name = azurerm_virtual_network.aks.name
  address_prefixes     = ["10.70.4.0/22"]
}

resource "azurerm_network_security_group" "system" {
  name                = "nsg-risk-system"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
}

resource "azurerm_network_security_group" "user" {
  name                = "nsg-risk-user"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
}

resource "azurerm_network_security_rule" "system_allow_nodes_ssh" {
  name                        = "allow-ssh-from-node-subnets"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefixes     = ["10.70.0.0/24", "10.70.4.0/22"]
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.aks.name
  network_security_group_name = azurerm_network_security_group.system.name
}

resource "azurerm_network_security_rule" "system_deny_ssh" {
  name                        = "deny-ssh"
  priority                    = 4096
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.aks.name
  network_security_group_name = azurerm_network_security_group.system.name
}

resource "azurerm_network_security_rule" "user_jump" {
  name                        = "allow-jump-host"
  priority                    = 300
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["22", "8443"]
  source_address_prefix       = "0.0.0.0/0"
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.aks.name
  network_security_group_name = azurerm_network_security_group.user.name
}

resource "azurerm_network_security_rule" "user_deny_ssh" {
  name                        = "deny-ssh"
  priority                    = 4096
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.aks.name
  network_security_group_name = azurerm_network_security_group.user.name
}

resource "azurerm_subnet_network_security_group_association" "system" {
  subnet_id                 = azurerm_subnet.system.id
  network_security_group_id = azurerm_network_security_group.system.id
}

resource "azurerm_subnet_network_security_group_association" "user" {
  subnet_id                 = azurerm_subnet.user.id
  network_security_group_id = azurerm_network_security_group.user.id
}
