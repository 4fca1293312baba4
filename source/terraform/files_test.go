package terraform

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/estate"
)

func TestInlineIgnores(t *testing.T) {
	rs, diags := read(t, map[string]string{"main.tf": `# aksguard:ignore AKS-NET-01 the API server is reached through a private link only
resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks"
  // aksguard:ignore AKS-IAM-02: break-glass account, tracked in OPS-1234
  local_account_disabled = false

  network_profile {
    # aksguard:ignore AKS-NET-05,AKS-NET-04 legacy subnet until migration
    # (a second comment line between the ignore and the attribute)
    network_policy = "calico"
  }
  # aksguard:ignore AKS-DEF-01
  azure_policy_enabled = false
}

# aksguard:ignore AKS-IAM-05 above nothing

resource "azurerm_container_registry" "acr" {
  name = "acr"
}
`}, Options{})
	r := find(t, rs, "azurerm_kubernetes_cluster.aks")
	want := []estate.InlineIgnore{
		{Rule: "AKS-NET-01", Reason: "the API server is reached through a private link only", Loc: estate.Loc{File: "main.tf", Line: 2}},
		{Rule: "AKS-IAM-02", Reason: "break-glass account, tracked in OPS-1234", Loc: estate.Loc{File: "main.tf", Line: 5, Path: "local_account_disabled"}},
		{Rule: "AKS-NET-05", Reason: "legacy subnet until migration", Loc: estate.Loc{File: "main.tf", Line: 10, Path: "network_profile.0.network_policy"}},
		{Rule: "AKS-NET-04", Reason: "legacy subnet until migration", Loc: estate.Loc{File: "main.tf", Line: 10, Path: "network_profile.0.network_policy"}},
		// Without a reason: kept, so that the policy reports it and does
		// not honour it.
		{Rule: "AKS-DEF-01", Reason: "", Loc: estate.Loc{File: "main.tf", Line: 13, Path: "azure_policy_enabled"}},
	}
	sortIgnores := cmp.Transformer("sort", func(in []estate.InlineIgnore) map[string]estate.InlineIgnore {
		out := map[string]estate.InlineIgnore{}
		for _, ig := range in {
			out[ig.Rule] = ig
		}
		return out
	})
	if diff := cmp.Diff(want, r.Ignores, sortIgnores); diff != "" {
		t.Errorf("ignores (-want +got):\n%s", diff)
	}
	if acr := find(t, rs, "azurerm_container_registry.acr"); len(acr.Ignores) != 0 {
		t.Errorf("an ignore separated by a blank line applied to the registry: %v", acr.Ignores)
	}
	matchDiags(t, "warning", errorsOf(diags, 2), []string{"main.tf:16: inline ignore of AKS-IAM-05 is not on the line above a resource block"})
}

func TestIgnoresInModulesAndInstances(t *testing.T) {
	rs, _ := read(t, map[string]string{
		"main.tf": `module "m" {
  source = "./m"
}`,
		"m/main.tf": `resource "azurerm_subnet" "s" {
  count = 2
  # aksguard:ignore AKS-NET-06 jump host subnet
  name = "s${count.index}"
}`,
	}, Options{})
	for _, addr := range []string{"module.m.azurerm_subnet.s[0]", "module.m.azurerm_subnet.s[1]"} {
		r := find(t, rs, addr)
		want := []estate.InlineIgnore{{Rule: "AKS-NET-06", Reason: "jump host subnet", Loc: estate.Loc{File: "m/main.tf", Line: 4, Path: "name"}}}
		if diff := cmp.Diff(want, r.Ignores); diff != "" {
			t.Errorf("%s ignores (-want +got):\n%s", addr, diff)
		}
	}
}

