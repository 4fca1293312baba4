variable "name" { type = string }
variable "location" { type = string }
variable "resource_group_name" { type = string }
variable "subnet_id" { type = string }
variable "pools" {
  type    = map(any)
  default = {}
}
variable "api" {
  type = object({
    private        = bool
    authorized_ips = list(string)
    local_accounts = bool
  })
}
