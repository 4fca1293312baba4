variable "resource_group_name" {
  type    = string
  default = "rg-aks-hardened"
}

variable "cluster_name" {
  type    = string
  default = "aks-hardened"
}

variable "registry_name" {
  type    = string
  default = "acrhardened"
}

variable "admin_group_object_id" {
  type        = string
  description = "Entra ID group whose members administer the cluster."
}
