// Copied from the project's shared ../shared/bench/gen-corpus.go so that tests and
// scripts/bench-terraform.sh are hermetic; keep it identical apart from this note.

// gen-corpus generates a synthetic, deterministic benchmark corpus of
// AKS-related infrastructure-as-code for timing IaC security scanners.
//
// Each of the N environments is one directory holding one file:
//
//	-format tf  : env-NNNNN/main.tf            (azurerm provider, v3-style syntax)
//	-format arm : env-NNNNN/azuredeploy.json   (ARM deployment template)
//
// Every environment has a resource group, a Log Analytics workspace, a VNet and
// subnet, an AKS cluster, a container registry, a network security group (some
// with an inbound rule allowing TCP 22 from "*"), and in some a diagnostic
// setting on the cluster. The security-relevant settings of the cluster
// (private cluster, authorized IP ranges, network policy, Entra ID RBAC, HTTP
// application routing, OMS agent, Defender, Key Vault secrets provider, local
// accounts, Azure Policy) are drawn per environment from a PRNG seeded by the
// environment's index, so the corpus for N=100 is exactly the first 100
// environments of the corpus for N=1000, and every run gives the same bytes.
// About a quarter of the Terraform environments take some settings from
// variables with defaults, so a scanner must evaluate expressions, not only
// read literals.
//
// Usage:
//
//	go run gen-corpus.go -n 1000 -out /tmp/tfcorpus/n1000
//	go run gen-corpus.go -format arm -n 1000 -out /tmp/armcorpus/n1000
//	go run gen-corpus.go -n 1000 -out /tmp/tfcorpus/n1000 -truth truth.tsv
//
// -truth writes one line per environment with the drawn settings, so a
// scanner's findings can be checked against the expected count of each kind.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// env is the set of choices for one environment. Tri-state settings use
// "" for "attribute absent".
type env struct {
	idx           int
	location      string
	k8sVersion    string
	nodeCount     int
	vmSize        string
	private       string // "true", "false", ""
	authRanges    []string
	authLegacy    bool // v3 api_server_authorized_ip_ranges instead of api_server_access_profile
	netPlugin     string
	netPolicy     string // "azure", "calico", "cilium"(tf: n/a), ""
	rbac          string // role_based_access_control_enabled
	aad           bool
	aadAzureRBAC  bool
	httpRouting   string
	omsAgent      bool
	defender      bool
	kvProvider    bool
	kvRotation    bool
	localDisabled string
	azurePolicy   string
	acrAdmin      string
	acrSKU        string
	acrPublic     string
	nsgSSHOpen    bool   // inbound 22 from *
	nsgSSHPrivate bool   // inbound 22 from 10.0.0.0/8
	diag          string // "", "enabled_log", "log" (legacy block)
	diagAudit     bool   // diagnostic setting includes kube-audit
	useVars       bool
}

func pick[T any](r *rand.Rand, xs ...T) T { return xs[r.IntN(len(xs))] }

// tri returns "true" with probability pt, "false" with pf, else "".
func tri(r *rand.Rand, pt, pf float64) string {
	x := r.Float64()
	switch {
	case x < pt:
		return "true"
	case x < pt+pf:
		return "false"
	}
	return ""
}

func draw(i int) env {
	r := rand.New(rand.NewPCG(uint64(i), 0x5eed_a45))
	e := env{idx: i}
	e.location = pick(r, "westeurope", "northeurope", "eastus2", "uksouth", "swedencentral")
	e.k8sVersion = pick(r, "1.28", "1.29", "1.30", "1.31")
	e.nodeCount = pick(r, 1, 2, 3, 5)
	e.vmSize = pick(r, "Standard_D2s_v5", "Standard_D4s_v5", "Standard_D8s_v5")
	e.private = tri(r, 0.4, 0.3)
	if e.private != "true" {
		switch x := r.Float64(); {
		case x < 0.45:
			e.authRanges = []string{fmt.Sprintf("203.0.113.%d/32", i%250), "198.51.100.0/24"}
		case x < 0.55:
			e.authRanges = []string{"0.0.0.0/0"}
		}
		e.authLegacy = len(e.authRanges) > 0 && r.Float64() < 0.3
	}
	e.netPlugin = pick(r, "azure", "azure", "kubenet")
	e.netPolicy = pick(r, "azure", "calico", "", "")
	e.rbac = tri(r, 0.85, 0.10)
	e.aad = r.Float64() < 0.6
	e.aadAzureRBAC = r.Float64() < 0.5
	e.httpRouting = tri(r, 0.2, 0.2)
	e.omsAgent = r.Float64() < 0.6
	e.defender = r.Float64() < 0.5
	e.kvProvider = r.Float64() < 0.5
	e.kvRotation = r.Float64() < 0.5
	e.localDisabled = tri(r, 0.5, 0.2)
	e.azurePolicy = tri(r, 0.5, 0.2)
	e.acrAdmin = tri(r, 0.3, 0.4)
	e.acrSKU = pick(r, "Basic", "Standard", "Premium")
	e.acrPublic = tri(r, 0.3, 0.3)
	e.nsgSSHOpen = r.Float64() < 0.3
	e.nsgSSHPrivate = !e.nsgSSHOpen && r.Float64() < 0.3
	switch x := r.Float64(); {
	case x < 0.4:
		e.diag = "enabled_log"
	case x < 0.5:
		e.diag = "log"
	}
	e.diagAudit = r.Float64() < 0.8
	e.useVars = r.Float64() < 0.25
	return e
}

