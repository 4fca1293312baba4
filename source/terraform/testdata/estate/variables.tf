variable "project" {
  type = string
}

variable "environment" {
  type    = string
  default = "dev"
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "address_space" {
  type    = string
  default = "10.10.0.0/16"
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "enable_logs" {
  type    = bool
  default = true
}

variable "purge_protection" {
  type        = bool
  description = "Set per environment; deliberately without default."
}

variable "api" {
  type = object({
    private         = optional(bool, true)
    authorized_ips  = optional(list(string), [])
    local_accounts  = optional(bool)
  })
  default = {}
}

variable "node_pools" {
  type = map(object({
    vm_size = string
    count   = optional(number, 1)
    enabled = optional(bool, true)
  }))
  default = {}
}

variable "nsg_rules" {
  type = map(object({
    priority = number
    port     = string
    source   = string
  }))
  default = {}
}
