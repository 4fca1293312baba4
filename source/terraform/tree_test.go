package terraform

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFindRoots(t *testing.T) {
	fs := tree(map[string]string{
		"envs/prod/main.tf":           `module "aks" { source = "../../modules/aks" }`,
		"envs/dev/main.tf":            "module \"aks\" {\n  source = \"../../modules/aks\"\n}\n",
		"envs/dev/extra.tf.json":      `{}`,
		"modules/aks/main.tf":         "module \"net\" {\n  source = \"./net\"\n}\n",
		"modules/aks/net/main.tf":     `resource "azurerm_subnet" "s" {}`,
		"modules/unused/main.tf":      `resource "azurerm_subnet" "s" {}`,
		"modules/json/main.tf":        `resource "azurerm_subnet" "s" { source_port_range = "./x" }`,
		"envs/json/main.tf.json":      `{"module": {"m": {"source": "../../modules/json"}}}`,
		"envs/prod/.terraform/x.tf":   `resource "azurerm_subnet" "s" {}`,
		"docs/README.md":              "source = \"./envs\"",
		"standalone/variables.tf":     `variable "x" {}`,
		"standalone/sub/not-a-tf.txt": "x",
	})
	got, err := FindRoots(context.Background(), ".", Options{FS: fs})
	if err != nil {
		t.Fatal(err)
	}
	// modules/unused is called by nothing in the tree: it is scanned as a
	// root of its own, its variables unknown.
	want := []string{"envs/dev", "envs/json", "envs/prod", "modules/unused", "standalone"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("roots (-want +got):\n%s", diff)
	}
}

// TestBenchCorpusTruth reads the first 100 environments of the benchmark
// corpus and checks the settings the generator drew (its -truth file)
// against what the evaluator makes of the HCL, variables included.
func TestBenchCorpusTruth(t *testing.T) {
	gen, _ := filepath.Abs("../../internal/gencorpus/main.go")
	if _, err := os.Stat(gen); err != nil || testing.Short() {
		t.Skip("no corpus generator, or -short")
	}
	dir := t.TempDir()
	truth := filepath.Join(dir, "truth.tsv")
	if out, err := exec.Command("go", "run", gen, "-n", "100", "-out", filepath.Join(dir, "c"), "-truth", truth).CombinedOutput(); err != nil {
		t.Fatalf("gen-corpus: %v\n%s", err, out)
	}
	f, err := os.Open(truth)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	cols := strings.Split(sc.Text(), "\t")
	n := 0
	for sc.Scan() {
		row := map[string]string{}
		for i, v := range strings.Split(sc.Text(), "\t") {
			row[cols[i]] = v
		}
		n++
		env := row["env"]
		rs, diags := Resources(context.Background(), filepath.Join(dir, "c", env), Options{})
		if len(diags) > 0 {
			t.Errorf("%s: %v", env, diags)
		}
		aks := find(t, rs, "azurerm_kubernetes_cluster.aks")
		tri := func(path, want string) {
			got := show(at(aks.Values, path))
			if want == "" {
				want = "<null>"
			}
			if got != want {
				t.Errorf("%s: %s = %s, want %s", env, path, got, want)
			}
		}
		tri("private_cluster_enabled", row["private"])
		tri("local_account_disabled", row["local_disabled"])
		tri("http_application_routing_enabled", row["http_routing"])
		tri("network_profile.0.network_policy", row["net_policy"])
		ranges := "<null>"
		if row["auth_ranges"] != "" {
			ranges = `["` + strings.ReplaceAll(row["auth_ranges"], ",", `","`) + `"]`
		}
		if row["auth_legacy"] == "true" {
			tri("api_server_authorized_ip_ranges", ranges)
		} else {
			tri("api_server_access_profile.0.authorized_ip_ranges", ranges)
		}
		nsg := find(t, rs, "azurerm_network_security_group.aks")
		wantSSH := "<null>"
		switch {
		case row["nsg_ssh_open"] == "true":
			wantSSH = "*"
		case row["nsg_ssh_private"] == "true":
			wantSSH = "10.0.0.0/8"
		}
		if got := show(at(nsg.Values, "security_rule.1.source_address_prefix")); got != wantSSH {
			t.Errorf("%s: SSH rule source = %s, want %s", env, got, wantSSH)
		}
		if row["diag"] != "" {
			d := find(t, rs, "azurerm_monitor_diagnostic_setting.aks")
			want := sub + "/resourceGroups/rg-" + strings.ReplaceAll(env, "-", "") + "/providers/Microsoft.ContainerService/managedClusters/aks-" + strings.ReplaceAll(env, "-", "")
			if got := show(at(d.Values, "target_resource_id")); got != want {
				t.Errorf("%s: diagnostic setting target = %s, want %s", env, got, want)
			}
		}
	}
	if n != 100 {
		t.Errorf("%d environments in the truth file", n)
	}
}

func TestReadAllKeepsOrder(t *testing.T) {
	files := map[string]string{}
	var roots []string
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		roots = append(roots, name)
		files[name+"/main.tf"] = `resource "azurerm_resource_group" "rg" { name = "` + name + `" }`
	}
	files["c/main.tf"] = `resource "azurerm_resource_group" "rg" {`
	res := ReadAll(context.Background(), roots, Options{FS: tree(files)})
	if len(res) != len(roots) {
		t.Fatalf("%d results for %d roots", len(res), len(roots))
	}
	for i, r := range res {
		broken := roots[i] == "c"
		if r.Diagnostics.HasErrors() != broken {
			t.Errorf("%s: diagnostics %v", roots[i], r.Diagnostics)
		}
		if broken && (len(r.Diagnostics) == 0 || r.Diagnostics[0].Input != "c/main.tf") {
			t.Errorf("c: diagnostics %v, want one for c/main.tf", r.Diagnostics)
		}
	}
}

func TestReadAFileReadsItsModule(t *testing.T) {
	rs, diags := Resources(context.Background(), "testdata/estate/main.tf", Options{})
	if len(diags) != 0 || len(rs) < 10 {
		t.Errorf("%d resources, diagnostics %v", len(rs), diags)
	}
}
