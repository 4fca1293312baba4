package load

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/source"
)

const (
	template = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {"clusterName": {"type": "string"}},
  "resources": []
}
`
	parameters = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {"clusterName": {"value": "aks1"}}
}
`
	pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n"
)

// writeTree creates files under a new temporary directory. A value starting
// with "->" makes a symbolic link to the rest of it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(content, "->"); ok {
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// diag is the part of a diagnostic a test checks: severity, the input
// relative to the tree, the line (0: any) and a fragment of the message.
type diag struct {
	sev   source.Severity
	input string
	line  int
	msg   string
}

func checkDiags(t *testing.T, root string, got source.Diagnostics, want []diag) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(want), render(got))
	}
	for i, w := range want {
		g := got[i]
		input := strings.TrimPrefix(filepath.ToSlash(strings.TrimPrefix(g.Input, root)), "/")
		if g.Severity != w.sev || input != w.input || (w.line != 0 && g.Line != w.line) || !strings.Contains(g.Message, w.msg) {
			t.Errorf("diagnostic %d = %s %q line %d %q,\nwant %s %q line %d containing %q", i,
				g.Severity, input, g.Line, g.Message, w.sev, w.input, w.line, w.msg)
		}
	}
}

func render(ds source.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Severity.String() + " " + d.Error() + "\n")
	}
	return b.String()
}

func TestPathsBadInput(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		// args are relative to the tree; none means the tree itself.
		args  []string
		opts  Options
		want  []diag
		check func(t *testing.T, st Stats)
	}{
		{
			name: "malformed ARM template names file, line and column",
			files: map[string]string{"aks.json": `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [
    {"type": }
  ]
}`},
			want: []diag{{source.Error, "aks.json", 4, "invalid JSON"}},
		},
		{
			name:  "malformed JSON of no known kind in a directory is a warning",
			files: map[string]string{".vscode/settings.json": `{"editor.tabSize": 2,}`, "pod.yaml": pod},
			want:  []diag{{source.Warning, ".vscode/settings.json", 1, "invalid JSON, skipped"}},
		},
		{
			name:  "malformed JSON named on the command line is an error",
			files: map[string]string{"x.json": "{\n  \"a\": 1\n  \"b\": 2\n}\n"},
			args:  []string{"x.json"},
			want:  []diag{{source.Error, "x.json", 3, "invalid JSON"}},
		},
		{
			name:  "non-UTF-8 JSON is an error at the line of the bad byte",
			files: map[string]string{"aks.json": "{\n  \"name\": \"caf\xe9\"\n}\n"},
			want:  []diag{{source.Error, "aks.json", 2, "not UTF-8"}},
		},
		{
			name:  "non-UTF-8 YAML is an error",
			files: map[string]string{"pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf\xe9\n"},
			want:  []diag{{source.Error, "pod.yaml", 4, "not UTF-8"}},
		},
		{
			name:  "binaries and non-UTF-8 files of other kinds are skipped silently",
			files: map[string]string{"logo.png": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "notes.latin1": "caf\xe9\n", "pod.yaml": pod},
			check: func(t *testing.T, st Stats) {
				if st.Skipped != 2 || st.Read[Kubernetes] != 1 {
					t.Errorf("stats = %+v, want 2 skipped and 1 manifest read", st)
				}
			},
		},
		{
			name:  "UTF-16 with a BOM is read",
			files: map[string]string{"pod.yaml": utf16le(pod)},
			check: func(t *testing.T, st Stats) {
				if st.Read[Kubernetes] != 1 {
					t.Errorf("stats = %+v, want the UTF-16 manifest read", st)
				}
			},
		},
		{
			name:  "an empty JSON file is an error, an empty YAML file is not",
			files: map[string]string{"empty.json": "", "empty.yaml": "\n", "blank.txt": ""},
			want:  []diag{{source.Error, "empty.json", 0, "empty file"}},
			check: func(t *testing.T, st Stats) {
				if st.Skipped != 3 || st.Failed != 1 {
					t.Errorf("stats = %+v, want 3 skipped, 1 failed", st)
				}
			},
		},
		{
			name:  "an empty Dockerfile is an error",
			files: map[string]string{"Dockerfile": "\n"},
			want:  []diag{{source.Error, "Dockerfile", 0, "no FROM"}},
		},
		{
			name:  "a file over the size limit is an error, not a hang",
			files: map[string]string{"big.json": `{"x": "` + strings.Repeat("a", 4096) + `"}`, "pod.yaml": pod},
			opts:  Options{MaxFileSize: 1024},
			want:  []diag{{source.Error, "big.json", 0, "over the 1.0 KiB limit"}},
		},
		{
			name:  "a missing path is an error and the other paths are read",
			files: map[string]string{"pod.yaml": pod},
			args:  []string{"missing.json", "pod.yaml"},
			want:  []diag{{source.Error, "missing.json", 0, "no such file or directory"}},
			check: func(t *testing.T, st Stats) {
				if st.Read[Kubernetes] != 1 {
					t.Errorf("stats = %+v, want pod.yaml read", st)
				}
			},
		},
		{
			name:  "a symbolic link loop is a warning and the walk ends",
			files: map[string]string{"a/pod.yaml": pod, "a/b/up": "->../.."},
			want:  []diag{{source.Warning, "a/b/up", 0, "symbolic link loop"}},
			check: func(t *testing.T, st Stats) {
				if st.Files != 1 {
					t.Errorf("stats = %+v, want the manifest looked at once", st)
				}
			},
		},
		{
			name:  "a link to itself is a broken link",
			files: map[string]string{"self": "->self", "pod.yaml": pod},
			want:  []diag{{source.Warning, "self", 0, "broken symbolic link"}},
		},
		{
			name:  "a file reached by two paths is read once",
			files: map[string]string{"real/pod.yaml": pod, "alias": "->real", "link.yaml": "->real/pod.yaml"},
			check: func(t *testing.T, st Stats) {
				if st.Files != 1 {
					t.Errorf("stats = %+v, want one file", st)
				}
			},
		},
		{
			name: "version control, Terraform caches and node_modules are not entered",
			files: map[string]string{
				".git/pod.yaml": pod, ".terraform/modules/x.json": "{", "node_modules/x/pod.yaml": pod, "pod.yaml": pod,
			},
			check: func(t *testing.T, st Stats) {
				if st.Files != 1 {
					t.Errorf("stats = %+v, want only pod.yaml", st)
				}
			},
		},
		{
			name:  "a file named on the command line must be an input",
			files: map[string]string{"README.md": "# notes\n", "docs/README.md": "apiVersion: v1\nkind: Pod\n"},
			args:  []string{"README.md", "docs"},
			want:  []diag{{source.Error, "README.md", 0, "not an input aksguard reads"}},
		},
		{
			name:  "unrendered Helm templates are skipped and counted",
			files: map[string]string{"chart/templates/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"},
			check: func(t *testing.T, st Stats) {
				if st.Helm != 1 || st.Inputs() != 0 {
					t.Errorf("stats = %+v, want one Helm template skipped", st)
				}
			},
		},
		{
			name:  "a parameters file alone is not scanned",
			files: map[string]string{"p.parameters.json": parameters},
			args:  []string{"p.parameters.json"},
			want:  []diag{{source.Warning, "p.parameters.json", 0, "not scanned alone"}},
		},
		{
			name:  "a template uses the parameters file beside it",
			files: map[string]string{"azuredeploy.json": template, "azuredeploy.parameters.json": parameters},
			args:  []string{"azuredeploy.json", "azuredeploy.parameters.json"},
			check: func(t *testing.T, st Stats) {
				if st.Read[ARMTemplate] != 1 || st.Read[ARMParameters] != 1 {
					t.Errorf("stats = %+v, want a template read with its parameters", st)
				}
			},
		},
		{
			name:  "a missing --parameters file is an error",
			files: map[string]string{"azuredeploy.json": template},
			opts:  Options{Parameters: "nope.parameters.json"},
			want:  []diag{{source.Error, "nope.parameters.json", 0, "parameters file: no such file"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeTree(t, tt.files)
			args := []string{root}
			if tt.args != nil {
				args = nil
				for _, a := range tt.args {
					args = append(args, filepath.Join(root, a))
				}
			}
			if tt.opts.Parameters != "" {
				tt.opts.Parameters = filepath.Join(root, tt.opts.Parameters)
			}
			e, diags, st := Paths(context.Background(), args, tt.opts)
			if e == nil {
				t.Fatal("Paths returned a nil estate")
			}
			checkDiags(t, root, diags, tt.want)
			if tt.check != nil {
				tt.check(t, st)
			}
		})
	}
}

