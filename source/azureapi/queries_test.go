package azureapi

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The custom role in docs grants exactly what a scan needs, and only reads.
func TestReaderRole(t *testing.T) {
	data, err := os.ReadFile("../../docs/azure-reader-role.json")
	if err != nil {
		t.Fatal(err)
	}
	var role struct {
		Actions, NotActions, DataActions []string
		AssignableScopes                 []string
	}
	if err := json.Unmarshal(data, &role); err != nil {
		t.Fatalf("docs/azure-reader-role.json: %v", err)
	}
	if diff := cmp.Diff(Permissions, role.Actions); diff != "" {
		t.Errorf("role actions differ from the permissions a scan needs (-needed +role):\n%s", diff)
	}
	for _, a := range role.Actions {
		if !strings.HasSuffix(a, "/read") || strings.Contains(a, "*") {
			t.Errorf("action %q is not a single read", a)
		}
	}
	if len(role.DataActions) > 0 || len(role.AssignableScopes) == 0 {
		t.Errorf("data actions %v, assignable scopes %v", role.DataActions, role.AssignableScopes)
	}
	// Every type the inventory reads has its read action.
	for _, typ := range inventoryTypes {
		found := false
		for _, a := range Permissions {
			found = found || strings.EqualFold(a, typ+"/read")
		}
		if !found {
			t.Errorf("no read permission for inventoried type %s", typ)
		}
	}
}

func TestQueryText(t *testing.T) {
	got := resourcesQuery([]string{"rg-1", "o'brien"}, []string{"aks1"})
	for _, want := range []string{
		"resources\n| where type in~ ('microsoft.containerservice/managedclusters', ",
		"| where type !in~ ('microsoft.containerservice/managedclusters', 'microsoft.containerregistry/registries', " +
			"'microsoft.network/applicationgateways', 'microsoft.keyvault/vaults', 'microsoft.storage/storageaccounts', " +
			"'microsoft.operationalinsights/workspaces') or resourceGroup in~ ('rg-1', 'o\\'brien')",
		"| where type !~ 'microsoft.containerservice/managedclusters' or name in~ ('aks1')",
		"\n| order by id asc",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("resources query lacks %q:\n%s", want, got)
		}
	}
	if q := subscriptionsQuery(nil); strings.Contains(q, "resourcegroups") {
		t.Errorf("subscriptions query without groups asks for groups:\n%s", q)
	}
}

func TestBatches(t *testing.T) {
	subs := make([]string, 2500)
	var got []int
	for _, b := range batches(subs) {
		got = append(got, len(b))
	}
	if diff := cmp.Diff([]int{1000, 1000, 500}, got); diff != "" {
		t.Errorf("batches (-want +got):\n%s", diff)
	}
}
