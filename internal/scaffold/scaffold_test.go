package scaffold

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRenderFiles(t *testing.T) {
	tests := []struct {
		format Format
		want   []string
	}{
		{Terraform, []string{".aksguard.yaml", "README.md", "aks.tf", "keys.tf", "kubernetes/namespaces.yaml", "main.tf",
			"monitoring.tf", "network.tf", "terraform.tfvars", "variables.tf", "versions.tf"}},
		{ARM, []string{".aksguard.yaml", "README.md", "azuredeploy.json", "azuredeploy.parameters.json", "defender.json",
			"deploy.sh", "keyvault.json", "kubernetes/namespaces.yaml"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			files, err := Render(Options{Format: tt.format, Name: "shop-prod"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range files {
				got = append(got, f.Path)
				text := string(f.Data)
				if strings.Contains(text, "{{") || strings.Contains(text, "<no value>") {
					t.Errorf("%s: an unexpanded template", f.Path)
				}
				// The name replaces the default wherever a resource is named
				// (prose may still call the estate hardened).
				for _, stale := range []string{"-" + DefaultName, DefaultName + "-", "acr" + DefaultName, ": " + DefaultName + "\n"} {
					if strings.Contains(text, stale) {
						t.Errorf("%s still names a resource %q", f.Path, stale)
					}
				}
				if strings.HasSuffix(f.Path, ".json") && !json.Valid(f.Data) {
					t.Errorf("%s is not valid JSON", f.Path)
				}
				wantMode := os.FileMode(0o644)
				if strings.HasSuffix(f.Path, ".sh") {
					wantMode = 0o755
				}
				if f.Mode != wantMode {
					t.Errorf("%s: mode %v, want %v", f.Path, f.Mode, wantMode)
				}
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("files (-want +got):\n%s", d)
			}
		})
	}
}

// TestRenderNames: the name reaches each resource's name in the form Azure
// accepts for it; the admin group is written where it is read.
func TestRenderNames(t *testing.T) {
	const group = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"
	files, err := Render(Options{Format: Terraform, Name: "shop-prod", AdminGroup: strings.ToUpper(group)})
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]string{}
	for _, f := range files {
		all[f.Path] = string(f.Data)
	}
	for file, wants := range map[string][]string{
		"aks.tf":                     {`name                          = "acrshopprod"`, `name                       = "aks-shop-prod"`},
		"keys.tf":                    {`name                          = "kv-shop-prod"`},
		"terraform.tfvars":           {`admin_group_object_id = "` + group + `"`},
		".aksguard.yaml":             {"  - " + group, "trustedRegistries: [acrshopprod.azurecr.io]"},
		"kubernetes/namespaces.yaml": {"name: shop-prod", "namespace: shop-prod"},
	} {
		for _, want := range wants {
			if !strings.Contains(all[file], want) {
				t.Errorf("%s lacks %q", file, want)
			}
		}
	}
	files, err = Render(Options{Format: ARM})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == "azuredeploy.parameters.json" && !strings.Contains(string(f.Data), PlaceholderAdminGroup) {
			t.Errorf("without --admin-group the parameters hold no placeholder:\n%s", f.Data)
		}
	}
}

func TestRenderRejects(t *testing.T) {
	tests := []struct {
		opts Options
		want string
	}{
		{Options{Format: "bicep"}, `format "bicep": want terraform or arm`},
		{Options{Format: Terraform, Name: "a"}, "want 2 to 21 characters"},
		{Options{Format: Terraform, Name: "a-very-long-estate-name"}, "want 2 to 21 characters"},
		{Options{Format: Terraform, Name: "Shop"}, "lower-case letters"},
		{Options{Format: Terraform, Name: "1shop"}, "starting with a letter"},
		{Options{Format: Terraform, Name: "shop-"}, "not ending with a hyphen"},
		{Options{Format: Terraform, Name: "shop--prod"}, "single hyphens"},
		{Options{Format: Terraform, Name: "shop_prod"}, "lower-case letters"},
		{Options{Format: ARM, AdminGroup: "platform-admins"}, `admin group "platform-admins": want the group's object ID`},
	}
	for _, tt := range tests {
		if _, err := Render(tt.opts); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Render(%+v): error %v, want %q", tt.opts, err, tt.want)
		}
	}
}

// TestWriteRefusesToOverwrite: one file in the way and nothing is written;
// with force everything is.
func TestWriteRefusesToOverwrite(t *testing.T) {
	files, err := Render(Options{Format: ARM})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mine := filepath.Join(dir, "azuredeploy.json")
	if err := os.WriteFile(mine, []byte("my own template"), 0o600); err != nil {
		t.Fatal(err)
	}
	err = Write(dir, files, false)
	var ee *ExistError
	if !errors.As(err, &ee) || !errors.Is(err, ErrExist) || len(ee.Paths) != 1 || ee.Paths[0] != mine {
		t.Fatalf("error %v, want one that names %s", err, mine)
	}
	if !strings.Contains(err.Error(), "nothing was written") {
		t.Errorf("message %q", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files were written beside the one in the way: %v", entries)
	}
	if data, _ := os.ReadFile(mine); string(data) != "my own template" {
		t.Error("the existing file was changed")
	}

	if err := Write(dir, files, true); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		data, err := os.ReadFile(p)
		if err != nil || string(data) != string(f.Data) {
			t.Errorf("%s: not written (%v)", f.Path, err)
		}
		if fi, err := os.Stat(p); err == nil && fi.Mode().Perm() != f.Mode {
			t.Errorf("%s: mode %v, want %v", f.Path, fi.Mode().Perm(), f.Mode)
		}
	}
}
