# Production overrides: loaded after terraform.tfvars.
environment        = "prod"
kubernetes_version = "1.31"

api_server = {
  authorized_ip_ranges = ["198.51.100.0/24", "203.0.113.10/32"]
}

security = {
  local_account_disabled = false
  azure_policy_enabled   = true
  upgrade_channel        = "stable"
}

system_pool = {
  vm_size    = "Standard_D4s_v5"
  node_count = 5
}

admin_group_object_ids = ["0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"]