func utf16le(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, r := range s { // ASCII only in these tests
		b = append(b, byte(r), 0)
	}
	return string(b)
}

func TestPathsPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: file permissions do not apply")
	}
	root := writeTree(t, map[string]string{"secret.yaml": pod, "locked/pod.yaml": pod, "pod.yaml": pod})
	if err := os.Chmod(filepath.Join(root, "secret.yaml"), 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(root, "locked"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(filepath.Join(root, "locked"), 0o755) })
	_, diags, st := Paths(context.Background(), []string{root}, Options{})
	checkDiags(t, root, diags, []diag{
		{source.Error, "locked", 0, "read directory: permission denied"},
		{source.Error, "secret.yaml", 0, "permission denied"},
	})
	if st.Read[Kubernetes] != 1 {
		t.Errorf("stats = %+v, want pod.yaml still read", st)
	}
}

func TestPathsStdin(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		want  []diag
		kind  Kind
	}{
		{"manifest", pod, nil, Kubernetes},
		{"template", template, nil, ARMTemplate},
		{"empty", "", []diag{{source.Error, "-", 0, "empty input"}}, Unknown},
		{"not an input", "hello\n", []diag{{source.Error, "-", 0, "not an input"}}, Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags, st := Paths(context.Background(), []string{"-", "-"}, Options{Stdin: strings.NewReader(tt.stdin)})
			checkDiags(t, "", diags, tt.want)
			if tt.kind != Unknown && st.Read[tt.kind] != 1 {
				t.Errorf("stats = %+v, want stdin read once as %v", st, tt.kind)
			}
		})
	}
}

// TestPathsExclude: the report being written into the scanned tree is not
// read (here an empty report.json, which would otherwise be an error).
func TestPathsExclude(t *testing.T) {
	root := writeTree(t, map[string]string{"pod.yaml": pod, "report.json": ""})
	fi, err := os.Stat(filepath.Join(root, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, diags, st := Paths(context.Background(), []string{root}, Options{Exclude: []os.FileInfo{fi}})
	if len(diags) != 0 || st.Files != 1 {
		t.Errorf("stats %+v, diagnostics:\n%s", st, render(diags))
	}
}

// A manifest whose objects are all commented out is empty, even when named
// on the command line (the AKS baseline ships such a file).
func TestCommentedOutYAMLIsEmpty(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "rbac.yaml")
	if err := os.WriteFile(p, []byte("# Use only with Entra ID direct assignment\n#apiVersion: v1\n#kind: Namespace\n---\n#metadata:\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags, _ := Paths(context.Background(), []string{p}, Options{})
	if len(diags) != 0 {
		t.Errorf("diagnostics = %v, want none", diags)
	}
}
