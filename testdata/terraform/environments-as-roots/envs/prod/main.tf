# The prod environment: a root module of its own (its own state), written
# from the same module as the other environment. Scanning the repository
# reads both roots; their clusters each have their own kubelet identity
# and their routes each reach their own firewall, although every address
# is the same in both.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
  backend "azurerm" {
    resource_group_name  = "rg-tfstate"
    storage_account_name = "sttfstatepayroll"
    container_name       = "tfstate"
    key                  = "payroll-prod.tfstate"
  }
}

provider "azurerm" {
  features {}
}

module "spoke" {
  source = "../../modules/spoke"

  env             = "prod"
  location        = "westeurope"
  address_space   = "10.62.0.0/16"
  node_count      = 3
  private_cluster = true
}
