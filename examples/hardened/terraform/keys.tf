resource "azurerm_key_vault" "kv" {
  name                          = "kv-hardened"
  location                      = local.location
  resource_group_name           = data.azurerm_resource_group.rg.name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "premium"
  rbac_authorization_enabled    = true
  purge_protection_enabled      = true
  public_network_access_enabled = false
}

resource "azurerm_key_vault_key" "kms" {
  name         = "aks-kms"
  key_vault_id = azurerm_key_vault.kv.id
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["decrypt", "encrypt", "unwrapKey", "wrapKey"]
}

resource "azurerm_disk_encryption_set" "des" {
  name                = "des-hardened"
  location            = local.location
  resource_group_name = data.azurerm_resource_group.rg.name
  encryption_type     = "EncryptionAtRestWithCustomerKey"
  key_vault_key_id    = azurerm_key_vault_key.kms.id

  identity {
    type = "SystemAssigned"
  }
}
