env                             = "prod"
node_vm_size                    = "Standard_D8s_v5"
node_count                      = 6
enable_public_node_ips          = false
enable_http_application_routing = true
registry_public                 = false
