package armtemplate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/estate"
)

// TestReadEstate reads corpus templates end to end, through armjson's
// adapter, and checks what the rules will see: values with the template's
// file and line, and joins between the template's own resources.
func TestReadEstate(t *testing.T) {
	const file = "azsamples-private-aks-cluster-one-node-pool-azuredeploy.json"
	data, err := os.ReadFile(filepath.Join(corpusDir, file))
	if err != nil {
		t.Fatal(err)
	}
	params, err := os.ReadFile(filepath.Join(corpusDir, "azsamples-private-aks-cluster-one-node-pool-azuredeploy.parameters.json"))
	if err != nil {
		t.Fatal(err)
	}
	res := Read(file, data, Options{Parameters: params, ParametersName: "params.json"})
	if res.Diagnostics.HasErrors() {
		t.Fatalf("errors: %v", res.Diagnostics)
	}
	e := res.Estate
	e.Link()
	if len(e.Clusters) != 1 {
		t.Fatalf("%d clusters, want 1", len(e.Clusters))
	}
	c := e.Clusters[0]
	if c.Source != estate.SourceARM || c.Loc.File != file {
		t.Errorf("cluster source %q file %q", c.Source, c.Loc.File)
	}
	if !c.PrivateCluster.Known() || !c.PrivateCluster.V {
		t.Errorf("PrivateCluster = %+v, want known true", c.PrivateCluster)
	}
	if want := lineOf(t, file, `"enablePrivateCluster": "[parameters('aksClusterEnablePrivateCluster')]"`); c.PrivateCluster.Loc.Line != want || c.PrivateCluster.Loc.File != file {
		t.Errorf("PrivateCluster at %s:%d, want %s:%d", c.PrivateCluster.Loc.File, c.PrivateCluster.Loc.Line, file, want)
	}
	if len(c.NodePools) != 1 {
		t.Fatalf("%d node pools, want 1", len(c.NodePools))
	}
	sub := c.NodePools[0].Subnet
	if sub == nil || !strings.HasSuffix(string(sub.ID), "/subnets/AksSubnet") {
		t.Errorf("the node pool's subnet is %v, want the template's AksSubnet", sub)
	}
	ws := e.Workspaces
	if len(ws) != 1 || !c.OMSAgent.Known() || !c.OMSAgent.V {
		t.Errorf("workspaces %d, OMSAgent %+v", len(ws), c.OMSAgent)
	}
}

// TestReadEstateDiagnosticSettings checks that a diagnostic setting nested
// as providers/diagnosticSettings joins its target.
func TestReadEstateDiagnosticSettings(t *testing.T) {
	const file = "azsamples-aks-nat-agic-azuredeploy.json"
	data, err := os.ReadFile(filepath.Join(corpusDir, file))
	if err != nil {
		t.Fatal(err)
	}
	e := Read(file, data, Options{}).Estate
	e.Link()
	if len(e.Clusters) != 1 || len(e.Registries) != 1 {
		t.Fatalf("%d clusters, %d registries, want 1 each", len(e.Clusters), len(e.Registries))
	}
	for _, id := range []estate.ResourceID{e.Clusters[0].ID, e.Registries[0].ID} {
		if len(e.DiagnosticSettingsFor(id)) != 1 {
			t.Errorf("%s has %d diagnostic settings, want 1", id, len(e.DiagnosticSettingsFor(id)))
		}
	}
}
