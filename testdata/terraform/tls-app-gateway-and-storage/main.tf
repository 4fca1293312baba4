# TLS in front of and beside the cluster: the public Application Gateway
# (AGIC) was created years ago with the 2015 predefined policy (TLS 1.0);
# the internal one uses a custom policy with TLS 1.2 as minimum. The
# cluster's backup storage account keeps the provider's default minimum
# (TLS 1.2); the legacy export account was lowered to TLS 1.0 for an old
# SFTP client.

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
  rg       = "rg-edge-prod"
  location = "westeurope"
  gateways = {
    public = {
      subnet_prefix = "10.50.10.0/24"
      ssl_policy    = { policy_type = "Predefined", policy_name = "AppGwSslPolicy20150501", min_protocol_version = null, cipher_suites = null }
    }
    internal = {
      subnet_prefix = "10.50.11.0/24"
      ssl_policy = {
        policy_type          = "Custom"
        policy_name          = null
        min_protocol_version = "TLSv1_2"
        cipher_suites        = ["TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]
      }
    }
  }
}

resource "azurerm_resource_group" "edge" {
  name     = local.rg
  location = local.location
}

resource "azurerm_virtual_network" "edge" {
  name                = "vnet-edge-prod"
  location            = local.location
  resource_group_name = azurerm_resource_group.edge.name
  address_space       = ["10.50.0.0/16"]
}

resource "azurerm_subnet" "gateway" {
  for_each             = local.gateways
  name                 = "snet-agw-${each.key}"
  resource_group_name  = azurerm_resource_group.edge.name
  virtual_network_name = azurerm_virtual_network.edge.name
  address_prefixes     = [each.value.subnet_prefix]
}

resource "azurerm_public_ip" "gateway" {
  for_each            = local.gateways
  name                = "pip-agw-${each.key}"
  location            = local.location
  resource_group_name = azurerm_resource_group.edge.name
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_application_gateway" "edge" {
  for_each            = local.gateways
  name                = "agw-edge-${each.key}"
  location            = local.location
  resource_group_name = azurerm_resource_group.edge.name

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }

  gateway_ip_configuration {
    name      = "gateway"
    subnet_id = azurerm_subnet.gateway[each.key].id
  }

  frontend_port {
    name = "https"
    port = 443
  }

  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.gateway[each.key].id
  }

  backend_address_pool {
    name = "aks"
  }

  backend_http_settings {
    name                  = "aks"
    cookie_based_affinity = "Disabled"
    port                  = 80
    protocol              = "Http"
    request_timeout       = 30
  }

  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "https"
    protocol                       = "Https"
    ssl_certificate_name           = "wildcard"
  }

  ssl_certificate {
    name                = "wildcard"
    key_vault_secret_id = "https://kv-edge-prod.vault.azure.net/secrets/wildcard"
  }

  request_routing_rule {
    name                       = "aks"
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = "https"
    backend_address_pool_name  = "aks"
    backend_http_settings_name = "aks"
  }

  ssl_policy {
    policy_type          = each.value.ssl_policy.policy_type
    policy_name          = each.value.ssl_policy.policy_name
    min_protocol_version = each.value.ssl_policy.min_protocol_version
    cipher_suites        = each.value.ssl_policy.cipher_suites
  }

  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/3f2e1d0c-5b4a-4c3d-9e8f-7a6b5c4d3e2f/resourceGroups/rg-edge-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-agw"]
  }
}

resource "azurerm_storage_account" "backup" {
  name                     = "stedgebackupprod"
  resource_group_name      = azurerm_resource_group.edge.name
  location                 = local.location
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_storage_account" "export" {
  name                     = "stedgeexportlegacy"
  resource_group_name      = azurerm_resource_group.edge.name
  location                 = local.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = "TLS1_0"
  sftp_enabled             = true
  is_hns_enabled           = true
}
