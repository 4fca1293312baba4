package terraform

import (
	"strconv"
	"strings"
	"testing"
)

// check is one expectation on the evaluated tree: the value at path of the
// resource at addr, shown as show renders it.
type check struct {
	addr, path, want string
}

type evalCase struct {
	name  string
	files map[string]string
	opts  Options
	want  []check
	// errs and warns are substrings each diagnostic of that severity must
	// contain, in order; nil means none of that severity.
	errs, warns []string
}

func runCases(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rs, diags := read(t, tc.files, tc.opts)
			for _, c := range tc.want {
				r := find(t, rs, c.addr)
				if got := show(at(r.Values, c.path)); got != c.want {
					t.Errorf("%s %s = %s, want %s", c.addr, c.path, got, c.want)
				}
			}
			matchDiags(t, "error", errorsOf(diags, 1), tc.errs)
			matchDiags(t, "warning", errorsOf(diags, 2), tc.warns)
		})
	}
}

func matchDiags(t *testing.T, kind string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d %ss, want %d:\n%s", len(got), kind, len(want), strings.Join(got, "\n"))
		return
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			t.Errorf("%s %d = %q, want it to contain %q", kind, i, got[i], want[i])
		}
	}
}

const varsTF = `
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "f" { default = "default" }
variable "g" { default = "default" }
variable "h" { default = "default" }
resource "azurerm_resource_group" "rg" {
  name = join(",", [var.a, var.b, var.c, var.d, var.e, var.f, var.g, var.h])
  location = "westeurope"
}
`

func TestVariables(t *testing.T) {
	runCases(t, []evalCase{
		{
			// Each variable is set up to a different level of precedence;
			// each must take its highest.
			name: "precedence: env < terraform.tfvars < .tfvars.json < auto.tfvars in order < --var-file < --var",
			files: map[string]string{
				"main.tf":               varsTF,
				"terraform.tfvars":      "b = \"tfvars\"\nc = \"tfvars\"\nd = \"tfvars\"\ne = \"tfvars\"\nf = \"tfvars\"\ng = \"tfvars\"\nh = \"tfvars\"\n",
				"terraform.tfvars.json": `{"c": "tfvars.json", "d": "tfvars.json", "e": "tfvars.json", "f": "tfvars.json", "g": "tfvars.json", "h": "tfvars.json"}`,
				"a.auto.tfvars":         "d = \"a.auto\"\ne = \"a.auto\"\nf = \"a.auto\"\ng = \"a.auto\"\nh = \"a.auto\"\n",
				"b.auto.tfvars.json":    `{"e": "b.auto", "f": "b.auto", "g": "b.auto", "h": "b.auto"}`,
				"extra.tfvars":          "f = \"var-file\"\ng = \"var-file\"\nh = \"var-file\"\n",
				"more.tfvars":           "g = \"var-file-2\"\nh = \"var-file-2\"\n",
			},
			opts: Options{
				Env:      []string{"TF_VAR_a=env", "TF_VAR_b=env", "TF_VAR_h=env", "PATH=/bin"},
				VarFiles: []string{"extra.tfvars", "more.tfvars"},
				Vars:     map[string]string{"h": "cli"},
			},
			want: []check{{"azurerm_resource_group.rg", "name", "env,tfvars,tfvars.json,a.auto,b.auto,var-file,var-file-2,cli"}},
		},
		{
			name: "strings from --var and TF_VAR_ are parsed as HCL for complex types, converted for primitives",
			files: map[string]string{"main.tf": `
variable "private" { type = bool }
variable "ranges" { type = list(string) }
variable "raw" {}
resource "azurerm_kubernetes_cluster" "aks" {
  private_cluster_enabled         = var.private
  api_server_authorized_ip_ranges = var.ranges
  dns_prefix                      = var.raw
}`},
			opts: Options{
				Env:  []string{"TF_VAR_private=true", `TF_VAR_ranges=["10.0.0.0/8", "192.168.0.0/16"]`},
				Vars: map[string]string{"raw": `["not", "parsed"]`},
			},
			want: []check{
				{"azurerm_kubernetes_cluster.aks", "private_cluster_enabled", "true"},
				{"azurerm_kubernetes_cluster.aks", "api_server_authorized_ip_ranges", `["10.0.0.0/8","192.168.0.0/16"]`},
				{"azurerm_kubernetes_cluster.aks", "dns_prefix", `["not", "parsed"]`},
			},
		},
		{
			name: "optional() attributes take their defaults, nested too",
			files: map[string]string{
				"main.tf": `
variable "cluster" {
  type = object({
    name    = string
    private = optional(bool, true)
    rbac    = optional(bool)
    network = optional(object({
      plugin = optional(string, "azure")
      policy = optional(string, "calico")
    }), {})
  })
}
resource "azurerm_kubernetes_cluster" "aks" {
  name                    = var.cluster.name
  private_cluster_enabled = var.cluster.private
  role_based_access_control_enabled = var.cluster.rbac
  network_profile {
    network_plugin = var.cluster.network.plugin
    network_policy = var.cluster.network.policy
  }
}`,
				"terraform.tfvars": `cluster = { name = "aks", network = { policy = "cilium" } }`,
			},
			want: []check{
				{"azurerm_kubernetes_cluster.aks", "name", "aks"},
				{"azurerm_kubernetes_cluster.aks", "private_cluster_enabled", "true"},
				{"azurerm_kubernetes_cluster.aks", "role_based_access_control_enabled", "<null>"},
				{"azurerm_kubernetes_cluster.aks", "network_profile.0.network_plugin", "azure"},
				{"azurerm_kubernetes_cluster.aks", "network_profile.0.network_policy", "cilium"},
			},
		},
		{
			name: "a value of the wrong type is an error and leaves the variable unknown",
			files: map[string]string{
				"main.tf":          "variable \"n\" { type = number }\nresource \"azurerm_kubernetes_cluster\" \"aks\" {\n  name = var.n\n}\n",
				"terraform.tfvars": `n = "many"`,
			},
			want: []check{{"azurerm_kubernetes_cluster.aks", "name", "<unknown>"}},
			errs: []string{`main.tf:1: variable "n": value is not of type number`},
		},
		{
			name: "nullable = false: null takes the default",
			files: map[string]string{
				"main.tf":          "variable \"x\" {\n  default  = \"d\"\n  nullable = false\n}\nresource \"azurerm_resource_group\" \"rg\" {\n  name = var.x\n}\n",
				"terraform.tfvars": "x = null\n",
			},
			want: []check{{"azurerm_resource_group.rg", "name", "d"}},
		},
		{
			name:  "a --var-file that does not exist is an error",
			files: map[string]string{"main.tf": `resource "azurerm_resource_group" "rg" { name = "x" }`},
			opts:  Options{VarFiles: []string{"missing.tfvars"}},
			want:  []check{{"azurerm_resource_group.rg", "name", "x"}},
			errs:  []string{"missing.tfvars: variables file given with --var-file does not exist"},
		},
	})
}

