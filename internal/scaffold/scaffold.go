// Package scaffold writes a hardened AKS estate, as Terraform or as ARM
// templates, that follows every practice of the rule catalog: the starting
// point of `aksguard init`. The files are rendered from templates embedded
// in the binary; the estate's name is substituted wherever it names a
// resource.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template"
)

//go:embed templates
var templates embed.FS

// Format is the infrastructure-as-code language of the estate.
type Format string

// Formats.
const (
	Terraform Format = "terraform"
	ARM       Format = "arm"
)

// Formats lists the formats Render writes.
func Formats() []Format { return []Format{Terraform, ARM} }

// DefaultName is the estate's name when none is given.
const DefaultName = "hardened"

// PlaceholderAdminGroup stands for the admin group's object ID until the
// user gives theirs: a syntactically valid object ID that names no group.
const PlaceholderAdminGroup = "00000000-0000-0000-0000-000000000000"

// Options say what to render.
type Options struct {
	Format Format
	// Name names the estate's resources: "aks-NAME", "kv-NAME", ...
	Name string
	// AdminGroup is the object ID of the Entra ID group of the cluster's
	// administrators; empty means PlaceholderAdminGroup.
	AdminGroup string
}

// File is one rendered file.
type File struct {
	// Path is relative to the target directory, slash-separated.
	Path string
	Data []byte
	// Mode is the file's permissions (scripts are executable).
	Mode fs.FileMode
}

var (
	nameRE = regexp.MustCompile(`^[a-z][a-z0-9-]*[a-z0-9]$`)
	guidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// maxName keeps every derived name within Azure's limits; the tightest is
// the Key Vault's 24 characters ("kv-" + name).
const maxName = 21

// CheckName says whether name can name every resource of the estate.
func CheckName(name string) error {
	switch {
	case len(name) < 2 || len(name) > maxName:
		return fmt.Errorf("name %q: want 2 to %d characters (the Key Vault's name, kv-NAME, may have 24)", name, maxName)
	case !nameRE.MatchString(name) || strings.Contains(name, "--"):
		return fmt.Errorf("name %q: want lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen", name)
	}
	return nil
}

// CheckAdminGroup says whether id is an Entra ID object ID.
func CheckAdminGroup(id string) error {
	if !guidRE.MatchString(id) {
		return fmt.Errorf("admin group %q: want the group's object ID, e.g. 6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d", id)
	}
	return nil
}

// data is what the templates see.
type data struct {
	Format           Format
	Name             string
	Compact          string // the name without hyphens: registries allow letters and digits only
	AdminGroup       string
	AdminGroupSource string // where else the admin group's ID is written
	Location         string
	KeyVersion       string // stands for a key version deploy.sh fills in
}

// Render renders the estate's files, in path order.
func Render(o Options) ([]File, error) {
	if !slices.Contains(Formats(), o.Format) {
		return nil, fmt.Errorf("format %q: want terraform or arm", o.Format)
	}
	if o.Name == "" {
		o.Name = DefaultName
	}
	if err := CheckName(o.Name); err != nil {
		return nil, err
	}
	if o.AdminGroup == "" {
		o.AdminGroup = PlaceholderAdminGroup
	}
	if err := CheckAdminGroup(o.AdminGroup); err != nil {
		return nil, err
	}
	d := data{
		Format: o.Format, Name: o.Name, Compact: strings.ReplaceAll(o.Name, "-", ""),
		AdminGroup: strings.ToLower(o.AdminGroup), Location: "westeurope", KeyVersion: "set-by-deploy-sh",
		AdminGroupSource: "admin_group_object_id in terraform.tfvars",
	}
	if o.Format == ARM {
		d.AdminGroupSource = "adminGroupObjectId in azuredeploy.parameters.json"
	}
	var files []File
	for _, dir := range []string{"templates/common", "templates/" + string(o.Format)} {
		err := fs.WalkDir(templates, dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			f, err := render(p, d)
			if err != nil {
				return err
			}
			f.Path = outputPath(strings.TrimPrefix(p, dir+"/"))
			files = append(files, f)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

func render(name string, d data) (File, error) {
	src, err := templates.ReadFile(name)
	if err != nil {
		return File{}, err
	}
	t, err := template.New(path.Base(name)).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return File{}, fmt.Errorf("template %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return File{}, fmt.Errorf("template %s: %w", name, err)
	}
	mode := fs.FileMode(0o644)
	if strings.HasSuffix(name, ".sh.tmpl") {
		mode = 0o755
	}
	return File{Data: b.Bytes(), Mode: mode}, nil
}

// outputPath is a template's file name: without ".tmpl", and the
// configuration file hidden, as aksguard looks for it.
func outputPath(p string) string {
	p = strings.TrimSuffix(p, ".tmpl")
	if p == "aksguard.yaml" {
		return ".aksguard.yaml"
	}
	return p
}

// ErrExist is returned by Write when files are in the way.
var ErrExist = errors.New("files exist")

// ExistError names the files Write would overwrite.
type ExistError struct{ Paths []string }

func (e *ExistError) Error() string {
	const shown = 3
	list := strings.Join(e.Paths[:min(len(e.Paths), shown)], ", ")
	if n := len(e.Paths) - shown; n > 0 {
		list += fmt.Sprintf(" and %d more", n)
	}
	verb := "exists"
	if len(e.Paths) > 1 {
		verb = "exist"
	}
	return fmt.Sprintf("%s already %s: nothing was written (give --force to overwrite)", list, verb)
}

// Is makes errors.Is(err, ErrExist) true.
func (e *ExistError) Is(target error) bool { return target == ErrExist }

// Write writes files under dir, creating directories as needed. Unless
// force is set, it writes nothing when any of them exists (an *ExistError
// names them): a scaffold never overwrites someone's work by surprise.
func Write(dir string, files []File, force bool) error {
	if !force {
		var exist []string
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f.Path))
			if _, err := os.Lstat(p); err == nil {
				exist = append(exist, p)
			}
		}
		if len(exist) > 0 {
			return &ExistError{Paths: exist}
		}
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, f.Mode); err != nil {
			return err
		}
		if err := os.Chmod(p, f.Mode); err != nil { // WriteFile keeps an existing file's mode
			return err
		}
	}
	return nil
}
