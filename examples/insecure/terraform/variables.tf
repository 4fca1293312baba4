variable "resource_group_name" {
  type    = string
  default = "rg-aks-insecure"
}

variable "cluster_name" {
  type    = string
  default = "aks-insecure"
}

variable "registry_name" {
  type    = string
  default = "acrinsecure"
}

variable "node_count" {
  type    = number
  default = 3
}

variable "sp_client_id" {
  type        = string
  description = "Application (client) ID of the cluster's service principal."
}