func TestLocalsAndExpressions(t *testing.T) {
	runCases(t, []evalCase{
		{
			name: "locals in dependency order, conditionals, for expressions, splats",
			files: map[string]string{"main.tf": `
variable "env" { default = "prod" }
locals {
  c      = "${local.b}-c"
  b      = "${local.a}-b"
  a      = var.env
  prod   = var.env == "prod"
  ranges = local.prod ? ["10.0.0.0/8"] : ["0.0.0.0/0"]
  pools  = { system = 3, user = 5 }
  names  = [for k, v in local.pools : "${k}:${v}" if v > 3]
  objs   = [{ id = "x" }, { id = "y" }]
  ids    = local.objs[*].id
}
resource "azurerm_kubernetes_cluster" "aks" {
  name                            = local.c
  api_server_authorized_ip_ranges = local.ranges
  dns_prefix                      = join(",", local.names)
  node_resource_group             = join(",", local.ids)
}`},
			want: []check{
				{"azurerm_kubernetes_cluster.aks", "name", "prod-b-c"},
				{"azurerm_kubernetes_cluster.aks", "api_server_authorized_ip_ranges", `["10.0.0.0/8"]`},
				{"azurerm_kubernetes_cluster.aks", "dns_prefix", "user:5"},
				{"azurerm_kubernetes_cluster.aks", "node_resource_group", "x,y"},
			},
		},
		{
			name: "a cycle among locals is an error; the values on it are unknown, the rest is read",
			files: map[string]string{"main.tf": `
locals {
  a = local.b
  b = local.a
  ok = "fine"
}
resource "azurerm_resource_group" "rg" {
  name     = local.a
  location = local.ok
}`},
			want: []check{
				{"azurerm_resource_group.rg", "name", "<unknown>"},
				{"azurerm_resource_group.rg", "location", "fine"},
			},
			errs: []string{"main.tf:3: dependency cycle: local.a → local.b → local.a"},
		},
		{
			name: "an expression that fails is a warning and its attribute is unknown",
			files: map[string]string{"main.tf": `
resource "azurerm_resource_group" "rg" {
  name     = nosuchfunction("x")
  location = "westeurope"
}`},
			want: []check{
				{"azurerm_resource_group.rg", "name", "<unknown>"},
				{"azurerm_resource_group.rg", "location", "westeurope"},
			},
			warns: []string{"main.tf:3:14: Call to unknown function"},
		},
	})
}