//lint:ignore U1000 kept as upstream wrote it (../shared/bench/gen-corpus.go)
func tfBool(v string) string { return v }

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func genTF(e env) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	id := fmt.Sprintf("%05d", e.idx)
	w(`terraform {
  required_version = ">= 1.5.0"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.110"
    }
  }
}

provider "azurerm" {
  features {}
}

`)
	// Variables: some environments take settings from variables.
	priv, local, httpR := e.private, e.localDisabled, e.httpRouting
	if e.useVars {
		if e.private != "" {
			w("variable \"private_cluster\" {\n  type    = bool\n  default = %s\n}\n\n", e.private)
			priv = "var.private_cluster"
		}
		if e.localDisabled != "" {
			w("variable \"disable_local_accounts\" {\n  type    = bool\n  default = %s\n}\n\n", e.localDisabled)
			local = "var.disable_local_accounts"
		}
		if e.httpRouting != "" {
			w("variable \"http_routing\" {\n  type    = bool\n  default = %s\n}\n\n", e.httpRouting)
			httpR = "var.http_routing"
		}
	}
	w(`variable "location" {
  type    = string
  default = %q
}

locals {
  env  = "env%s"
  tags = {
    environment = "env%s"
    owner       = "platform-team"
    cost_center = "cc-%d"
  }
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-${local.env}"
  location = var.location
  tags     = local.tags
}

resource "azurerm_log_analytics_workspace" "law" {
  name                = "law-${local.env}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "PerGB2018"
  retention_in_days   = 30
  tags                = local.tags
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-${local.env}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.%d.0.0/16"]
  tags                = local.tags
}

resource "azurerm_subnet" "aks" {
  name                 = "snet-aks"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.%d.0.0/20"]
}

`, e.location, id, id, 1000+e.idx%97, e.idx%250, e.idx%250)

	// Network security group.
	w(`resource "azurerm_network_security_group" "aks" {
  name                = "nsg-${local.env}-aks"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  tags                = local.tags

  security_rule {
    name                       = "allow-https-in"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
`)
	if e.nsgSSHOpen || e.nsgSSHPrivate {
		src := "*"
		if e.nsgSSHPrivate {
			src = "10.0.0.0/8"
		}
		w(`
  security_rule {
    name                       = "allow-ssh-in"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = %q
    destination_address_prefix = "*"
  }
`, src)
	}
	w(`}

resource "azurerm_subnet_network_security_group_association" "aks" {
  subnet_id                 = azurerm_subnet.aks.id
  network_security_group_id = azurerm_network_security_group.aks.id
}

`)

	// Container registry.
	w(`resource "azurerm_container_registry" "acr" {
  name                = "acr${local.env}"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  sku                 = %q
`, e.acrSKU)
	if e.acrAdmin != "" {
		w("  admin_enabled       = %s\n", e.acrAdmin)
	}
	if e.acrPublic != "" && e.acrSKU == "Premium" {
		w("  public_network_access_enabled = %s\n", e.acrPublic)
	}
	w("  tags                = local.tags\n}\n\n")

	// AKS cluster.
	w(`resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-${local.env}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  dns_prefix          = "aks${local.env}"
  kubernetes_version  = %q
  sku_tier            = "Standard"
  tags                = local.tags
`, e.k8sVersion)
	if priv != "" {
		w("  private_cluster_enabled = %s\n", priv)
	}
	if e.rbac != "" {
		w("  role_based_access_control_enabled = %s\n", e.rbac)
	}
	if local != "" {
		w("  local_account_disabled = %s\n", local)
	}
	if httpR != "" {
		w("  http_application_routing_enabled = %s\n", httpR)
	}
	if e.azurePolicy != "" {
		w("  azure_policy_enabled = %s\n", e.azurePolicy)
	}
	if len(e.authRanges) > 0 && e.authLegacy {
		w("  api_server_authorized_ip_ranges = %s\n", quoteList(e.authRanges))
	}
	w(`
  default_node_pool {
    name                 = "system"
    node_count           = %d
    vm_size              = %q
    vnet_subnet_id       = azurerm_subnet.aks.id
    os_disk_size_gb      = 128
    only_critical_addons_enabled = true
    upgrade_settings {
      max_surge = "33%%"
    }
  }

  identity {
    type = "SystemAssigned"
  }
`, e.nodeCount, e.vmSize)
	if len(e.authRanges) > 0 && !e.authLegacy {
		w("\n  api_server_access_profile {\n    authorized_ip_ranges = %s\n  }\n", quoteList(e.authRanges))
	}
	w("\n  network_profile {\n    network_plugin    = %q\n", e.netPlugin)
	if e.netPolicy != "" {
		w("    network_policy    = %q\n", e.netPolicy)
	}
	w("    load_balancer_sku = \"standard\"\n    outbound_type     = \"loadBalancer\"\n  }\n")
	if e.aad {
		w(`
  azure_active_directory_role_based_access_control {
    managed                = true
    azure_rbac_enabled     = %t
    admin_group_object_ids = ["00000000-0000-0000-0000-%012d"]
  }
`, e.aadAzureRBAC, e.idx)
	}
	if e.omsAgent {
		w("\n  oms_agent {\n    log_analytics_workspace_id = azurerm_log_analytics_workspace.law.id\n  }\n")
	}
	if e.defender {
		w("\n  microsoft_defender {\n    log_analytics_workspace_id = azurerm_log_analytics_workspace.law.id\n  }\n")
	}
	if e.kvProvider {
		w("\n  key_vault_secrets_provider {\n    secret_rotation_enabled  = %t\n    secret_rotation_interval = \"2m\"\n  }\n", e.kvRotation)
	}
	w("}\n")

	// Diagnostic setting on the cluster.
	if e.diag != "" {
		cat := "kube-apiserver"
		if e.diagAudit {
			cat = "kube-audit"
		}
		w(`
resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "diag-${local.env}-aks"
  target_resource_id         = azurerm_kubernetes_cluster.aks.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.law.id
`)
		if e.diag == "enabled_log" {
			w("\n  enabled_log {\n    category = %q\n  }\n\n  enabled_log {\n    category = \"kube-controller-manager\"\n  }\n", cat)
		} else {
			w("\n  log {\n    category = %q\n    enabled  = true\n  }\n", cat)
		}
		w("\n  metric {\n    category = \"AllMetrics\"\n  }\n}\n")
	}
	return b.String()
}

