env                    = "dev"
node_count             = 1
enable_public_node_ips = true
registry_public        = true
