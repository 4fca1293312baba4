package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/aksguard/aksguard/source/load"
)

// tfVarFlag is --var name=value, as terraform plan -var takes it: later
// values of one name win.
type tfVarFlag struct{ opts *ScanOptions }

func (f tfVarFlag) String() string { return "" }
func (f tfVarFlag) Type() string   { return "NAME=VALUE" }
func (f tfVarFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if name = strings.TrimSpace(name); !ok || name == "" {
		return fmt.Errorf("%q: want NAME=VALUE, e.g. environment=prod", s)
	}
	if f.opts.TFVars == nil {
		f.opts.TFVars = map[string]string{}
	}
	f.opts.TFVars[name] = value
	return nil
}

// terraformOptions are what the Terraform root modules are evaluated with:
// --var-file, --var and the TF_VAR_ variables of the environment, as
// terraform plan would see them.
func terraformOptions(opts *ScanOptions) load.TerraformOptions {
	return load.TerraformOptions{VarFiles: opts.TFVarFiles, Vars: opts.TFVars, Env: os.Environ()}
}
