project     = "shop"
environment = "prod"
tags = {
  owner = "platform"
}
nsg_rules = {
  https = { priority = 100, port = "443", source = "Internet" }
  ssh   = { priority = 110, port = "22", source = "10.0.0.0/8" }
}
