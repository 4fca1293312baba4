variable "prefix" {
  type        = string
  description = "(Optional) The prefix for the resources created in the specified Azure Resource Group."
}

variable "resource_group_name" {
  type        = string
  description = "The existing resource group name to use."
}

variable "location" {
  type        = string
  default     = null
  description = "Location of cluster, if not defined it will be read from the resource-group."
}

variable "kubernetes_version" {
  type    = string
  default = null
}

variable "rbac_aad" {
  type    = bool
  default = true
}

variable "rbac_aad_managed" {
  type    = bool
  default = false
}

variable "rbac_aad_azure_rbac_enabled" {
  type    = bool
  default = null
}

variable "rbac_aad_admin_group_object_ids" {
  type    = list(string)
  default = null
}

variable "role_based_access_control_enabled" {
  type    = bool
  default = false
}

variable "local_account_disabled" {
  type    = bool
  default = null
}

variable "private_cluster_enabled" {
  type    = bool
  default = false
}

variable "api_server_authorized_ip_ranges" {
  type    = set(string)
  default = null
}

variable "network_plugin" {
  type    = string
  default = "kubenet"
}

variable "network_policy" {
  type    = string
  default = null
}

variable "vnet_subnet_id" {
  type    = string
  default = null
}

variable "agents_count" {
  type    = number
  default = 2
}

variable "agents_size" {
  type    = string
  default = "Standard_D2s_v3"
}

variable "os_disk_size_gb" {
  type    = number
  default = 50
}

variable "enable_host_encryption" {
  type    = bool
  default = false
}

variable "enable_node_public_ip" {
  type    = bool
  default = false
}

variable "automatic_channel_upgrade" {
  type    = string
  default = null
}

variable "azure_policy_enabled" {
  type    = bool
  default = false
}

variable "log_analytics_workspace_enabled" {
  type    = bool
  default = true
}

variable "key_vault_secrets_provider_enabled" {
  type    = bool
  default = false
}

variable "secret_rotation_enabled" {
  type    = bool
  default = false
}

variable "workload_identity_enabled" {
  type    = bool
  default = false
}
