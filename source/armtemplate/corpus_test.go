package armtemplate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
)

// corpusDir is the repository's copy of the shared corpus of real public
// templates.
const corpusDir = "../../testdata/corpus/arm-templates"

// corpusCase is one template of the corpus with one of its parameters files
// ("" for none).
type corpusCase struct{ template, params string }

// corpusCases lists every template in the corpus, once with each parameters
// file beside it (name.parameters.json, name.<variant>.parameters.json), or
// alone when there is none.
func corpusCases(t testing.TB) []corpusCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus templates in %s: %v", corpusDir, err)
	}
	var cases []corpusCase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if IsParameters(data) {
			continue
		}
		if !IsTemplate(data) {
			t.Errorf("%s: not recognised as a template", f)
			continue
		}
		base := strings.TrimSuffix(f, ".json")
		params, _ := filepath.Glob(base + ".*parameters.json")
		if len(params) == 0 {
			cases = append(cases, corpusCase{template: f})
		}
		for _, p := range params {
			cases = append(cases, corpusCase{template: f, params: p})
		}
	}
	return cases
}

func (c corpusCase) eval(t testing.TB, opts Options) ([]*armjson.Node, source.Diagnostics) {
	t.Helper()
	data, err := os.ReadFile(c.template)
	if err != nil {
		t.Fatal(err)
	}
	if c.params != "" {
		if opts.Parameters, err = os.ReadFile(c.params); err != nil {
			t.Fatal(err)
		}
		if !IsParameters(opts.Parameters) {
			t.Errorf("%s: not recognised as a parameters file", c.params)
		}
		opts.ParametersName = filepath.Base(c.params)
	}
	return Evaluate(filepath.Base(c.template), data, opts)
}

// TestCorpusEvaluates evaluates every corpus template: none may give an
// error diagnostic, every resource must have an ID, and Read must hand the
// result on.
func TestCorpusEvaluates(t *testing.T) {
	for _, c := range corpusCases(t) {
		name := filepath.Base(c.template)
		if c.params != "" {
			name += "+" + filepath.Base(c.params)
		}
		t.Run(name, func(t *testing.T) {
			nodes, diags := c.eval(t, Options{})
			if errs := messages(diags, source.Error); len(errs) > 0 {
				t.Errorf("error diagnostics: %q", errs)
			}
			if len(nodes) == 0 {
				t.Errorf("no resources")
			}
			byID(t, nodes)
			for _, d := range diags {
				if d.Line == 0 {
					t.Errorf("diagnostic without a line: %v", d)
				}
			}
		})
	}
}

// findResource returns the one resource of a type (and name, when given).
func findResource(t *testing.T, nodes []*armjson.Node, typ, name string) *armjson.Node {
	t.Helper()
	var found *armjson.Node
	for _, n := range nodes {
		if strings.EqualFold(n.Get("type").Str, typ) && (name == "" || n.Get("name").Str == name) {
			if found != nil {
				t.Fatalf("more than one %s %s", typ, name)
			}
			found = n
		}
	}
	if found == nil {
		t.Fatalf("no %s %s among %v", typ, name, ids(nodes))
	}
	return found
}

// lineOf returns the line of the first occurrence of text in a corpus file.
func lineOf(t *testing.T, file, text string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, file))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(text))
	if i < 0 {
		t.Fatalf("%q is not in %s", text, file)
	}
	return 1 + bytes.Count(data[:i], []byte("\n"))
}

