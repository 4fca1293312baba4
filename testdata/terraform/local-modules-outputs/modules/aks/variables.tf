variable "name" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "location" {
  type = string
}

variable "subnet_id" {
  type = string
}

variable "log_analytics_workspace_id" {
  type = string
}

variable "kubernetes_version" {
  type    = string
  default = "1.31"
}

variable "user_pools" {
  type = map(object({
    vm_size   = string
    min_count = optional(number, 1)
    max_count = number
  }))
  default = {}
}
