variable "target_resource_id" {
  type = string
}

variable "workspace_id" {
  type = string
}

variable "categories" {
  type    = list(string)
  default = ["kube-audit-admin", "kube-apiserver", "guard"]
}

resource "azurerm_monitor_diagnostic_setting" "this" {
  name                       = "audit-to-law"
  target_resource_id         = var.target_resource_id
  log_analytics_workspace_id = var.workspace_id

  dynamic "enabled_log" {
    for_each = toset(var.categories)
    content {
      category = enabled_log.value
    }
  }
}
