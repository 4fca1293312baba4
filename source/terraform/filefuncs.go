package terraform

import (
	"encoding/base64"
	"errors"
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// functions returns the function table of the modules in dir: the base
// functions and those that read files. Terraform resolves relative file
// paths against the directory it runs in, the root module; configurations
// write "${path.module}/x" for files beside a module, and path.module is
// relative to the root as in Terraform.
func (ev *evaluator) functions() map[string]function.Function {
	if ev.funcs != nil {
		return ev.funcs
	}
	fs := maps.Clone(baseFunctions)
	read := func(p string) ([]byte, error) { return ev.fsys.readFile(ev.resolve(p)) }
	fs["file"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			b, err := read(args[0].AsString())
			if err != nil {
				return cty.NilVal, fmt.Errorf("no file exists at %s", args[0].AsString())
			}
			if !utf8.Valid(b) {
				return cty.NilVal, fmt.Errorf("contents of %s are not valid UTF-8; use filebase64", args[0].AsString())
			}
			return cty.StringVal(string(b)), nil
		},
	})
	fs["filebase64"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			b, err := read(args[0].AsString())
			if err != nil {
				return cty.NilVal, fmt.Errorf("no file exists at %s", args[0].AsString())
			}
			return cty.StringVal(base64.StdEncoding.EncodeToString(b)), nil
		},
	})
	fs["fileexists"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(ev.fsys.exists(ev.resolve(args[0].AsString()))), nil
		},
	})
	fs["fileset"] = ev.filesetFunc()
	fs["basename"] = pathFunc(path.Base)
	fs["dirname"] = pathFunc(path.Dir)
	fs["abspath"] = pathFunc(func(p string) string { return p })
	fs["pathexpand"] = pathFunc(func(p string) string { return p })
	fs["templatefile"] = function.New(&function.Spec{
		Params: []function.Parameter{
			{Name: "path", Type: cty.String},
			{Name: "vars", Type: cty.DynamicPseudoType},
		},
		Type: func(args []cty.Value) (cty.Type, error) {
			if !args[0].IsKnown() || !args[1].IsWhollyKnown() {
				return cty.DynamicPseudoType, nil
			}
			v, err := ev.template(args[0].AsString(), args[1], fs)
			if err != nil {
				return cty.NilType, err
			}
			return v.Type(), nil
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return ev.template(args[0].AsString(), args[1], fs)
		},
	})
	ev.funcs = fs
	return fs
}

// template renders a templatefile: its variables are the keys of vars, and
// it may call every function but templatefile.
func (ev *evaluator) template(p string, vars cty.Value, funcs map[string]function.Function) (cty.Value, error) {
	src, err := ev.fsys.readFile(ev.resolve(p))
	if err != nil {
		return cty.NilVal, fmt.Errorf("no file exists at %s", p)
	}
	expr, d := hclsyntax.ParseTemplate(src, p, hcl.InitialPos)
	if d.HasErrors() {
		return cty.NilVal, errors.New(diagText(d))
	}
	ty := vars.Type()
	if !(ty.IsMapType() || ty.IsObjectType()) {
		return cty.NilVal, errors.New("template variables must be a map or object")
	}
	vm := map[string]cty.Value{}
	for it := vars.ElementIterator(); it.Next(); {
		k, v := it.Element()
		vm[k.AsString()] = v
	}
	inner := maps.Clone(funcs)
	delete(inner, "templatefile")
	v, d := expr.Value(&hcl.EvalContext{Variables: vm, Functions: inner})
	if d.HasErrors() {
		return cty.NilVal, errors.New(diagText(d))
	}
	return v, nil
}

// resolve turns a path as a configuration writes it into one to read:
// relative paths are relative to the root module.
func (ev *evaluator) resolve(p string) string {
	if ev.fsys.fsys == nil {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(ev.root, filepath.FromSlash(p))
	}
	if strings.HasPrefix(p, "/") {
		return strings.TrimPrefix(p, "/")
	}
	return path.Join(ev.root, p)
}

// relPath is dir relative to the root module, as path.module gives it.
func (ev *evaluator) relPath(dir string) string {
	if ev.fsys.fsys == nil {
		if r, err := filepath.Rel(ev.root, dir); err == nil {
			return filepath.ToSlash(r)
		}
		return filepath.ToSlash(dir)
	}
	if dir == ev.root {
		return "."
	}
	if r, ok := strings.CutPrefix(dir, ev.root+"/"); ok {
		return r
	}
	if ev.root == "." {
		return dir
	}
	// Outside the root (a "../shared" module): climb out of the root.
	up := strings.Repeat("../", strings.Count(ev.root, "/")+1)
	return up + dir
}

func pathFunc(f func(string) string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.StringVal(f(args[0].AsString())), nil
		},
	})
}
