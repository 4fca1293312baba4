package terraform

import (
	"encoding/json"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/source"
)

// isLocalSource reports whether a module source is a local path, which
// Terraform reads in place rather than downloading.
func isLocalSource(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") ||
		strings.HasPrefix(s, ".\\") || strings.HasPrefix(s, "..\\")
}

// moduleDir finds the directory of a module call: a local source relative
// to the calling module, else the directory terraform init recorded in
// .terraform/modules/modules.json.
func (in *instance) moduleDir(c *call, key string) (string, bool) {
	if isLocalSource(c.source) {
		if in.ev.fsys.fsys == nil {
			return filepath.Join(in.mod.dir, filepath.FromSlash(c.source)), true
		}
		return path.Join(in.mod.dir, c.source), true
	}
	dir, ok := in.ev.modulesJSON()[key]
	return dir, ok
}

// modulesJSON loads the module manifest terraform init writes, once.
func (ev *evaluator) modulesJSON() map[string]string {
	if ev.modJSON != nil {
		return ev.modJSON
	}
	ev.modJSON = map[string]string{}
	p := ev.opts.ModulesJSON
	if p == "" {
		p = ev.fsys.join(ev.root, ".terraform", "modules", "modules.json")
	}
	data, err := ev.fsys.readFile(p)
	if err != nil {
		return ev.modJSON
	}
	var manifest struct {
		Modules []struct {
			Key string `json:"Key"`
			Dir string `json:"Dir"`
		} `json:"Modules"`
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		ev.diags = append(ev.diags, source.Warnf(p, 0, "module manifest is not valid JSON: %v", err))
		return ev.modJSON
	}
	for _, m := range manifest.Modules {
		if m.Key == "" || m.Dir == "" {
			continue
		}
		// Dir is relative to the directory terraform init ran in, the root.
		dir := m.Dir
		if ev.fsys.fsys == nil {
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(ev.root, filepath.FromSlash(dir))
			}
		} else {
			dir = path.Join(ev.root, dir)
		}
		ev.modJSON[m.Key] = dir
	}
	return ev.modJSON
}

// module returns the parsed module in dir, parsing it once.
func (ev *evaluator) module(dir string) (*module, error) {
	if m, ok := ev.modules[dir]; ok {
		return m, nil
	}
	m, err := parseModule(ev.ctx, ev.fsys, dir)
	if err != nil {
		return nil, err
	}
	ev.modules[dir] = m
	ev.diags = append(ev.diags, m.diags...)
	for file, igs := range m.ignores {
		for _, ig := range danglingIgnores(m, file, igs) {
			ev.diags = append(ev.diags, source.Warnf(file, ig.comment,
				"inline ignore of %s is not on the line above a resource block or one of its attributes: it suppresses nothing", ig.rule))
		}
	}
	return m, nil
}

// evalCall evaluates a module call: each of its instances with its
// arguments, and the outputs the caller sees.
func (in *instance) evalCall(c *call) {
	k := "module." + c.name
	file, line := c.file, c.decl.DefRange.Start.Line
	if c.sourceAtt != nil {
		line = c.sourceAtt.Range.Start.Line
	}
	fail := func(reason string) {
		in.values[k] = cty.DynamicVal
		in.reasons[k] = reason
	}
	key := c.name
	if in.key != "" {
		key = in.key + "." + c.name
	}
	if c.source == "" {
		in.ev.diags = append(in.ev.diags, source.Errorf(file, line, "module %q has no source", c.name))
		fail("module " + c.name + " has no source")
		return
	}
	dir, ok := in.moduleDir(c, key)
	if !ok {
		in.ev.diags = append(in.ev.diags, source.Errorf(file, line,
			"module %q (source %q) not scanned: run terraform init so that .terraform/modules/modules.json records where it is", c.name, c.source))
		fail("module " + c.name + " (source " + c.source + ") is not scanned")
		return
	}
	if slices.Contains(in.stack, dir) || len(in.stack) >= maxDepth {
		in.ev.diags = append(in.ev.diags, source.Errorf(file, line, "module %q calls itself (source %q)", c.name, c.source))
		fail("module " + c.name + " calls itself")
		return
	}
	child, err := in.ev.module(dir)
	if err != nil {
		in.ev.diags = append(in.ev.diags, source.Errorf(file, line, "module %q (source %q) not scanned: %v", c.name, c.source, err))
		fail("module " + c.name + " is not scanned")
		return
	}
	base := in.scope(c.refs, nil)
	keys, ok, reason := in.expand(c.count, c.forEach, base, in.addr+k)
	if !ok {
		in.warnf(file, c.decl.DefRange.Start.Line, "%s: instances not scanned: %s", in.addr+k, reason)
		fail(reason)
		return
	}
	stack := append(slices.Clone(in.stack), in.mod.dir)
	vals := make([]cty.Value, 0, len(keys))
	for _, ik := range keys {
		ectx := base
		if ik.extra != nil {
			ectx = base.NewChild()
			ectx.Variables = ik.extra
		}
		inputs := make(map[string]input, len(c.inputs))
		for name, a := range c.inputs {
			if _, declared := child.vars[name]; !declared {
				in.warnf(file, a.Range.Start.Line, "module %q has no variable %q", c.name, name)
				continue
			}
			v, r := in.evalExpr(a.Expr, ectx, c.inputRefs[name])
			inputs[name] = input{val: v, reason: r}
		}
		addr := in.addr + k
		if ik.keyed {
			addr += indexString(ik.key)
		}
		ci := in.ev.newInstance(child, addr+".", key, stack, inputs)
		ci.run()
		outs := make(map[string]cty.Value, len(child.outputs))
		for name := range child.outputs {
			v, ok := ci.values["output."+name]
			if !ok {
				v = cty.DynamicVal
			}
			outs[name] = v
			if r := ci.reasons["output."+name]; r != "" && in.reasons[k+"."+name] == "" {
				in.reasons[k+"."+name] = r
			}
		}
		vals = append(vals, cty.ObjectVal(outs))
	}
	in.values[k] = collect(c.count, c.forEach, keys, vals)
}
