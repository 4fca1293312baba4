resource "azurerm_key_vault" "aks" {
  name                          = "kv-${local.name}"
  location                      = azurerm_resource_group.aks.location
  resource_group_name           = azurerm_resource_group.aks.name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "premium"
  rbac_authorization_enabled    = true
  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  public_network_access_enabled = false
}

resource "azurerm_key_vault_key" "etcd" {
  name         = "aks-etcd-kms"
  key_vault_id = azurerm_key_vault.aks.id
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["decrypt", "encrypt", "sign", "unwrapKey", "verify", "wrapKey"]
}

resource "azurerm_key_vault_key" "disks" {
  name         = "aks-disks"
  key_vault_id = azurerm_key_vault.aks.id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["unwrapKey", "wrapKey"]
}

resource "azurerm_disk_encryption_set" "aks" {
  name                = "des-${local.name}"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  key_vault_key_id    = azurerm_key_vault_key.disks.versionless_id
  encryption_type     = "EncryptionAtRestWithCustomerKey"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_role_assignment" "des_crypto_user" {
  scope                = azurerm_key_vault.aks.id
  role_definition_name = "Key Vault Crypto Service Encryption User"
  principal_id         = azurerm_disk_encryption_set.aks.identity[0].principal_id
}

resource "azurerm_role_assignment" "control_plane_crypto_user" {
  scope                = azurerm_key_vault.aks.id
  role_definition_name = "Key Vault Crypto User"
  principal_id         = azurerm_user_assigned_identity.control_plane.principal_id
}
