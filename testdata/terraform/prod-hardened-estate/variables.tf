variable "location" {
  type    = string
  default = "westeurope"
}

variable "platform_admins_group_id" {
  type        = string
  description = "Entra ID group of the platform team (cluster admins)."
  default     = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"
}

variable "hub_address_space" {
  type    = string
  default = "10.40.0.0/16"
}
