package armtemplate_test

import (
	"fmt"

	"github.com/aksguard/aksguard/source/armjson"
	"github.com/aksguard/aksguard/source/armtemplate"
)

// The function library on its own, as the Bicep reader uses it: look a
// function up by name and call it with evaluated arguments.
func ExampleLibrary() {
	lib := armtemplate.NewLibrary(armtemplate.Deployment{
		SubscriptionID: "00000000-0000-0000-0000-000000000000",
		ResourceGroup:  "rg",
	})
	str := func(s string) *armjson.Node { return &armjson.Node{Kind: armjson.String, Str: s} }

	resourceID, _ := lib.Lookup("resourceId")
	id, _ := resourceID([]*armjson.Node{str("Microsoft.Network/virtualNetworks/subnets"), str("vnet"), str("aks")})
	fmt.Println(id.Str)

	// Values known only at deployment are Unknown, and stay so through the
	// functions that consume them.
	reference, _ := lib.Lookup("reference")
	fqdn, _ := reference([]*armjson.Node{str("aks")})
	concat, _ := lib.Lookup("concat")
	url, _ := concat([]*armjson.Node{str("https://"), fqdn})
	fmt.Println(url.Kind == armjson.Unknown, url.Reason)
	// Output:
	// /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks
	// true reference() is resolved at deployment
}

// Evaluating a template gives the ARM resource JSON it deploys, with IDs.
func ExampleEvaluate() {
	tmpl := `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {"private": {"type": "bool", "defaultValue": true}},
  "resources": [{
    "type": "Microsoft.ContainerService/managedClusters",
    "name": "aks1",
    "properties": {"apiServerAccessProfile": {"enablePrivateCluster": "[parameters('private')]"}}
  }]
}`
	nodes, _ := armtemplate.Evaluate("main.json", []byte(tmpl), armtemplate.Options{})
	for _, n := range nodes {
		v := n.Path("properties.apiServerAccessProfile.enablePrivateCluster")
		fmt.Println(n.Get("id").Str)
		fmt.Println(v.Bool, "at line", v.Line)
	}
	// Output:
	// /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1
	// true at line 7
}