func TestMalformedHCL(t *testing.T) {
	rs, diags := read(t, map[string]string{
		"main.tf": `resource "azurerm_resource_group" "rg" {
  name = "ok"
}`,
		"broken.tf": `resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks"
  network_profile {
    network_plugin = "azure"
}
`,
		"network.tf": `resource "azurerm_virtual_network" "vnet" {
  name = "vnet"
}`,
		"modules/bad/main.tf": `resource "azurerm_subnet" "s" {
  name = = "x"
}`,
		"modules/good/main.tf": `resource "azurerm_subnet" "s" { name = "fine" }`,
		"mods.tf": `module "bad" {
  source = "./modules/bad"
}
module "good" {
  source = "./modules/good"
}`,
	}, Options{})
	var got []string
	for _, r := range rs {
		got = append(got, r.Address)
	}
	want := []string{"azurerm_resource_group.rg", "azurerm_virtual_network.vnet", "module.good.azurerm_subnet.s"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
	matchDiags(t, "error", errorsOf(diags, 1), []string{
		"broken.tf:1:45: Unclosed configuration block",
		"modules/bad/main.tf:2:10: Invalid expression",
	})
}

func TestModuleSources(t *testing.T) {
	files := map[string]string{
		"main.tf": `module "aks" {
  source  = "Azure/aks/azurerm"
  version = "9.1.0"
  name    = "from-registry"
}
module "net" {
  source = "git::https://example.com/net.git//modules/vnet?ref=v1"
}
module "missing" {
  source = "./does-not-exist"
}
output "id" {
  value = module.aks.id
}`,
	}
	t.Run("not initialised: an error per call, nothing guessed", func(t *testing.T) {
		rs, diags := read(t, files, Options{})
		if len(rs) != 0 {
			t.Errorf("resources from modules that were not read: %v", rs)
		}
		matchDiags(t, "error", errorsOf(diags, 1), []string{
			`main.tf:2: module "aks" (source "Azure/aks/azurerm") not scanned: run terraform init`,
			`main.tf:10: module "missing" (source "./does-not-exist") not scanned`,
			`main.tf:7: module "net" (source "git::https://example.com/net.git//modules/vnet?ref=v1") not scanned: run terraform init`,
		})
	})
	t.Run("after terraform init: read from where modules.json says", func(t *testing.T) {
		f := map[string]string{
			".terraform/modules/modules.json": `{"Modules":[
  {"Key":"","Source":"","Dir":"."},
  {"Key":"aks","Source":"registry.terraform.io/Azure/aks/azurerm","Version":"9.1.0","Dir":".terraform/modules/aks"},
  {"Key":"aks.inner","Source":"./inner","Dir":".terraform/modules/aks/inner"},
  {"Key":"net","Source":"git::https://example.com/net.git//modules/vnet?ref=v1","Dir":".terraform/modules/net/modules/vnet"}]}`,
			".terraform/modules/aks/main.tf": `variable "name" {}
resource "azurerm_kubernetes_cluster" "this" { name = var.name }
module "inner" { source = "./inner" }
output "id" { value = azurerm_kubernetes_cluster.this.id }`,
			".terraform/modules/aks/inner/main.tf":        `resource "azurerm_subnet" "s" { name = "inner" }`,
			".terraform/modules/net/modules/vnet/main.tf": `resource "azurerm_virtual_network" "v" { name = "v" }`,
		}
		for k, v := range files {
			f[k] = v
		}
		delete(f, "main.tf")
		f["main.tf"] = files["main.tf"][:len(files["main.tf"])-len(`module "missing" {
  source = "./does-not-exist"
}
output "id" {
  value = module.aks.id
}`)]
		rs, diags := read(t, f, Options{})
		for _, d := range diags {
			t.Errorf("diagnostic: %s", d.Error())
		}
		var got []string
		for _, r := range rs {
			got = append(got, r.Address)
		}
		want := []string{"module.aks.azurerm_kubernetes_cluster.this", "module.aks.module.inner.azurerm_subnet.s", "module.net.azurerm_virtual_network.v"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("resources (-want +got):\n%s", diff)
		}
		if r := find(t, rs, "module.aks.azurerm_kubernetes_cluster.this"); r.File != ".terraform/modules/aks/main.tf" {
			t.Errorf("cluster located in %s", r.File)
		}
	})
}

func TestJSONConfiguration(t *testing.T) {
	runCases(t, []evalCase{{
		name: "*.tf.json: variables, interpolation, blocks as objects or lists, count",
		files: map[string]string{
			"main.tf.json": `{
  "variable": {"env": {"type": "string", "default": "prod"}},
  "locals": {"name": "aks-${var.env}"},
  "resource": {
    "azurerm_kubernetes_cluster": {
      "aks": {
        "name": "${local.name}",
        "resource_group_name": "rg",
        "local_account_disabled": true,
        "tags": {"env": "${var.env}"},
        "network_profile": {"network_policy": "azure"},
        "default_node_pool": [{"name": "system", "vnet_subnet_id": "${azurerm_subnet.s[0].id}"}]
      }
    },
    "azurerm_subnet": {
      "s": {"count": 1, "name": "snet", "resource_group_name": "rg", "virtual_network_name": "vnet"}
    }
  }
}`,
		},
		want: []check{
			{"azurerm_kubernetes_cluster.aks", "name", "aks-prod"},
			{"azurerm_kubernetes_cluster.aks", "local_account_disabled", "true"},
			{"azurerm_kubernetes_cluster.aks", "tags", `{"env":"prod"}`},
			{"azurerm_kubernetes_cluster.aks", "network_profile.0.network_policy", "azure"},
			{"azurerm_kubernetes_cluster.aks", "default_node_pool.0.vnet_subnet_id", sub + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet"},
			{"azurerm_subnet.s[0]", "name", "snet"},
		},
	}})
}

func TestKubernetesProviderResources(t *testing.T) {
	runCases(t, []evalCase{{
		name: "kubernetes_* resources and kubernetes_manifest are handed on like azurerm ones",
		files: map[string]string{
			"main.tf": `
resource "kubernetes_namespace_v1" "apps" {
  metadata {
    name   = "apps"
    labels = { "pod-security.kubernetes.io/enforce" = "restricted" }
  }
}
resource "kubernetes_deployment_v1" "web" {
  metadata {
    name      = "web"
    namespace = kubernetes_namespace_v1.apps.metadata[0].name
  }
  spec {
    template {
      metadata {}
      spec {
        container {
          name  = "web"
          image = "acrprod.azurecr.io/web:1.0"
          security_context {
            privileged = false
          }
        }
      }
    }
  }
}
resource "kubernetes_manifest" "np" {
  manifest = yamldecode(file("${path.module}/np.yaml"))
}`,
			"np.yaml": "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: apps\nspec:\n  podSelector: {}\n",
		},
		want: []check{
			{"kubernetes_namespace_v1.apps", "metadata.0.labels", `{"pod-security.kubernetes.io/enforce":"restricted"}`},
			{"kubernetes_deployment_v1.web", "metadata.0.namespace", "apps"},
			{"kubernetes_deployment_v1.web", "spec.0.template.0.spec.0.container.0.image", "acrprod.azurecr.io/web:1.0"},
			{"kubernetes_deployment_v1.web", "spec.0.template.0.spec.0.container.0.security_context.0.privileged", "false"},
			{"kubernetes_manifest.np", "manifest.kind", "NetworkPolicy"},
			{"kubernetes_manifest.np", "manifest.metadata.namespace", "apps"},
		},
	}})
}