func jsonBoolProp(v string) (string, bool) {
	if v == "" {
		return "", false
	}
	return v, true
}

func genARM(e env) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	id := fmt.Sprintf("%05d", e.idx)
	w(`{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "location": { "type": "string", "defaultValue": %q },
    "clusterName": { "type": "string", "defaultValue": "aks-env%s" },
    "registryName": { "type": "string", "defaultValue": "acrenv%s" },
    "workspaceName": { "type": "string", "defaultValue": "law-env%s" }
  },
  "variables": {
    "nsgName": "nsg-env%s-aks",
    "vnetName": "vnet-env%s",
    "tags": { "environment": "env%s", "owner": "platform-team" }
  },
  "resources": [
    {
      "type": "Microsoft.OperationalInsights/workspaces",
      "apiVersion": "2022-10-01",
      "name": "[parameters('workspaceName')]",
      "location": "[parameters('location')]",
      "tags": "[variables('tags')]",
      "properties": { "sku": { "name": "PerGB2018" }, "retentionInDays": 30 }
    },
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-09-01",
      "name": "[variables('nsgName')]",
      "location": "[parameters('location')]",
      "properties": {
        "securityRules": [
          {
            "name": "allow-https-in",
            "properties": {
              "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
              "sourcePortRange": "*", "destinationPortRange": "443",
              "sourceAddressPrefix": "Internet", "destinationAddressPrefix": "*"
            }
          }`, e.location, id, id, id, id, id, id)
	if e.nsgSSHOpen || e.nsgSSHPrivate {
		src := "*"
		if e.nsgSSHPrivate {
			src = "10.0.0.0/8"
		}
		w(`,
          {
            "name": "allow-ssh-in",
            "properties": {
              "priority": 110, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
              "sourcePortRange": "*", "destinationPortRange": "22",
              "sourceAddressPrefix": %q, "destinationAddressPrefix": "*"
            }
          }`, src)
	}
	w(`
        ]
      }
    },
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2023-09-01",
      "name": "[variables('vnetName')]",
      "location": "[parameters('location')]",
      "dependsOn": [ "[resourceId('Microsoft.Network/networkSecurityGroups', variables('nsgName'))]" ],
      "properties": {
        "addressSpace": { "addressPrefixes": [ "10.%d.0.0/16" ] },
        "subnets": [
          {
            "name": "snet-aks",
            "properties": {
              "addressPrefix": "10.%d.0.0/20",
              "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', variables('nsgName'))]" }
            }
          }
        ]
      }
    },
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "[parameters('registryName')]",
      "location": "[parameters('location')]",
      "sku": { "name": %q },
      "properties": {`, e.idx%250, e.idx%250, e.acrSKU)
	var acrProps []string
	if v, ok := jsonBoolProp(e.acrAdmin); ok {
		acrProps = append(acrProps, fmt.Sprintf(`"adminUserEnabled": %s`, v))
	}
	if e.acrPublic != "" && e.acrSKU == "Premium" {
		pna := "Enabled"
		if e.acrPublic == "false" {
			pna = "Disabled"
		}
		acrProps = append(acrProps, fmt.Sprintf(`"publicNetworkAccess": %q`, pna))
	}
	w(" %s }\n    },\n", strings.Join(acrProps, ", "))

	// Managed cluster.
	var props []string
	add := func(s string, a ...any) { props = append(props, fmt.Sprintf(s, a...)) }
	add(`"kubernetesVersion": %q`, e.k8sVersion)
	add(`"dnsPrefix": "aksenv%s"`, id)
	if e.rbac != "" {
		add(`"enableRBAC": %s`, e.rbac)
	}
	if e.localDisabled != "" {
		add(`"disableLocalAccounts": %s`, e.localDisabled)
	}
	if e.aad {
		add(`"aadProfile": { "managed": true, "enableAzureRBAC": %t, "adminGroupObjectIDs": [ "00000000-0000-0000-0000-%012d" ] }`, e.aadAzureRBAC, e.idx)
	}
	var apiProf []string
	if e.private != "" {
		apiProf = append(apiProf, fmt.Sprintf(`"enablePrivateCluster": %s`, e.private))
	}
	if len(e.authRanges) > 0 {
		apiProf = append(apiProf, fmt.Sprintf(`"authorizedIPRanges": %s`, quoteList(e.authRanges)))
	}
	if len(apiProf) > 0 {
		add(`"apiServerAccessProfile": { %s }`, strings.Join(apiProf, ", "))
	}
	np := fmt.Sprintf(`"networkPlugin": %q`, e.netPlugin)
	if e.netPolicy != "" {
		np += fmt.Sprintf(`, "networkPolicy": %q`, e.netPolicy)
	}
	add(`"networkProfile": { %s, "loadBalancerSku": "standard", "outboundType": "loadBalancer" }`, np)
	add(`"agentPoolProfiles": [ { "name": "system", "count": %d, "vmSize": %q, "osType": "Linux", "mode": "System", "osDiskSizeGB": 128, "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('vnetName'), 'snet-aks')]" } ]`, e.nodeCount, e.vmSize)
	var addons []string
	lawID := "[resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName'))]"
	if e.omsAgent {
		addons = append(addons, fmt.Sprintf(`"omsagent": { "enabled": true, "config": { "logAnalyticsWorkspaceResourceID": %q } }`, lawID))
	}
	if e.httpRouting != "" {
		addons = append(addons, fmt.Sprintf(`"httpApplicationRouting": { "enabled": %s }`, e.httpRouting))
	}
	if e.azurePolicy != "" {
		addons = append(addons, fmt.Sprintf(`"azurepolicy": { "enabled": %s }`, e.azurePolicy))
	}
	if e.kvProvider {
		addons = append(addons, fmt.Sprintf(`"azureKeyvaultSecretsProvider": { "enabled": true, "config": { "enableSecretRotation": "%t", "rotationPollInterval": "2m" } }`, e.kvRotation))
	}
	if len(addons) > 0 {
		add("\"addonProfiles\": {\n          %s\n        }", strings.Join(addons, ",\n          "))
	}
	if e.defender {
		add(`"securityProfile": { "defender": { "logAnalyticsWorkspaceResourceId": %q, "securityMonitoring": { "enabled": true } } }`, lawID)
	}
	w(`    {
      "type": "Microsoft.ContainerService/managedClusters",
      "apiVersion": "2024-05-01",
      "name": "[parameters('clusterName')]",
      "location": "[parameters('location')]",
      "tags": "[variables('tags')]",
      "dependsOn": [
        "[resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName'))]",
        "[resourceId('Microsoft.Network/virtualNetworks', variables('vnetName'))]"
      ],
      "sku": { "name": "Base", "tier": "Standard" },
      "identity": { "type": "SystemAssigned" },
      "properties": {
        %s
      }
    }`, strings.Join(props, ",\n        "))
	if e.diag != "" {
		cat := "kube-apiserver"
		if e.diagAudit {
			cat = "kube-audit"
		}
		w(`,
    {
      "type": "Microsoft.Insights/diagnosticSettings",
      "apiVersion": "2021-05-01-preview",
      "name": "diag-env%s-aks",
      "scope": "[format('Microsoft.ContainerService/managedClusters/{0}', parameters('clusterName'))]",
      "dependsOn": [ "[resourceId('Microsoft.ContainerService/managedClusters', parameters('clusterName'))]" ],
      "properties": {
        "workspaceId": %q,
        "logs": [ { "category": %q, "enabled": true }, { "category": "kube-controller-manager", "enabled": true } ],
        "metrics": [ { "category": "AllMetrics", "enabled": true } ]
      }
    }`, id, lawID, cat)
	}
	w("\n  ]\n}\n")
	return b.String()
}

