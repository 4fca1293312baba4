package terraform

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func addresses(t *testing.T, files map[string]string) []string {
	t.Helper()
	rs, diags := read(t, files, Options{})
	for _, d := range diags {
		t.Errorf("diagnostic: %s", d.Error())
	}
	var out []string
	for _, r := range rs {
		out = append(out, r.Address)
	}
	sort.Strings(out)
	return out
}

func TestInstanceAddresses(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "count gives indexes, count = 0 none",
			files: map[string]string{"main.tf": `
variable "n" { default = 2 }
resource "azurerm_subnet" "s" {
  count = var.n
  name  = "snet-${count.index}"
}
resource "azurerm_subnet" "none" {
  count = 0
}`},
			want: []string{"azurerm_subnet.s[0]", "azurerm_subnet.s[1]"},
		},
		{
			name: "for_each over a map and a set gives string keys",
			files: map[string]string{"main.tf": `
resource "azurerm_kubernetes_cluster_node_pool" "p" {
  for_each = { user = "D4", batch = "D8" }
  name     = each.key
  vm_size  = each.value
}
resource "azurerm_subnet" "s" {
  for_each = toset(["a", "b"])
  name     = each.value
}`},
			want: []string{
				`azurerm_kubernetes_cluster_node_pool.p["batch"]`, `azurerm_kubernetes_cluster_node_pool.p["user"]`,
				`azurerm_subnet.s["a"]`, `azurerm_subnet.s["b"]`,
			},
		},
		{
			name: "module instances prefix their resources' addresses, nested modules too",
			files: map[string]string{
				"main.tf": `
module "env" {
  for_each = toset(["dev", "prod"])
  source   = "./modules/env"
  name     = each.key
}
module "single" {
  source = "./modules/env"
  name   = "one"
}`,
				"modules/env/main.tf": `
variable "name" {}
resource "azurerm_resource_group" "rg" { name = var.name }
module "aks" {
  count  = 1
  source = "../aks"
  name   = var.name
}`,
				"modules/aks/main.tf": `
variable "name" {}
resource "azurerm_kubernetes_cluster" "this" { name = var.name }`,
			},
			want: []string{
				`module.env["dev"].azurerm_resource_group.rg`,
				`module.env["dev"].module.aks[0].azurerm_kubernetes_cluster.this`,
				`module.env["prod"].azurerm_resource_group.rg`,
				`module.env["prod"].module.aks[0].azurerm_kubernetes_cluster.this`,
				`module.single.azurerm_resource_group.rg`,
				`module.single.module.aks[0].azurerm_kubernetes_cluster.this`,
			},
		},
		{
			name: "only the azurerm and kubernetes providers' managed resources are handed on",
			files: map[string]string{"main.tf": `
resource "random_string" "s" { length = 4 }
data "azurerm_resource_group" "rg" { name = "x" }
resource "kubernetes_namespace_v1" "ns" {
  metadata { name = "apps" }
}`},
			want: []string{"kubernetes_namespace_v1.ns"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, addresses(t, tc.files)); diff != "" {
				t.Errorf("addresses (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCountAndEachValues(t *testing.T) {
	runCases(t, []evalCase{{
		name: "count.index, each.key and each.value, and references to instances",
		files: map[string]string{"main.tf": `
resource "azurerm_subnet" "s" {
  count                = 2
  name                 = "snet-${count.index}"
  resource_group_name  = "rg"
  virtual_network_name = "vnet"
}
resource "azurerm_kubernetes_cluster_node_pool" "p" {
  for_each       = { user = { size = "D4", subnet = 1 } }
  name           = each.key
  vm_size        = each.value.size
  vnet_subnet_id = azurerm_subnet.s[each.value.subnet].id
}`},
		want: []check{
			{"azurerm_subnet.s[1]", "name", "snet-1"},
			{`azurerm_kubernetes_cluster_node_pool.p["user"]`, "name", "user"},
			{`azurerm_kubernetes_cluster_node_pool.p["user"]`, "vm_size", "D4"},
			{`azurerm_kubernetes_cluster_node_pool.p["user"]`, "vnet_subnet_id",
				"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-1"},
		},
	}, {
		name: "a count not known before apply: the instances are not scanned, with a warning saying why",
		files: map[string]string{"main.tf": `
variable "n" { type = number }
resource "azurerm_subnet" "s" {
  count = var.n
}
resource "azurerm_resource_group" "rg" { name = "x" }`},
		want:  []check{{"azurerm_resource_group.rg", "name", "x"}},
		warns: []string{"main.tf:3: azurerm_subnet.s: instances not scanned: count of azurerm_subnet.s is not known before apply: var.n has no value"},
	}, {
		name: "for_each over a list is an error in Terraform: reported, not guessed",
		files: map[string]string{"main.tf": `
resource "azurerm_subnet" "s" {
  for_each = ["a"]
}`},
		warns: []string{"main.tf:3: for_each of azurerm_subnet.s must be a map, or a set of strings", "instances not scanned"},
	}})
}

func TestDynamicBlocks(t *testing.T) {
	runCases(t, []evalCase{{
		name: "dynamic blocks expand in place among static ones, with iterator and nesting",
		files: map[string]string{"main.tf": `
variable "rules" {
  default = {
    ssh   = { port = "22", sources = ["10.0.0.0/8"] }
    https = { port = "443", sources = ["0.0.0.0/0", "::/0"] }
  }
}
resource "azurerm_network_security_group" "nsg" {
  security_rule {
    name = "static-first"
  }
  dynamic "security_rule" {
    for_each = var.rules
    content {
      name                    = security_rule.key
      destination_port_range  = security_rule.value.port
      source_address_prefixes = security_rule.value.sources
    }
  }
}
resource "azurerm_application_gateway" "agw" {
  dynamic "listener" {
    for_each = ["a", "b"]
    iterator = l
    content {
      name = l.value
      dynamic "host" {
        for_each = range(2)
        content {
          name = "${l.value}-${host.value}"
        }
      }
    }
  }
}`},
		want: []check{
			{"azurerm_network_security_group.nsg", "security_rule.0.name", "static-first"},
			{"azurerm_network_security_group.nsg", "security_rule.1.name", "https"},
			{"azurerm_network_security_group.nsg", "security_rule.1.source_address_prefixes", `["0.0.0.0/0","::/0"]`},
			{"azurerm_network_security_group.nsg", "security_rule.2.name", "ssh"},
			{"azurerm_network_security_group.nsg", "security_rule.2.destination_port_range", "22"},
			{"azurerm_application_gateway.agw", "listener.1.host.1.name", "b-1"},
		},
	}, {
		name: "a dynamic block over a value not known before apply makes the block list unknown",
		files: map[string]string{"main.tf": `
variable "rules" {}
resource "azurerm_network_security_group" "nsg" {
  name = "nsg"
  dynamic "security_rule" {
    for_each = var.rules
    content {
      name = security_rule.key
    }
  }
}`},
		want: []check{
			{"azurerm_network_security_group.nsg", "name", "nsg"},
			{"azurerm_network_security_group.nsg", "security_rule", "<unknown>"},
		},
	}})
}

func TestDynamicBlockLocations(t *testing.T) {
	rs, _ := read(t, map[string]string{"main.tf": `resource "azurerm_network_security_group" "nsg" {
  dynamic "security_rule" {
    for_each = ["a", "b"]
    content {
      name = security_rule.value
    }
  }
}`}, Options{})
	r := find(t, rs, "azurerm_network_security_group.nsg")
	for path, line := range map[string]int{"security_rule.0": 4, "security_rule.1.name": 5} {
		if got := r.Attrs[path].Line; got != line {
			t.Errorf("%s is at line %d, want %d", path, got, line)
		}
	}
	if !strings.Contains(r.Attrs["security_rule.1.name"].Expr, "security_rule.value") {
		t.Errorf("expression of security_rule.1.name = %q", r.Attrs["security_rule.1.name"].Expr)
	}
}
