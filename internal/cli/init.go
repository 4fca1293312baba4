package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/aksguard/aksguard/internal/iostreams"
	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/internal/scaffold"
)

// InitOptions are the inputs of `aksguard init`.
type InitOptions struct {
	IO *iostreams.IOStreams

	Format     string
	Name       string
	Dir        string
	AdminGroup string
	Force      bool
}

func newCmdInit(f *Factory, runF func(context.Context, *InitOptions) error) *cobra.Command {
	opts := &InitOptions{IO: f.IO, Name: scaffold.DefaultName, Dir: "."}
	cmd := &cobra.Command{
		Use:   "init --format terraform|arm",
		Short: "Write a hardened AKS estate to start from",
		Long: `Init writes a complete AKS estate, as Terraform or as ARM templates, that
follows every practice aksguard checks: a private cluster with Entra ID and
Azure RBAC, its own identities, a network whose egress goes through Azure
Firewall, NSGs that block SSH, a Key Vault with purge protection holding the
KMS and disk keys, a private registry, a locked audit workspace with the
cluster's and the registry's diagnostic settings, Defender for Containers,
the roles each identity needs, a namespace with default-deny network
policies, and the .aksguard.yaml that scans it. "aksguard scan" of what it
writes reports no failure and nothing unknown.

NAME names the resources (aks-NAME, kv-NAME, ...). The cluster's admin
group is --admin-group, else a placeholder to replace; .aksguard.yaml
declares that group reviewed (reviewedAdminGroups), which is a promise to
keep it small. Init refuses to overwrite files unless --force.`,
		Example: `  aksguard init --format terraform --name shop-prod --dir infra/
  aksguard init --format arm --admin-group 6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Format == "" {
				return flagErrorf("--format is required: terraform or arm")
			}
			if err := scaffold.CheckName(opts.Name); err != nil {
				return flagErrorf("--name: %v", err)
			}
			if opts.AdminGroup != "" {
				if err := scaffold.CheckAdminGroup(opts.AdminGroup); err != nil {
					return flagErrorf("--admin-group: %v", err)
				}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runInit(opts)
		},
	}
	fl := cmd.Flags()
	fl.Var(newEnum(&opts.Format, string(scaffold.Terraform), string(scaffold.ARM)), "format", "`LANGUAGE` of the estate: terraform or arm")
	fl.StringVar(&opts.Name, "name", opts.Name, "`NAME` of the estate, in its resources' names: lower-case letters, digits and hyphens, at most 21")
	fl.StringVar(&opts.Dir, "dir", opts.Dir, "directory `DIR` to write to (created if missing)")
	fl.StringVar(&opts.AdminGroup, "admin-group", "", "object `ID` of the Entra ID group of the cluster's administrators (default: a placeholder to replace)")
	fl.BoolVar(&opts.Force, "force", false, "overwrite files that exist")
	return cmd
}

func runInit(opts *InitOptions) error {
	files, err := scaffold.Render(scaffold.Options{Format: scaffold.Format(opts.Format), Name: opts.Name, AdminGroup: opts.AdminGroup})
	if err != nil {
		return err
	}
	if err := scaffold.Write(opts.Dir, files, opts.Force); err != nil {
		var ee *scaffold.ExistError
		if errors.As(err, &ee) {
			fmt.Fprintf(opts.IO.ErrOut, "aksguard: init: %v\n", err)
			return &exitError{policy.ExitError}
		}
		return fmt.Errorf("init: %w", err)
	}
	for _, f := range files {
		fmt.Fprintln(opts.IO.Out, filepath.Join(opts.Dir, filepath.FromSlash(f.Path)))
	}
	fmt.Fprintf(opts.IO.ErrOut, "aksguard: wrote the %s estate %s (%d files); read %s before deploying, and check it with: aksguard scan %s\n",
		opts.Format, opts.Name, len(files), filepath.Join(opts.Dir, "README.md"), opts.Dir)
	if opts.AdminGroup == "" {
		fmt.Fprintf(opts.IO.ErrOut, "aksguard: the admin group is the placeholder %s: put your group's object ID in its place (see the README)\n", scaffold.PlaceholderAdminGroup)
	}
	return nil
}
