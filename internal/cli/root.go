// Package cli is the aksguard command line: it wires flags to the loader,
// the rules, the policy and the report writers. Stdout carries only the
// command's output (the report); progress, warnings and errors go to stderr.
//
// Exit codes are a contract (see package policy): 0 nothing at or above
// --fail-on failed, 1 something did, 2 the command could not do what was
// asked (a bad flag or configuration, an input that could not be read).
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/aksguard/aksguard/internal/iostreams"
	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
)

// Factory holds what commands depend on, so that tests can swap each.
type Factory struct {
	IO *iostreams.IOStreams
	// Now is the clock ignore expiries are checked against.
	Now func() time.Time
	// Rules returns the catalog.
	Rules func() []*rules.Rule
	// Getwd returns the directory where .aksguard.yaml is looked for when
	// no scanned directory holds one.
	Getwd func() (string, error)
	// Version is the version reported by `aksguard version` and in reports.
	Version string
}

// NewFactory returns the factory of the real program.
func NewFactory(io *iostreams.IOStreams) *Factory {
	return &Factory{IO: io, Now: time.Now, Rules: catalog.All, Getwd: os.Getwd, Version: version()}
}

// Main runs aksguard with args (without the program name) and returns the
// exit code.
func Main(ctx context.Context, args []string, io *iostreams.IOStreams) int {
	return Run(ctx, args, NewFactory(io))
}

// Run is Main with a given factory.
func Run(ctx context.Context, args []string, f *Factory) int {
	root := NewCmdRoot(f)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return policy.ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	var fe *FlagError
	if errors.As(err, &fe) || isUsageError(err) {
		fmt.Fprintf(f.IO.ErrOut, "aksguard: %v\n", err)
		if cmd != nil {
			fmt.Fprintf(f.IO.ErrOut, "\n%s", cmd.UsageString())
		}
		return policy.ExitError
	}
	fmt.Fprintf(f.IO.ErrOut, "aksguard: %v\n", err)
	return policy.ExitError
}

// NewCmdRoot returns the aksguard command and its subcommands.
func NewCmdRoot(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "aksguard <command>",
		Short: "Audit Azure Kubernetes Service estates against security best practices",
		Long: `aksguard audits AKS estates (ARM templates, exported Azure resources,
Kubernetes manifests, Dockerfiles and image scan reports) against a catalog
of security rules, with one verdict per rule whatever the source.`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{err} })
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(newCmdScan(f, nil), newCmdDiff(f, nil), newCmdInit(f, nil), newCmdRules(f), newCmdExplain(f), newCmdWebhook(f, nil), newCmdVersion(f))
	return root
}

// FlagError is a usage error: the message is followed by the usage.
type FlagError struct{ err error }

func (e *FlagError) Error() string { return e.err.Error() }
func (e *FlagError) Unwrap() error { return e.err }

// flagErrorf returns a usage error.
func flagErrorf(format string, a ...any) error { return &FlagError{fmt.Errorf(format, a...)} }

// isUsageError recognises cobra's own usage errors, which do not go through
// the flag error function.
func isUsageError(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag")
}

// exitError ends a command with a code after it has said all it had to.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exactArgs is cobra.ExactArgs as a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return flagErrorf("%s takes %d argument(s), got %d", cmd.Name(), n, len(args))
		}
		return nil
	}
}

// noArgs is cobra.NoArgs as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return flagErrorf("%s takes no arguments, got %q", cmd.Name(), args)
	}
	return nil
}
