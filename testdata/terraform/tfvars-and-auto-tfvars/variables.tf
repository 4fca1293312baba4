variable "environment" {
  type = string
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "kubernetes_version" {
  type    = string
  default = "1.30"
}

variable "api_server" {
  description = "Who may reach the API server."
  type = object({
    private              = optional(bool, false)
    authorized_ip_ranges = optional(list(string), [])
  })
  default = {}
}

variable "security" {
  type = object({
    local_account_disabled    = optional(bool, false)
    azure_policy_enabled      = optional(bool, false)
    workload_identity_enabled = optional(bool, false)
    upgrade_channel           = optional(string)
  })
  default = {}
}

variable "system_pool" {
  type = object({
    vm_size    = string
    node_count = optional(number, 3)
    zones      = optional(list(string), ["1", "2", "3"])
  })
}

variable "admin_group_object_ids" {
  type    = list(string)
  default = []
}