func TestCorpusPrivateCluster(t *testing.T) {
	const file = "azsamples-private-aks-cluster-one-node-pool-azuredeploy.json"
	c := corpusCase{template: filepath.Join(corpusDir, file), params: filepath.Join(corpusDir, "azsamples-private-aks-cluster-one-node-pool-azuredeploy.parameters.json")}
	nodes, _ := c.eval(t, Options{})
	aks := findResource(t, nodes, "Microsoft.ContainerService/managedClusters", "")
	priv := aks.Path("properties.apiServerAccessProfile.enablePrivateCluster")
	if priv.Kind != armjson.Bool || !priv.Bool {
		t.Errorf("enablePrivateCluster = %s, want true", render(priv))
	}
	if want := lineOf(t, file, `"enablePrivateCluster": "[parameters('aksClusterEnablePrivateCluster')]"`); priv.Line != want {
		t.Errorf("enablePrivateCluster at line %d, want %d", priv.Line, want)
	}
	// The node pool's subnet is the template's own vnet's AksSubnet.
	vnet := findResource(t, nodes, "Microsoft.Network/virtualNetworks", "")
	pool := aks.Path("properties.agentPoolProfiles").Items[0]
	if got, want := pool.Get("vnetSubnetID").Str, vnet.Get("id").Str+"/subnets/AksSubnet"; got != want {
		t.Errorf("vnetSubnetID = %s, want %s", got, want)
	}
	var subnets []string
	for _, s := range vnet.Path("properties.subnets").Items {
		subnets = append(subnets, s.Get("name").Str)
	}
	if !strings.Contains(strings.Join(subnets, ","), "AksSubnet") {
		t.Errorf("the vnet's subnets %v lack AksSubnet", subnets)
	}
	// Values from the parameters file, and the parameter's own default.
	for path, want := range map[string]string{
		"properties.kubernetesVersion":            `"1.19.3"`,
		"properties.networkProfile.networkPlugin": `"azure"`,
		"properties.aadProfile.managed":           `true`,
		"properties.aadProfile.tenantID":          `"00000000-0000-0000-0000-000000000000"`,
	} {
		if got := render(aks.Path(path)); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	if got := render(pool.Get("count")); got != "5" {
		t.Errorf("node count = %s, want 5 from the parameters file", got)
	}
	// The workspace the addon points at is the template's own.
	ws := findResource(t, nodes, "Microsoft.OperationalInsights/workspaces", "")
	if got := aks.Path("properties.addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID").Str; !strings.EqualFold(got, ws.Get("id").Str) {
		t.Errorf("omsagent workspace %s is not the template's workspace %s", got, ws.Get("id").Str)
	}
	// The NSG diagnostic settings written through the NSG's type.
	nsg := findResource(t, nodes, "Microsoft.Network/networkSecurityGroups", "VmSubnetNsg")
	if _, ok := byID(t, nodes)[strings.ToLower(nsg.Get("id").Str+"/providers/Microsoft.Insights/diagnosticSettings/diagnosticSettings")]; !ok {
		t.Errorf("no diagnostic setting on %s among %v", nsg.Get("id").Str, ids(nodes))
	}
	// The VM's data disks come from a property copy loop.
	vm := findResource(t, nodes, "Microsoft.Compute/virtualMachines", "")
	if got := render(vm.Path("properties.storageProfile.dataDisks")); !strings.Contains(got, `"lun":0`) || !strings.Contains(got, `"name":"TestVm-DataDisk0"`) {
		t.Errorf("dataDisks = %s", got)
	}
}

func TestCorpusQuickstartCluster(t *testing.T) {
	c := corpusCase{template: filepath.Join(corpusDir, "quickstart-microsoft.kubernetes-aks-azuredeploy.json")}
	nodes, diags := c.eval(t, Options{})
	aks := findResource(t, nodes, "Microsoft.ContainerService/managedClusters", "aks101cluster")
	if got, want := render(aks.Path("properties.agentPoolProfiles")), `[{"name":"agentpool","osDiskSizeGB":0,"count":3,"vmSize":"Standard_D2s_v3","osType":"Linux","mode":"System"}]`; got != want {
		t.Errorf("agentPoolProfiles = %s\nwant %s", got, want)
	}
	// dnsPrefix has neither default nor value: Unknown, with a warning.
	if dns := aks.Path("properties.dnsPrefix"); dns.Kind != armjson.Unknown {
		t.Errorf("dnsPrefix = %s, want Unknown", render(dns))
	}
	if !strings.Contains(strings.Join(messages(diags, source.Warning), "\n"), `parameter "dnsPrefix" has no default`) {
		t.Errorf("no warning about dnsPrefix: %q", messages(diags, source.Warning))
	}
}

func TestCorpusNATAndAGIC(t *testing.T) {
	base := filepath.Join(corpusDir, "azsamples-aks-nat-agic-azuredeploy")
	for variant, want := range map[string]bool{"private": true, "public": false} {
		c := corpusCase{template: base + ".json", params: base + "." + variant + ".parameters.json"}
		nodes, _ := c.eval(t, Options{})
		aks := findResource(t, nodes, "Microsoft.ContainerService/managedClusters", "")
		if got := aks.Path("properties.apiServerAccessProfile.enablePrivateCluster"); got.Kind != armjson.Bool || got.Bool != want {
			t.Errorf("%s: enablePrivateCluster = %s, want %v", variant, render(got), want)
		}
		// The cluster's diagnostic setting is a nested child written as
		// providers/diagnosticSettings.
		if _, ok := byID(t, nodes)[strings.ToLower(aks.Get("id").Str+"/providers/Microsoft.Insights/diagnosticSettings/default")]; !ok {
			t.Errorf("%s: no diagnostic setting on the cluster", variant)
		}
	}
}

func TestCorpusRegistryQuickstart(t *testing.T) {
	c := corpusCase{template: filepath.Join(corpusDir, "quickstart-microsoft.containerregistry-container-registry-with-policies-and-diagnostics-azuredeploy.json")}
	nodes, _ := c.eval(t, Options{})
	// enableDiagnostics and enableDeleteLock default to false: only the
	// registry is deployed.
	if len(nodes) != 1 {
		t.Fatalf("ids %v, want the registry alone", ids(nodes))
	}
	acr := nodes[0]
	for path, want := range map[string]string{
		"properties.adminUserEnabled":    "false",
		"properties.publicNetworkAccess": `"Enabled"`,
		"properties.networkRuleSet":      "{}",
		"identity":                       "null",
		"sku.name":                       `"Basic"`,
	} {
		if got := render(acr.Path(path)); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	if name := acr.Get("name").Str; name != "acr"+uniqueString(rgID) {
		t.Errorf("name %s, want acr + uniqueString(resourceGroup().id)", name)
	}
}

func TestCorpusSubscriptionPolicy(t *testing.T) {
	c := corpusCase{template: filepath.Join(corpusDir, "akslza-azure-policy-es-for-aks-aks_initiative_template.json")}
	nodes, _ := c.eval(t, Options{})
	set := findResource(t, nodes, "Microsoft.Authorization/policySetDefinitions", "")
	pa := findResource(t, nodes, "Microsoft.Authorization/policyAssignments", "")
	if got := pa.Path("properties.policyDefinitionId").Str; got != set.Get("id").Str {
		t.Errorf("the assignment's policyDefinitionId %s is not the set's ID %s", got, set.Get("id").Str)
	}
	if !strings.HasPrefix(set.Get("id").Str, "/subscriptions/00000000-0000-0000-0000-000000000000/providers/") {
		t.Errorf("subscription-scope ID %s", set.Get("id").Str)
	}
}

// TestCorpusCompiledBicepModules evaluates the compiled Bicep sample, whose
// cluster is built by one properties expression inside a module (an inner
// scope nested deployment). With the location given, its names resolve.
func TestCorpusCompiledBicepModules(t *testing.T) {
	c := corpusCase{template: filepath.Join(corpusDir, "akscons-samples-SampleAppMain.json")}
	nodes, _ := c.eval(t, Options{Location: "westeurope"})
	aks := findResource(t, nodes, "Microsoft.ContainerService/managedClusters", "aks-app-nprd-euw-001")
	for path, want := range map[string]string{
		"properties.apiServerAccessProfile.enablePrivateCluster": "false",
		"properties.enableRBAC":                                  "true",
		"properties.aadProfile.enableAzureRBAC":                  "true",
		"properties.disableLocalAccounts":                        "false",
		"properties.networkProfile.networkPlugin":                `"azure"`,
		"properties.networkProfile.ebpfDataplane":                "?",
	} {
		if got := render(aks.Path(path)); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	// The ACR diagnostic setting's scope resolves to the module's registry.
	acr := findResource(t, nodes, "Microsoft.ContainerRegistry/registries", "")
	if _, ok := byID(t, nodes)[strings.ToLower(acr.Get("id").Str+"/providers/Microsoft.Insights/diagnosticSettings/acrDiags")]; !ok {
		t.Errorf("no acrDiags on %s among %v", acr.Get("id").Str, ids(nodes))
	}
}
