package armjson

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/estate"
)

// TestEveryValueFilled enforces the estate's convention on everything the
// adapter produces from the test inputs and the corpus: every Value is set,
// defaulted or unresolved with a reason, and names its property path. A
// field the adapter forgot would be a zero Value: unknown without a reason.
func TestEveryValueFilled(t *testing.T) {
	inputs := map[string][]byte{"rest": []byte(restCluster), "flat": []byte(flatCluster), "bare": []byte(bareCluster), "others": []byte(otherTypes)}
	for _, file := range corpusFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		inputs[file] = data
	}
	types := map[string]bool{}
	for name, data := range inputs {
		res := Read(name, data)
		for _, r := range resources(res.Estate) {
			types[reflect.TypeOf(r).Elem().Name()] = true
			checkValues(t, name+" "+string(r.M().ID), reflect.ValueOf(r).Elem())
		}
	}
	for _, want := range []string{"Cluster", "NodePool", "Registry", "VirtualNetwork", "Subnet", "NSG", "SecurityRule", "RouteTable",
		"Route", "Firewall", "KeyVault", "KeyVaultKey", "DiskEncryptionSet", "Workspace", "DiagnosticSetting", "RoleAssignment",
		"RoleDefinition", "Lock", "DefenderPlan", "AppGateway", "StorageAccount"} {
		if !types[want] {
			t.Errorf("no %s in the inputs: the check did not cover it", want)
		}
	}
}

// checkValues walks a struct for estate.Value fields (recognised by their
// Origin field), following slices and pointers to nested resources.
func checkValues(t *testing.T, where string, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			checkValues(t, where, v.Elem())
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			checkValues(t, where, v.Index(i))
		}
	case reflect.Struct:
		if o := v.FieldByName("Origin"); o.IsValid() && o.Type() == reflect.TypeOf(estate.Unknown) {
			loc := v.FieldByName("Loc").Interface().(estate.Loc)
			reason := v.FieldByName("Reason").String()
			if loc.Path == "" || loc.Resource == "" || (o.Interface() == estate.Unknown && reason == "") {
				t.Errorf("%s: a %s was not filled: path %q, resource %q, origin %v, reason %q", where, v.Type(), loc.Path, loc.Resource, o.Interface(), reason)
			}
			checkValues(t, where, v.FieldByName("V"))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || strings.Contains(f.Tag.Get("json"), "-") {
				continue // links (Subnet, NSG) are Link's, not the adapter's
			}
			checkValues(t, where+"."+f.Name, v.Field(i))
		}
	}
}

// otherTypes holds, nearly empty, the types the corpus lacks.
const otherTypes = `[
  {"id": "` + clusterID + `/agentPools/np", "type": "Microsoft.ContainerService/managedClusters/agentPools", "properties": {}},
  {"id": "` + vnetID + `", "type": "Microsoft.Network/virtualNetworks", "properties": {"subnets": [{"name": "a", "properties": {}}]}},
  {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/keys/k", "type": "Microsoft.KeyVault/vaults/keys", "properties": {}},
  {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/d", "type": "Microsoft.Compute/diskEncryptionSets", "properties": {}},
  {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w", "type": "Microsoft.OperationalInsights/workspaces", "properties": {}},
  {"id": "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/r", "type": "Microsoft.Authorization/roleDefinitions", "properties": {}},
  {"id": "/subscriptions/s/providers/Microsoft.Authorization/locks/l", "type": "Microsoft.Authorization/locks", "properties": {}},
  {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/g", "type": "Microsoft.Network/applicationGateways", "properties": {}},
  {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st", "type": "Microsoft.Storage/storageAccounts", "minimumTlsVersion": "TLS1_2"},
  {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/azureFirewalls/f", "type": "Microsoft.Network/azureFirewalls", "properties": {}},
  {"id": "/subscriptions/s/providers/Microsoft.Insights/diagnosticSettings/d", "type": "Microsoft.Insights/diagnosticSettings", "properties": {}}
]`
