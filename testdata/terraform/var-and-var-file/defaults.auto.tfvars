env                    = "shared"
node_vm_size           = "Standard_D2s_v5"
node_count             = 2
enable_public_node_ips = true
