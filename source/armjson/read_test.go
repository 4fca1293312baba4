package armjson

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

const regID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr1"

// registryJSON is a small REST-shape registry with adminUserEnabled as given.
func registryJSON(id string, admin bool) string {
	a := "false"
	if admin {
		a = "true"
	}
	return `{"id": "` + id + `", "name": "` + estate.ResourceID(id).Name() + `", "type": "Microsoft.ContainerRegistry/registries", "properties": {"adminUserEnabled": ` + a + `}}`
}

func TestReadShapes(t *testing.T) {
	r1, r2 := registryJSON(regID, true), registryJSON(regID+"2", false)
	tests := []struct {
		name string
		src  string
		want []string // registry IDs
		diag []string // diagnostics, rendered
	}{
		{name: "one resource (az acr show)", src: r1, want: []string{regID}},
		{name: "array (az acr list)", src: "[" + r1 + ",\n" + r2 + "]", want: []string{regID, regID + "2"}},
		{name: "empty array", src: "[]"},
		{name: "nested arrays", src: "[[" + r1 + "], [[" + r2 + "]]]", want: []string{regID, regID + "2"}},
		{name: "ARM list response", src: `{"value": [` + r1 + `], "nextLink": null}`, want: []string{regID}},
		{name: "ARM list response with more pages", src: "{\"value\": [" + r1 + "],\n \"nextLink\": \"https://management.azure.com/next\"}",
			want: []string{regID},
			diag: []string{"warning test.json:2: the list has more pages (nextLink); only the resources in this file are audited"}},
		{name: "empty list response", src: `{"value": []}`},
		{name: "Resource Graph (az graph query)", src: `{"count": 2, "data": [` + r1 + `, ` + r2 + `], "skip_token": null, "total_records": 2}`,
			want: []string{regID, regID + "2"}},
		{name: "Resource Graph truncated", src: "{\"data\": [" + r1 + "],\n\"$skipToken\": \"ew0K\"}", want: []string{regID},
			diag: []string{"warning test.json:2: the query result has more pages ($skipToken); only the resources in this file are audited"}},
		{name: "Resource Graph table format", src: `{"totalRecords": 1, "data": {"columns": [{"name": "id", "type": "string"}, {"name": "type", "type": "string"},
			{"name": "properties", "type": "object"}], "rows": [["` + regID + `", "microsoft.containerregistry/registries", {"adminUserEnabled": true}]]}}`,
			want: []string{regID}},
		{name: "list with a stray element", src: "[" + r1 + ",\n 42]", want: []string{regID},
			diag: []string{"warning test.json:2: list element is not an Azure resource (no \"id\" or \"type\"); skipped"}},
		{name: "a type no rule reads is skipped silently",
			src: `{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm", "type": "Microsoft.Compute/virtualMachines"}`},
		{name: "malformed resource beside a good one", src: "[" + r1 + ",\n" + `{"id": "` + regID + `9", "type": "Microsoft.ContainerRegistry/registries", "properties": "oops"}]`,
			want: []string{regID},
			diag: []string{"error test.json:2: " + regID + "9: properties is a string, not an object"}},
		{name: "id of the wrong kind", src: `[{"id": 7, "type": "Microsoft.ContainerRegistry/registries"}]`,
			diag: []string{"error test.json:1: resource id is a number, not a string"}},
		{name: "bad JSON", src: "{\n  \"id\": \"x\",\n  \"type\": oops\n}",
			diag: []string{"error test.json:3:11: invalid JSON: invalid character 'o' looking for beginning of value"}},
		{name: "truncated JSON", src: "[" + r1,
			diag: []string{"error test.json:1:" + strconv.Itoa(len(r1)+2) + ": invalid JSON: unexpected end of JSON input"}},
		{name: "REST API example file: the 200 response", src: `{"parameters": {"resourceName": "acr1"}, "responses": {"201": {"body": ` +
			registryJSON(regID+"x", true) + `}, "200": {"body": ` + r1 + `}, "202": {}}}`, want: []string{regID}},
		{name: "REST API example of a list", src: `{"parameters": {}, "responses": {"200": {"body": {"value": [` + r1 + `, ` + r2 + `]}}}}`,
			want: []string{regID, regID + "2"}},
		{name: "az resource list: no properties", src: `[{"id": "` + regID + `", "name": "acr1", "type": "Microsoft.ContainerRegistry/registries",
			"location": "westeurope", "properties": null, "resourceGroup": "rg", "sku": {"name": "Basic", "tier": "Basic"}, "tags": {}}]`,
			want: []string{regID},
			diag: []string{"warning test.json:1: " + regID + ": the export holds no properties, so its settings are not audited " +
				"(export it with `az resource show`, or list with `--expand properties`)"}},
		{name: "a Kubernetes object", src: `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}`,
			diag: []string{notAzure}},
		{name: "an ARM template", src: `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [{"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01", "name": "acr"}]}`,
			diag: []string{notAzure}},
		{name: "an array of numbers", src: `[1, 2]`,
			diag: []string{notAzure}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Read("test.json", []byte(tc.src))
			var got []string
			for _, r := range res.Estate.Registries {
				got = append(got, string(r.ID))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("registries (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.diag, render(res.Diagnostics)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

const notAzure = "error test.json:1: not Azure resource JSON: expected a resource object with \"id\" and \"type\", an array of them, " +
	"an ARM list response ({\"value\": [...]}) or Resource Graph output ({\"data\": [...]})"

func render(ds source.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Severity.String()+" "+d.Error())
	}
	return out
}

// TestReadLocations checks what findings show: the file and line of each
// resource and value, and the resource ID for every location.
func TestReadLocations(t *testing.T) {
	src := "[\n  {\n    \"id\": \"" + regID + "\",\n    \"type\": \"Microsoft.ContainerRegistry/registries\",\n" +
		"    \"properties\": {\n      \"adminUserEnabled\": true\n    }\n  }\n]\n"
	res := Read("exports/acr.json", []byte(src))
	if len(res.Diagnostics) > 0 || len(res.Estate.Registries) != 1 {
		t.Fatalf("got %d registries, diagnostics %v", len(res.Estate.Registries), res.Diagnostics)
	}
	r := res.Estate.Registries[0]
	wantMeta := estate.Meta{ID: regID, Name: "acr1", Source: estate.SourceAzure,
		Loc: estate.Loc{File: "exports/acr.json", Line: 2, Resource: regID}}
	if diff := cmp.Diff(wantMeta, r.Meta); diff != "" {
		t.Errorf("meta (-want +got):\n%s", diff)
	}
	wantAdmin := estate.Set(true, estate.Loc{File: "exports/acr.json", Line: 6, Resource: regID, Path: "properties.adminUserEnabled"})
	if diff := cmp.Diff(wantAdmin, r.AdminUserEnabled); diff != "" {
		t.Errorf("adminUserEnabled (-want +got):\n%s", diff)
	}
	// An absent value sits at the line of the nearest object that is there.
	wantAnon := estate.Defaulted(false, estate.Loc{File: "exports/acr.json", Line: 5, Resource: regID, Path: "properties.anonymousPullEnabled"})
	if diff := cmp.Diff(wantAnon, r.AnonymousPullEnabled); diff != "" {
		t.Errorf("anonymousPullEnabled (-want +got):\n%s", diff)
	}
}

// TestAdaptLiveResourcesHaveNoLines: resources from the live API have no
// file, so their locations are the resource ID and path alone.
func TestAdaptLiveResourcesHaveNoLines(t *testing.T) {
	n, err := Parse([]byte("\n\n" + registryJSON(regID, true)))
	if err != nil {
		t.Fatal(err)
	}
	res := Adapt([]Resource{{Node: n, Source: estate.SourceAzure}})
	got := res.Estate.Registries[0].AdminUserEnabled.Loc
	if diff := cmp.Diff(estate.Loc{Resource: regID, Path: "properties.adminUserEnabled"}, got); diff != "" {
		t.Errorf("loc (-want +got):\n%s", diff)
	}
}

func TestAdaptSynthesizesIDs(t *testing.T) {
	tests := []struct{ src, want string }{
		{`{"type": "Microsoft.ContainerRegistry/registries", "name": "acr", "subscriptionId": "s", "resourceGroup": "rg"}`,
			"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr"},
		{`{"type": "Microsoft.Network/virtualNetworks/subnets", "name": "vnet/snet"}`,
			"/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet"},
		{`{"type": "Microsoft.ContainerService/managedClusters/providers/diagnosticSettings", "name": "aks/Microsoft.Insights/audit"}`,
			"/providers/Microsoft.ContainerService/managedClusters/aks/providers/Microsoft.Insights/diagnosticSettings/audit"},
	}
	for _, tc := range tests {
		n, err := Parse([]byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		res := Adapt([]Resource{{Node: n, File: "t.json", Source: estate.SourceARM}})
		all := res.Estate.All()
		if len(all) != 1 || len(res.Diagnostics) != 0 {
			t.Fatalf("%s: got %d resources, diagnostics %v", tc.src, len(all), res.Diagnostics)
		}
		if got := string(all[0].M().ID); got != tc.want {
			t.Errorf("%s: id %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestLooks(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want bool
	}{
		{"az aks show", flatCluster, true},
		{"REST resource", restCluster, true},
		{"array", "[" + registryJSON(regID, true) + "]", true},
		{"UTF-8 BOM", "\xef\xbb\xbf" + registryJSON(regID, true), true},
		{"id after a large member", `{"properties": {"a": [1, {"b": 2}]}, "type": "Microsoft.Foo/bars", "id": "/subscriptions/s/providers/Microsoft.Foo/bars/x"}`, true},
		{"child without type", `{"name": "r1", "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/t/routes/r1"}`, true},
		{"ARM list response", `{"value": [` + registryJSON(regID, false) + `], "nextLink": null}`, true},
		{"Resource Graph", `{"count": 1, "data": [` + registryJSON(regID, false) + `]}`, true},
		{"Resource Graph table", `{"data": {"columns": [{"name": "id"}, {"name": "type"}], "rows": []}}`, true},
		{"ARM template", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [{"type": "Microsoft.Foo/bars", "name": "x"}]}`, false},
		{"Kubernetes", `{"apiVersion": "v1", "kind": "List", "items": [{"kind": "Pod"}]}`, false},
		{"REST example file", `{"parameters": {"api-version": "1"}, "responses": {"202": {}, "200": {"headers": {}, "body": ` + registryJSON(regID, true) + `}}}`, true},
		{"REST example without a resource body", `{"parameters": {"api-version": "1"}, "responses": {"204": {}}}`, false},
		{"Terraform plan", `{"format_version": "1.2", "planned_values": {"root_module": {}}}`, false},
		{"empty array", `[]`, false},
		{"not JSON", `resource "x" "y" {}`, false},
		{"truncated", `{"id": `, false},
		{"id that is not an ARM ID", `{"id": "abc", "name": "n"}`, false},
	}
	for _, tc := range tests {
		if got := Looks([]byte(tc.src)); got != tc.want {
			t.Errorf("%s: Looks = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestReadEnvelopeOnly: a resource listed without its properties must not
// be judged on Azure's defaults; a template resource without properties is.
func TestReadEnvelopeOnly(t *testing.T) {
	src := `{"id": "` + regID + `", "type": "Microsoft.ContainerRegistry/registries", "sku": {"name": "Basic"}}`
	res := Read("list.json", []byte(src))
	r := res.Estate.Registries[0]
	want := estate.Unresolved[bool](estate.Loc{File: "list.json", Line: 1, Resource: regID, Path: "properties.adminUserEnabled"}, noProperties)
	if diff := cmp.Diff(want, r.AdminUserEnabled); diff != "" {
		t.Errorf("exported: (-want +got):\n%s", diff)
	}
	if !estate.Is(r.SKU, "Basic") {
		t.Errorf("sku = %+v, want the envelope's Basic", r.SKU)
	}
	n, _ := Parse([]byte(src))
	tmpl := Adapt([]Resource{{Node: n, File: "main.json", Source: estate.SourceARM}})
	if got := tmpl.Estate.Registries[0].AdminUserEnabled; got.Origin != estate.Default || len(tmpl.Diagnostics) > 0 {
		t.Errorf("template: %+v, diagnostics %v; want the default", got, tmpl.Diagnostics)
	}
}