func TestFunctions(t *testing.T) {
	exprs := []struct{ expr, want string }{
		{`cidrsubnet("10.10.0.0/16", 4, 1)`, "10.10.16.0/20"},
		{`cidrsubnet("10.10.0.0/16", 8, 255)`, "10.10.255.0/24"},
		{`cidrsubnet("fd00::/48", 16, 3)`, "fd00:0:0:3::/64"},
		{`cidrhost("10.0.1.0/24", 4)`, "10.0.1.4"},
		{`cidrhost("10.0.1.0/24", -2)`, "10.0.1.254"},
		{`cidrnetmask("172.16.0.0/12")`, "255.240.0.0"},
		{`jsonencode(cidrsubnets("10.1.0.0/16", 4, 4, 8, 4))`, `["10.1.0.0/20","10.1.16.0/20","10.1.32.0/24","10.1.48.0/20"]`},
		{`jsonencode(merge({a = 1, b = 2}, {b = 3}))`, `{"a":1,"b":3}`},
		{`lookup({a = "x"}, "b", "fallback")`, "fallback"},
		{`lookup({a = "x"}, "a")`, "x"},
		{`tostring(coalesce(lookup({a = true}, "b", null), false))`, "false"},
		{`tostring(lookup({a = "x", b = null}, "b", null) == null)`, "true"},
		{`coalesce("", null, "third")`, "third"},
		{`try(local.missing.attr, "tried")`, "tried"},
		{`tostring(can(regex("^[a-z]+$", "abc")))`, "true"},
		{`jsonencode(flatten([["a"], ["b", ["c"]]]))`, `["a","b","c"]`},
		{`jsonencode(distinct(["a", "b", "a"]))`, `["a","b"]`},
		{`jsondecode("{\"k\": [1, 2]}").k[1]`, "2"},
		{`format("%s-%03d", "node", 7)`, "node-007"},
		{`join("/", split(",", "a,b,c"))`, "a/b/c"},
		{`replace("rg-prod-01", "/-[0-9]+$/", "")`, "rg-prod"},
		{`replace("a.b.c", ".", "-")`, "a-b-c"},
		{`upper(lower("MiXeD"))`, "MIXED"},
		{`tostring(length("héllo"))`, "5"},
		{`tostring(length({a = 1, b = 2}))`, "2"},
		{`tostring(contains(["x", "y"], "y"))`, "true"},
		{`jsonencode(keys({b = 1, a = 2}))`, `["a","b"]`},
		{`jsonencode(values({b = 1, a = 2}))`, `[2,1]`},
		{`jsonencode(concat(["a"], tolist(["b"])))`, `["a","b"]`},
		{`jsonencode(toset(["b", "a", "b"]))`, `["a","b"]`},
		{`tomap({a = "1"})["a"]`, "1"},
		{`tostring(index(["a", "b", "c"], "c"))`, "2"},
		{`one(["only"])`, "only"},
		{`tostring(sum([1, 2, 3.5]))`, "6.5"},
		{`tostring(alltrue([true, true]))`, "true"},
		{`tostring(startswith("azurerm", "azure"))`, "true"},
		{`base64decode(base64encode("round trip"))`, "round trip"},
		{`sha256("abc")`, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{`yamldecode("a:\n  b: [1, 2]\n").a.b[0]`, "1"},
		{`trimspace(file("${path.module}/files/name.txt"))`, "from-file"},
		{`trimspace(templatefile("${path.module}/files/t.tpl", { who = "aks", n = 2 }))`, "hello aks x2"},
		{`tostring(fileexists("files/name.txt"))`, "true"},
		{`jsonencode(fileset(path.module, "files/*.txt"))`, `["files/name.txt"]`},
		{`jsonencode(fileset("${path.module}/files", "**/*.{yaml,yml}"))`, `["a.yaml","deep/er/c.yml"]`},
		{`jsonencode(fileset("files", "[a-b].yaml"))`, `["a.yaml"]`},
		{`jsonencode(fileset("no/such/dir", "*"))`, `[]`},
		{`basename("a/b/c.yaml")`, "c.yaml"},
		{`formatdate("YYYY-MM-DD", "2024-02-29T10:00:00Z")`, "2024-02-29"},
		{`timestamp()`, "<unknown>"},
		{`jsonencode([for i in range(3) : i * 2])`, `[0,2,4]`},
		{`substr("abcdef", 1, 3)`, "bcd"},
	}
	var b strings.Builder
	b.WriteString("resource \"azurerm_resource_group\" \"f\" {\n")
	for i, e := range exprs {
		b.WriteString("  a" + strconv.Itoa(i) + " = " + e.expr + "\n")
	}
	b.WriteString("}\n")
	rs, diags := read(t, map[string]string{
		"main.tf":              b.String(),
		"files/name.txt":       "from-file\n",
		"files/t.tpl":          "hello ${who} x${n}\n",
		"files/a.yaml":         "a: 1\n",
		"files/deep/er/c.yml":  "c: 1\n",
		"files/deep/er/d.json": "{}\n",
	}, Options{})
	for _, d := range diags {
		t.Errorf("diagnostic: %s", d.Error())
	}
	r := find(t, rs, "azurerm_resource_group.f")
	for i, e := range exprs {
		if got := show(at(r.Values, "a"+strconv.Itoa(i))); got != e.want {
			t.Errorf("%s = %s, want %s", e.expr, got, e.want)
		}
	}
}
