package terraform

import (
	"context"
	"io/fs"
	"sort"
	"strings"

	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/azurerm"
)

// Options are what `terraform plan` would be given besides the
// configuration.
type Options struct {
	// VarFiles are --var-file files, in the order given. Relative paths
	// are relative to the working directory (or FS root), as Terraform's.
	VarFiles []string
	// Vars are --var name=value assignments. They win over VarFiles.
	Vars map[string]string
	// Env is the environment as os.Environ gives it; TF_VAR_name entries
	// set root variables.
	Env []string
	// ModulesJSON is the module manifest terraform init wrote; the default
	// is <root>/.terraform/modules/modules.json.
	ModulesJSON string
	// FS, when set, is read instead of the operating system's files, and
	// root, VarFiles and ModulesJSON are paths inside it.
	FS fs.FS
}

// Read evaluates the Terraform root module in the directory root, with the
// modules it calls, and adapts the azurerm and kubernetes resources it
// declares into the estate.
func Read(ctx context.Context, root string, opts Options) source.Result {
	rs, diags := Resources(ctx, root, opts)
	res := azurerm.Adapt(rs)
	res.Diagnostics = append(diags, res.Diagnostics...)
	return res
}

// Resources evaluates the root module in root and returns the resource
// instances of the azurerm and kubernetes providers that it and the
// modules it calls declare, in address order, with the diagnostics.
func Resources(ctx context.Context, root string, opts Options) ([]azurerm.Resource, source.Diagnostics) {
	fsys := files{fsys: opts.FS}
	if opts.FS != nil && root == "" {
		root = "."
	}
	// A configuration file given instead of its directory: its module.
	if strings.HasSuffix(root, ".tf") || strings.HasSuffix(root, ".tf.json") {
		if _, err := fsys.readDir(root); err != nil {
			root = parentDir(fsys, root)
		}
	}
	ev := &evaluator{ctx: ctx, fsys: fsys, root: root, opts: opts, modules: map[string]*module{}}
	m, err := ev.module(root)
	if err != nil {
		return nil, source.Diagnostics{source.Errorf(root, 0, "cannot read the Terraform module: %v", err)}
	}
	var diags source.Diagnostics
	ev.assign, diags = rootAssignments(fsys, root, m.names, opts)
	ev.diags = append(diags, ev.diags...)
	in := ev.newInstance(m, "", "", nil, nil)
	in.run()
	if err := ctx.Err(); err != nil {
		ev.diags = append(ev.diags, source.Errorf(root, 0, "%v", err))
	}
	sort.SliceStable(ev.out, func(i, j int) bool { return ev.out[i].Address < ev.out[j].Address })
	return ev.out, ev.diags
}
