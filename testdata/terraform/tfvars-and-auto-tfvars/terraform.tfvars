environment = "dev"

api_server = {
  authorized_ip_ranges = ["0.0.0.0/0"]
}

security = {
  upgrade_channel = "none"
}

system_pool = {
  vm_size = "Standard_D2s_v5"
}