func truthHeader() string {
	return "env\tprivate\tauth_ranges\tauth_legacy\tnet_policy\trbac\taad\taad_azure_rbac\thttp_routing\toms_agent\tdefender\tkv_provider\tkv_rotation\tlocal_disabled\tazure_policy\tacr_admin\tacr_sku\tnsg_ssh_open\tnsg_ssh_private\tdiag\tdiag_audit\tuse_vars\n"
}

func truthLine(e env) string {
	return fmt.Sprintf("env-%05d\t%s\t%s\t%t\t%s\t%s\t%t\t%t\t%s\t%t\t%t\t%t\t%t\t%s\t%s\t%s\t%s\t%t\t%t\t%s\t%t\t%t\n",
		e.idx, e.private, strings.Join(e.authRanges, ","), e.authLegacy, e.netPolicy, e.rbac, e.aad, e.aadAzureRBAC,
		e.httpRouting, e.omsAgent, e.defender, e.kvProvider, e.kvRotation, e.localDisabled, e.azurePolicy,
		e.acrAdmin, e.acrSKU, e.nsgSSHOpen, e.nsgSSHPrivate, e.diag, e.diagAudit, e.useVars)
}

func main() {
	n := flag.Int("n", 100, "number of environments (directories, one file each)")
	out := flag.String("out", "", "output directory (created; must not exist or be empty)")
	format := flag.String("format", "tf", "tf or arm")
	truth := flag.String("truth", "", "optional path of a TSV with the drawn settings per environment")
	flag.Parse()
	if *out == "" {
		log.Fatal("-out is required")
	}
	if *format != "tf" && *format != "arm" {
		log.Fatalf("unknown -format %q", *format)
	}
	if ents, err := os.ReadDir(*out); err == nil && len(ents) > 0 {
		log.Fatalf("%s is not empty", *out)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	var tw *bufio.Writer
	if *truth != "" {
		if err := os.MkdirAll(filepath.Dir(*truth), 0o755); err != nil {
			log.Fatal(err)
		}
		f, err := os.Create(*truth)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		tw = bufio.NewWriter(f)
		defer tw.Flush()
		tw.WriteString(truthHeader())
	}
	for i := 0; i < *n; i++ {
		e := draw(i)
		dir := filepath.Join(*out, fmt.Sprintf("env-%05d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			log.Fatal(err)
		}
		name, body := "main.tf", ""
		if *format == "tf" {
			body = genTF(e)
		} else {
			name, body = "azuredeploy.json", genARM(e)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			log.Fatal(err)
		}
		if tw != nil {
			tw.WriteString(truthLine(e))
		}
	}
}
