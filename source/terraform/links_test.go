package terraform

import (
	"context"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/source/azurerm"
)

const sub = "/subscriptions/00000000-0000-0000-0000-000000000000"

// TestEstateTestdata reads testdata/estate (a root module with tfvars, an
// auto.tfvars, a local module with outputs, count, for_each, a dynamic
// block, data sources) from disk and checks the joins the rules follow.
func TestEstateTestdata(t *testing.T) {
	rs, diags := Resources(context.Background(), "testdata/estate", Options{})
	for _, d := range diags {
		t.Errorf("diagnostic: %s", d.Error())
	}
	rg := sub + "/resourceGroups/rg-shop-prod"
	cluster := rg + "/providers/Microsoft.ContainerService/managedClusters/aks-shop-prod"
	tests := []check{
		// References to IDs evaluate to the IDs the adapter gives.
		{"azurerm_subnet_network_security_group_association.nodes", "subnet_id", rg + "/providers/Microsoft.Network/virtualNetworks/vnet-shop-prod/subnets/snet-nodes"},
		{"azurerm_subnet_network_security_group_association.nodes", "network_security_group_id", rg + "/providers/Microsoft.Network/networkSecurityGroups/nsg-nodes"},
		{"azurerm_management_lock.rg", "scope", rg},
		{"azurerm_role_assignment.acr_pull", "scope", rg + "/providers/Microsoft.ContainerRegistry/registries/acrshopprod"},
		// Through a module output, from the module's own resource.
		{"azurerm_monitor_diagnostic_setting.aks[0]", "target_resource_id", cluster},
		{"azurerm_monitor_diagnostic_setting.aks[0]", "log_analytics_workspace_id", rg + "/providers/Microsoft.OperationalInsights/workspaces/law-shop-prod"},
		{`module.aks.azurerm_kubernetes_cluster_node_pool.pool["user"]`, "kubernetes_cluster_id", cluster},
		// Through a module input.
		{"module.aks.azurerm_kubernetes_cluster.this", "default_node_pool.0.vnet_subnet_id", rg + "/providers/Microsoft.Network/virtualNetworks/vnet-shop-prod/subnets/snet-nodes"},
		// Symbols for computed attributes that joins use, scoped by the
		// root module (another root's azurerm_firewall.hub is another
		// firewall).
		{"azurerm_route_table.nodes", "route.0.next_hop_in_ip_address", "tfref:testdata/estate:azurerm_firewall.hub.ip_configuration[0].private_ip_address"},
		{"azurerm_role_assignment.acr_pull", "principal_id", "tfref:testdata/estate:module.aks.azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id"},
		// Data sources give placeholders.
		{"azurerm_role_assignment.rg_owner", "scope", sub},
		{"azurerm_role_assignment.rg_owner", "principal_id", "tfref:testdata/estate:data.azurerm_client_config.current.object_id"},
		{"azurerm_key_vault.kv", "tenant_id", "00000000-0000-0000-0000-000000000000"},
		// Values from terraform.tfvars, pools.auto.tfvars and optional() defaults.
		{"module.aks.azurerm_kubernetes_cluster.this", "private_cluster_enabled", "false"},
		{"module.aks.azurerm_kubernetes_cluster.this", "api_server_access_profile.0.authorized_ip_ranges", `["203.0.113.0/24"]`},
		{"module.aks.azurerm_kubernetes_cluster.this", "local_account_disabled", "<null>"},
		{`module.aks.azurerm_kubernetes_cluster_node_pool.pool["user"]`, "node_count", "3"},
		{"azurerm_resource_group.rg", "tags", `{"environment":"prod","owner":"platform"}`},
		{"azurerm_network_security_group.nodes", "security_rule.1.source_address_prefix", "10.0.0.0/8"},
		{"azurerm_subnet.nodes", "address_prefixes", `["10.10.16.0/20"]`},
		// A variable without value stays unknown.
		{"azurerm_key_vault.kv", "purge_protection_enabled", "<unknown>"},
	}
	for _, c := range tests {
		r := find(t, rs, c.addr)
		if got := show(at(r.Values, c.path)); got != c.want {
			t.Errorf("%s %s = %s, want %s", c.addr, c.path, got, c.want)
		}
	}
	// The disabled pool is filtered out by the for expression in locals.
	for _, r := range rs {
		if strings.Contains(r.Address, `"spare"`) {
			t.Errorf("disabled pool %s was scanned", r.Address)
		}
	}
	// The IDs the references evaluated to are those the adapter computes.
	aks := find(t, rs, "module.aks.azurerm_kubernetes_cluster.this")
	if got := azurerm.SyntheticID(aks.Type, aks.Address, aks.Values); got != cluster {
		t.Errorf("SyntheticID of the cluster = %s, want %s", got, cluster)
	}
	fw := find(t, rs, "azurerm_firewall.hub")
	if got, _ := azurerm.SyntheticAttr(fw.Type, fw.Address, fw.Values, "ip_configuration[0].private_ip_address"); got != "tfref:azurerm_firewall.hub.ip_configuration[0].private_ip_address" {
		t.Errorf("the firewall's private IP symbol = %q", got)
	}
	// Locations are in the module's own file.
	if !strings.HasSuffix(aks.File, "modules/aks/main.tf") || aks.Line != 1 {
		t.Errorf("cluster at %s:%d, want modules/aks/main.tf:1", aks.File, aks.Line)
	}
	if got := aks.Attrs["network_profile.0.network_policy"].Line; got != 26 {
		t.Errorf("network_profile.0.network_policy at line %d, want 26", got)
	}
}

