resource "azurerm_container_registry" "notify" {
  name                = "acrnotifydev"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
<<<<<<< HEAD
  sku                 = "Basic"
=======
  sku                 = "Standard"
  admin_enabled       = true
>>>>>>> feature/registry-admin

resource "azurerm_role_assignment" "pull" {
  scope                = azurerm_container_registry.notify.id
  role_definition_name = "AcrPull"
