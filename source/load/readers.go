package load

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
	"github.com/aksguard/aksguard/source/armtemplate"
	"github.com/aksguard/aksguard/source/bicep"
	"github.com/aksguard/aksguard/source/dockerfile"
	"github.com/aksguard/aksguard/source/kube"
	"github.com/aksguard/aksguard/source/terraform"
	"github.com/aksguard/aksguard/source/tfplan"
	"github.com/aksguard/aksguard/source/vulnreport"
)

// readKind runs the reader of kind on text. A reader that panics is a bug,
// not a reason to lose the other inputs: the panic becomes an error
// diagnostic naming the file.
func (l *loader) readKind(name string, kind Kind, text []byte, params *paramFile) (res source.Result) {
	defer func() {
		if r := recover(); r != nil {
			res = source.Result{Diagnostics: source.Diagnostics{source.Errorf(name, 0,
				"internal error in the %s reader (please report it): %v\n%s", kind, r, debug.Stack())}}
		}
	}()
	switch kind {
	case ARMTemplate:
		opts := armtemplate.Options{}
		if params != nil {
			opts.Parameters, opts.ParametersName = params.data, params.name
		}
		res = armtemplate.Read(name, stripComments(text), opts)
	case AzureJSON:
		res = armjson.Read(name, stripComments(text))
	case Kubernetes:
		res = kube.Read(name, text)
	case Dockerfile:
		res = dockerfile.Read(name, text)
	case VulnReport:
		res = vulnreport.Read(name, text)
	case Bicep:
		opts := bicep.Options{FS: l.fsys}
		if params != nil {
			opts.Parameters, opts.ParametersName = params.data, params.name
		}
		res = bicep.Read(name, text, opts)
	case BicepParams:
		res = bicep.ReadParams(name, text, bicep.Options{FS: l.fsys})
	case TerraformPlan:
		res = tfplan.Read(name, text)
	}
	if res.Estate == nil {
		res.Estate = &estate.Estate{}
	}
	return res
}

// readTerraform reads the Terraform root module in dir.
func (l *loader) readTerraform(dir string) (res source.Result) {
	defer func() {
		if r := recover(); r != nil {
			res = source.Result{Diagnostics: source.Diagnostics{source.Errorf(dir, 0,
				"internal error in the terraform reader (please report it): %v\n%s", r, debug.Stack())}}
		}
	}()
	tf := l.terraform
	res = terraform.Read(l.ctx, dir, terraform.Options{FS: l.fsys, VarFiles: tf.VarFiles, Vars: tf.Vars, Env: tf.Env})
	if res.Estate == nil {
		res.Estate = &estate.Estate{}
	}
	for i := range res.Diagnostics {
		if res.Diagnostics[i].Input == "" {
			res.Diagnostics[i].Input = dir
		}
	}
	return res
}

// describe turns a read error into a message that does not repeat the path
// (the diagnostic names the input already).
func describe(err error) string {
	var se *sizeError
	if errors.As(err, &se) {
		return se.Error()
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Sprintf("%s: %v", pe.Op, pe.Err)
	}
	return err.Error()
}

// syntaxError unwraps the JSON parser's error.
func syntaxError(err error) (*armjson.SyntaxError, bool) {
	var se *armjson.SyntaxError
	ok := errors.As(err, &se)
	return se, ok
}
