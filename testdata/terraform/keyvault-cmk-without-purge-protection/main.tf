# Customer-managed keys done halfway: KMS encrypts etcd with a key from the
# team's vault and a disk encryption set wraps the node disks, but the
# vault was created without purge protection (it is a "temporary" vault
# from the proof of concept), so a deleted key destroys the data for good.

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

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "hr" {
  name     = "rg-hr-prod"
  location = "norwayeast"
}

resource "azurerm_key_vault" "hr" {
  name                       = "kv-hr-prod-poc"
  location                   = azurerm_resource_group.hr.location
  resource_group_name        = azurerm_resource_group.hr.name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  rbac_authorization_enabled = true
  soft_delete_retention_days = 7
}

resource "azurerm_key_vault_key" "kms" {
  name         = "etcd"
  key_vault_id = azurerm_key_vault.hr.id
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["decrypt", "encrypt", "unwrapKey", "wrapKey"]

  rotation_policy {
    expire_after         = "P180D"
    notify_before_expiry = "P30D"
    automatic {
      time_before_expiry = "P30D"
    }
  }
}

resource "azurerm_key_vault_key" "disks" {
  name         = "disks"
  key_vault_id = azurerm_key_vault.hr.id
  key_type     = "RSA"
  key_size     = 4096
  key_opts     = ["unwrapKey", "wrapKey"]
}

resource "azurerm_user_assigned_identity" "aks" {
  name                = "id-aks-hr-prod"
  location            = azurerm_resource_group.hr.location
  resource_group_name = azurerm_resource_group.hr.name
}

resource "azurerm_role_assignment" "aks_kms" {
  scope                = azurerm_key_vault.hr.id
  role_definition_name = "Key Vault Crypto User"
  principal_id         = azurerm_user_assigned_identity.aks.principal_id
}

resource "azurerm_disk_encryption_set" "hr" {
  name                      = "des-hr-prod"
  location                  = azurerm_resource_group.hr.location
  resource_group_name       = azurerm_resource_group.hr.name
  key_vault_key_id          = azurerm_key_vault_key.disks.versionless_id
  auto_key_rotation_enabled = true

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "hr" {
  name                    = "aks-hr-prod"
  location                = azurerm_resource_group.hr.location
  resource_group_name     = azurerm_resource_group.hr.name
  dns_prefix              = "hr-prod"
  private_cluster_enabled = true
  local_account_disabled  = true
  disk_encryption_set_id  = azurerm_disk_encryption_set.hr.id

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4ds_v5"
    node_count              = 3
    host_encryption_enabled = true
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.aks.id]
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = ["c0ffee00-1234-4abc-9def-0123456789ab"]
  }

  key_management_service {
    key_vault_key_id         = azurerm_key_vault_key.kms.id
    key_vault_network_access = "Public"
  }

  key_vault_secrets_provider {
    secret_rotation_enabled = true
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
  }
}