func TestUnknownReasons(t *testing.T) {
	rs, diags := read(t, map[string]string{"main.tf": `
variable "private" { type = bool }
data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks"
  resource_group_name = "rg"
}
locals {
  indirect = var.private
}
resource "azurerm_kubernetes_cluster" "aks" {
  name                    = "aks"
  resource_group_name     = "rg"
  private_cluster_enabled = local.indirect
}
resource "azurerm_private_dns_zone" "z" {
  name                = azurerm_kubernetes_cluster.aks.private_fqdn
  resource_group_name = data.azurerm_kubernetes_cluster.existing.node_resource_group
  tags                = { created = timestamp() }
}
resource "azurerm_role_assignment" "ra" {
  scope        = data.azurerm_kubernetes_cluster.existing.id
  principal_id = azurerm_kubernetes_cluster.aks.identity[0].principal_id
}`}, Options{})
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	tests := []struct {
		addr, path, value, expr, reason string
	}{
		{"azurerm_kubernetes_cluster.aks", "private_cluster_enabled", "<unknown>", "local.indirect",
			"var.private has no value: it has no default and is not set by a tfvars file, --var or TF_VAR_private"},
		{"azurerm_private_dns_zone.z", "name", "<unknown>", "azurerm_kubernetes_cluster.aks.private_fqdn",
			"azurerm_kubernetes_cluster.aks.private_fqdn is known only after apply"},
		{"azurerm_private_dns_zone.z", "resource_group_name", "<unknown>", "data.azurerm_kubernetes_cluster.existing.node_resource_group",
			"data.azurerm_kubernetes_cluster.existing.node_resource_group is read from the provider when Terraform runs"},
		{"azurerm_private_dns_zone.z", "tags", "<unknown>", "{ created = timestamp() }", "timestamp() is known only after apply"},
		// A data source's ID follows from its arguments; the identity's
		// principal is a symbol the adapter records on the cluster.
		{"azurerm_role_assignment.ra", "scope", sub + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks", "data.azurerm_kubernetes_cluster.existing.id", ""},
		{"azurerm_role_assignment.ra", "principal_id", "tfref:azurerm_kubernetes_cluster.aks.identity[0].principal_id", "azurerm_kubernetes_cluster.aks.identity[0].principal_id", ""},
	}
	for _, tc := range tests {
		r := find(t, rs, tc.addr)
		if got := show(at(r.Values, tc.path)); got != tc.value {
			t.Errorf("%s %s = %s, want %s", tc.addr, tc.path, got, tc.value)
		}
		info := r.Attrs[tc.path]
		if info.Expr != tc.expr || info.Reason != tc.reason {
			t.Errorf("%s %s: expr %q reason %q, want %q, %q", tc.addr, tc.path, info.Expr, info.Reason, tc.expr, tc.reason)
		}
	}
}

func TestSymbolsAndDerivedValues(t *testing.T) {
	runCases(t, []evalCase{{
		name: "login server, Key Vault key IDs, user-assigned identities, counted firewalls",
		files: map[string]string{"main.tf": `
resource "azurerm_container_registry" "acr" {
  name                = "AcrProd"
  resource_group_name = "rg"
}
resource "azurerm_key_vault" "kv" {
  name                = "kv-prod"
  resource_group_name = "rg"
}
resource "azurerm_key_vault_key" "k" {
  name         = "etcd"
  key_vault_id = azurerm_key_vault.kv.id
}
resource "azurerm_user_assigned_identity" "kubelet" {
  name                = "id-kubelet"
  resource_group_name = "rg"
}
resource "azurerm_firewall" "fw" {
  count = 2
  name  = "fw${count.index}"
  resource_group_name = "rg"
  ip_configuration {
    name = "c"
  }
}
resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks"
  resource_group_name = "rg"
  key_management_service {
    key_vault_key_id = azurerm_key_vault_key.k.id
  }
  kubelet_identity {
    user_assigned_identity_id = azurerm_user_assigned_identity.kubelet.id
    object_id                 = azurerm_user_assigned_identity.kubelet.principal_id
    client_id                 = azurerm_user_assigned_identity.kubelet.client_id
  }
  tags = {
    registry = azurerm_container_registry.acr.login_server
    key      = azurerm_key_vault_key.k.versionless_id
    fw       = azurerm_firewall.fw[1].ip_configuration[0].private_ip_address
    fqdn     = azurerm_kubernetes_cluster.other.fqdn
  }
}
resource "azurerm_kubernetes_cluster" "other" {
  name = "other"
}`},
		want: []check{
			{"azurerm_kubernetes_cluster.aks", "key_management_service.0.key_vault_key_id", sub + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-prod/keys/etcd"},
			{"azurerm_kubernetes_cluster.aks", "kubelet_identity.0.user_assigned_identity_id", sub + "/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-kubelet"},
			{"azurerm_kubernetes_cluster.aks", "kubelet_identity.0.object_id", "tfref:azurerm_user_assigned_identity.kubelet.principal_id"},
			{"azurerm_kubernetes_cluster.aks", "kubelet_identity.0.client_id", "tfref:azurerm_user_assigned_identity.kubelet.client_id"},
			{"azurerm_kubernetes_cluster.aks", "tags.registry", "acrprod.azurecr.io"},
			{"azurerm_kubernetes_cluster.aks", "tags.key", sub + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-prod/keys/etcd"},
			{"azurerm_kubernetes_cluster.aks", "tags.fw", "tfref:azurerm_firewall.fw[1].ip_configuration[0].private_ip_address"},
			{"azurerm_kubernetes_cluster.aks", "tags.fqdn", "<unknown>"},
		},
	}, {
		name: "a resource whose name is unknown is named by its address",
		files: map[string]string{"main.tf": `
variable "name" {}
resource "azurerm_network_security_group" "nsg" {
  name                = var.name
  resource_group_name = "rg"
}
resource "azurerm_subnet_network_security_group_association" "a" {
  network_security_group_id = azurerm_network_security_group.nsg.id
}`},
		want: []check{{"azurerm_subnet_network_security_group_association.a", "network_security_group_id", "azurerm_network_security_group.nsg"}},
	}})
}

// TestValuesHoldOnlyConfiguration: stand-ins appear where references read
// them, never in the referenced resource's own values.
func TestValuesHoldOnlyConfiguration(t *testing.T) {
	rs, _ := read(t, map[string]string{"main.tf": `
resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks"
}
resource "azurerm_role_assignment" "ra" {
  principal_id = azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id
  scope        = azurerm_kubernetes_cluster.aks.id
}`}, Options{})
	aks := find(t, rs, "azurerm_kubernetes_cluster.aks")
	want := cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal("aks")})
	if !aks.Values.RawEquals(want) {
		t.Errorf("cluster values = %#v, want only its configuration", aks.Values)
	}
}
