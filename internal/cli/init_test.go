package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/internal/iostreams"
)

// TestInitThenScan: what init writes, the real program scans clean: exit
// 0, no failure, nothing unknown, with the configuration init wrote.
func TestInitThenScan(t *testing.T) {
	io, _, out, errOut := iostreams.Test()
	f := NewFactory(io)
	for _, format := range []string{"terraform", "arm"} {
		t.Run(format, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "estate")
			out.Reset()
			errOut.Reset()
			code := Run(context.Background(), []string{"init", "--format", format, "--name", "shop-prod", "--dir", dir,
				"--admin-group", "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"}, f)
			if code != 0 {
				t.Fatalf("init: exit %d\n%s", code, errOut)
			}
			if !strings.Contains(out.String(), filepath.Join(dir, ".aksguard.yaml")+"\n") {
				t.Errorf("stdout does not list the files written:\n%s", out)
			}
			out.Reset()
			errOut.Reset()
			code = Run(context.Background(), []string{"scan", "-f", "json", "--fail-on", "low", "--fail-on-unknown", dir}, f)
			if code != 0 {
				t.Errorf("scan: exit %d\n%s", code, errOut)
			}
			rep := decodeReport(t, out.String())
			if rep.Summary.Fail != 0 || rep.Summary.Unknown != 0 || rep.Summary.Pass == 0 || len(rep.Errors) != 0 {
				t.Errorf("summary %+v, errors %+v: want passes only (and manual checks)", rep.Summary, rep.Errors)
			}
		})
	}
}

func TestInitRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "main.tf")
	if err := os.WriteFile(mine, []byte("# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, nil, "", "init", "--format", "terraform", "--dir", dir)
	if r.code != 2 || !strings.Contains(r.stderr, mine+" already exists: nothing was written (give --force to overwrite)") || r.stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %s", r.code, r.stdout, r.stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files written: %v", entries)
	}
	r = run(t, dir, nil, "", "init", "--format", "terraform", "--dir", dir, "--force")
	if r.code != 0 {
		t.Fatalf("--force: exit %d\n%s", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(mine); string(data) == "# mine\n" {
		t.Error("--force did not overwrite")
	}
	if !strings.Contains(r.stderr, "placeholder 00000000-0000-0000-0000-000000000000") {
		t.Errorf("stderr does not say the admin group is a placeholder:\n%s", r.stderr)
	}
}

func TestInitUsageErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"init"}, "--format is required"},
		{[]string{"init", "--format", "bicep"}, "want terraform or arm"},
		{[]string{"init", "--format", "arm", "--name", "Shop_Prod"}, "--name: name \"Shop_Prod\""},
		{[]string{"init", "--format", "arm", "--admin-group", "admins"}, "--admin-group: admin group \"admins\""},
		{[]string{"init", "--format", "arm", "extra"}, "init takes no arguments"},
	}
	for _, tt := range tests {
		r := run(t, dir, nil, "", append(tt.args, "--dir", dir)...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) || !strings.Contains(r.stderr, "Usage:") {
			t.Errorf("%v: exit %d, stderr %s; want a usage error with %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a usage error wrote files: %v", entries)
	}
}
