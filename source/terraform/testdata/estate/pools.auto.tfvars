node_pools = {
  user  = { vm_size = "Standard_D4s_v5", count = 3 }
  spare = { vm_size = "Standard_D2s_v5", enabled = false }
}
api = {
  authorized_ips = ["203.0.113.0/24"]
  private        = false
}
