package bicep

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source/armjson"
	"github.com/aksguard/aksguard/source/armtemplate"
)

// Modules from local paths are evaluated in place, each instance with its
// parameters and deployment target, as the compiled template's nested
// deployments are; their resources join the estate with locations in the
// module's own file. Registry modules (br:) and template specs (ts:) cannot
// be fetched: each is reported, and the rest is still scanned.

type modDecl struct {
	d       *moduleDecl
	s       *scope
	state   uint8
	insts   []*modInst
	ignores []estate.InlineIgnore
}

type modInst struct {
	decl    *modDecl
	env     *locals
	body    *objectLit
	skip    bool
	mark    marks
	indexes []int

	state  uint8 // load(): 0 pending, 1 loading, 2 done
	child  *scope
	reason string // why child is nil
	json   string // the path of an ARM JSON template module
}

func (md *modDecl) isLoop() bool {
	_, ok := md.d.body.(*forExpr)
	return ok
}

func (s *scope) expandModule(md *modDecl) []*modInst {
	switch md.state {
	case 1:
		s.ev.warn(s.name, md.d.p.Line, "module %s refers to itself", md.d.name)
		return nil
	case 2:
		return md.insts
	}
	md.state = 1
	mk := func(env *locals, body *objectLit, in modInst) *modInst {
		in.decl, in.env, in.body = md, env, body
		if in.body == nil {
			in.body = &objectLit{p: md.d.p}
		}
		return &in
	}
	base := modInst{mark: s.mark}
	switch b := md.d.body.(type) {
	case *objectLit:
		md.insts = []*modInst{mk(nil, b, base)}
	case *ifBody:
		in := base
		s.condition(b, nil, &in.skip, &in.mark)
		md.insts = []*modInst{mk(nil, b.body, in)}
	case *forExpr:
		one := func(env *locals, in modInst) *modInst {
			body, _ := b.body.(*objectLit)
			if ib, ok := b.body.(*ifBody); ok {
				s.condition(ib, env, &in.skip, &in.mark)
				body = ib.body
			}
			return mk(env, body, in)
		}
		items, reason := s.loopItems(b, nil)
		if reason != "" {
			s.ev.warn(s.name, b.p.Line, "the loop of module %s cannot be resolved (%s); one instance with unknown values stands for all", md.d.name, reason)
			in := base
			in.mark = in.mark.merge(marks{loop: md.d.name, loopReason: reason, loopLine: b.p.Line})
			u := armjson.UnknownNode(b.p.Line, reason)
			env := (*locals)(nil).bind(b.item, u)
			if b.index != "" {
				env = env.bind(b.index, u)
			}
			md.insts = []*modInst{one(env, in)}
			break
		}
		for i, it := range items {
			in := base
			in.indexes = []int{i}
			md.insts = append(md.insts, one(loopEnv(b, nil, it, i), in))
		}
	}
	md.state = 2
	return md.insts
}

// isRegistry reports whether a module path names a registry module or a
// template spec (br:, br/alias:, ts:, ts/alias:).
func isRegistry(p string) bool {
	l := strings.ToLower(p)
	return strings.HasPrefix(l, "br:") || strings.HasPrefix(l, "br/") || strings.HasPrefix(l, "ts:") || strings.HasPrefix(l, "ts/")
}

// load returns the scope of a module instance: its file, evaluated with its
// parameters at its target. nil (with mi.reason) when it cannot be read.
func (s *scope) load(mi *modInst) *scope {
	switch mi.state {
	case 1:
		mi.reason = fmt.Sprintf("module %s refers to itself", mi.decl.d.name)
		return nil
	case 2:
		return mi.child
	}
	mi.state = 1
	defer func() { mi.state = 2 }()
	d := mi.decl.d
	if isRegistry(d.path) {
		s.ev.errorf(s.name, d.pathPos, "module %s (%s) not scanned: registry modules and template specs cannot be fetched; scan the module's source instead", d.name, d.path)
		mi.reason = fmt.Sprintf("module %s (%s) is not scanned", d.name, d.path)
		return nil
	}
	if s.depth+1 > maxNesting {
		s.ev.warn(s.name, d.p.Line, "module %s nests deeper than %d; its resources are not evaluated", d.name, maxNesting)
		mi.reason = fmt.Sprintf("module %s nests too deep", d.name)
		return nil
	}
	if s.ev.modules >= maxModules {
		s.ev.warn(s.name, d.p.Line, "more than %d module instances; module %s and the rest are not evaluated", maxModules, d.name)
		mi.reason = fmt.Sprintf("module %s is beyond the module limit", d.name)
		return nil
	}
	s.ev.modules++
	p := resolvePath(s.name, d.path)
	f, err := s.ev.load(p)
	if err != nil {
		s.ev.errorf(s.name, d.pathPos, "module %s (%s) not scanned: %v", d.name, d.path, err)
		mi.reason = fmt.Sprintf("module %s (%s) is not scanned", d.name, d.path)
		return nil
	}
	if f == nil {
		// An ARM JSON template: emit evaluates it; its outputs are not
		// computed.
		mi.json = p
		mi.reason = fmt.Sprintf("module %s (%s) is an ARM template, whose outputs are not computed", d.name, d.path)
		return nil
	}
	dep := s.moduleTarget(mi, f)
	g := given{values: map[string]*armjson.Node{}, lines: map[string]int{}, input: s.name}
	if pp := mi.body.get("params"); pp != nil {
		v := s.eval(pp.value, mi.env)
		switch v.Kind {
		case armjson.Object:
			for _, fl := range v.Fields {
				g.values[fl.Key] = s.ev.relocate(fl.Value, 0)
				g.lines[fl.Key] = fl.Line
			}
		case armjson.Unknown:
			s.ev.warn(s.name, pp.p.Line, "the params of module %s cannot be resolved (%s); the module's parameters are unknown", d.name, v.Reason)
			for _, pd := range f.decls {
				if pd, ok := pd.(*paramDecl); ok {
					g.values[pd.name] = armjson.UnknownNode(0, v.Reason)
				}
			}
		default:
			s.ev.warn(s.name, pp.p.Line, "the params of module %s must be an object, not %s", d.name, kindName(v))
		}
	}
	mi.child = s.ev.newScope(f, dep, s.lib.WithDeployment(dep), g, s.depth+1, mi.mark)
	mi.child.inherited = append(append([]estate.InlineIgnore(nil), s.inherited...), mi.decl.ignores...)
	return mi.child
}

// moduleTarget works out where a module instance deploys: its scope
// property (resourceGroup('x'), subscription(), ...) or the parent's
// target, at the module's targetScope, named by its name property.
func (s *scope) moduleTarget(mi *modInst, f *file) armtemplate.Deployment {
	d := s.dep
	kind, _ := targetScope(f)
	if kind != d.Scope && kind != armtemplate.ResourceGroupScope {
		d.Scope = kind
	}
	if sp := mi.body.get("scope"); sp != nil {
		id := s.scopeOf(sp, mi.env, "module "+mi.decl.d.name)
		if t, ok := scopeOfID(id, d); ok {
			d = t
		} else {
			s.ev.warn(s.name, sp.p.Line, "the scope of module %s is not a resource group, subscription, management group or tenant; its resources use a placeholder scope", mi.decl.d.name)
			d.Scope, d.ResourceGroup = armtemplate.ResourceGroupScope, fmt.Sprintf("unresolved-scope-line-%d", sp.p.Line)
		}
	}
	if n, ok := nameString(s.moduleName(mi)); ok {
		d.Name = n
	} else {
		d.Name = mi.decl.d.name
	}
	return d
}

// moduleName is the deployment's name: the name property, or the symbolic
// name (Bicep generates one when it is left out).
func (s *scope) moduleName(mi *modInst) *armjson.Node {
	if np := mi.body.get("name"); np != nil {
		return place(s.eval(np.value, mi.env), np.p.Line)
	}
	return str(mi.decl.d.name)
}

// moduleOutput reads one output of a module instance.
func (s *scope) moduleOutput(mi *modInst, name string, p Pos, safe bool) *armjson.Node {
	child := s.load(mi)
	if child == nil {
		return armjson.UnknownNode(0, mi.reason)
	}
	sl := child.outputs[name]
	if sl == nil {
		if safe {
			return null()
		}
		return s.failf(p, "module %s has no output %q", mi.decl.d.name, name)
	}
	return s.ev.relocate(child.resolve(sl), 0)
}

func (s *scope) moduleOutputs(mi *modInst, p Pos) *armjson.Node {
	child := s.load(mi)
	if child == nil {
		return armjson.UnknownNode(0, mi.reason)
	}
	o := object()
	for _, d := range child.f.decls {
		if od, ok := d.(*outputDecl); ok {
			o.Set(od.name, s.moduleOutput(mi, od.name, p, false))
		}
	}
	return o
}

// emit appends the resources the scope deploys, in file order, its
// modules' included.
func (s *scope) emit() {
	if s.emitted {
		return
	}
	s.emitted = true
	for _, it := range s.order {
		switch it := it.(type) {
		case *resDecl:
			s.emitResource(it, nil)
		case *modDecl:
			for _, mi := range s.expandModule(it) {
				if mi.skip {
					continue
				}
				if child := s.load(mi); child != nil {
					child.emit()
				} else if mi.json != "" {
					s.armModule(mi, mi.json)
				}
			}
		}
	}
	s.danglingIgnores()
}

func (s *scope) emitResource(rd *resDecl, parent *resInst) {
	for _, inst := range s.expand(rd, parent) {
		if !rd.d.existing && !inst.skip {
			s.emitInst(inst)
		}
		for _, c := range rd.children {
			s.emitResource(c, inst)
		}
	}
}

// templateOnly are members of a resource body that are Bicep syntax, not
// part of the resource ARM creates.
var templateOnly = map[string]bool{"name": true, "parent": true, "scope": true, "dependson": true}

func (s *scope) emitInst(inst *resInst) {
	s.ref(inst)
	rd := inst.decl
	line := rd.d.p.Line
	out := &armjson.Node{Kind: armjson.Object, Line: line}
	add := func(key string, l int, v *armjson.Node) {
		out.Fields = append(out.Fields, armjson.Field{Key: key, Line: l, Value: v})
	}
	add("id", inst.nameLine, &armjson.Node{Kind: armjson.String, Line: inst.nameLine, Str: inst.id})
	if inst.known {
		add("name", inst.nameLine, &armjson.Node{Kind: armjson.String, Line: inst.nameLine, Str: inst.apiName})
	} else {
		add("name", inst.nameLine, place(inst.nameNode, inst.nameLine))
	}
	add("type", line, &armjson.Node{Kind: armjson.String, Line: line, Str: inst.apiType})
	if rd.version != "" {
		add("apiVersion", line, &armjson.Node{Kind: armjson.String, Line: line, Str: rd.version})
	}
	for _, p := range inst.body.props {
		if p.spread != nil {
			v := s.eval(p.spread, inst.env)
			if v.Kind != armjson.Object {
				s.ev.warn(s.name, p.p.Line, "only an object can be spread into a resource, not %s", kindName(v))
				continue
			}
			for _, f := range v.Fields {
				if !templateOnly[strings.ToLower(f.Key)] {
					add(f.Key, p.p.Line, place(f.Value, p.p.Line))
				}
			}
			continue
		}
		key, ok := s.key(p, inst.env)
		if !ok || templateOnly[strings.ToLower(key)] {
			continue
		}
		v := place(s.eval(p.value, inst.env), p.p.Line)
		if !s.ev.walkable(v) {
			v = armjson.UnknownNode(p.p.Line, stoppedReason)
		}
		add(key, p.p.Line, v)
	}
	if m := inst.mark; m.cond != nil {
		s.ev.warn(s.name, m.condLine, "the condition of %s %s cannot be resolved (%s); the resource is kept", inst.typ, inst.name, m.cond.Reason)
		add("condition", m.condLine, place(m.cond, m.condLine))
	}
	if m := inst.mark; m.loop != "" {
		marker := &armjson.Node{Kind: armjson.Object, Line: line}
		marker.Set("name", &armjson.Node{Kind: armjson.String, Line: line, Str: m.loop})
		marker.Set("count", armjson.UnknownNode(line, m.loopReason))
		add("copy", line, marker)
	}
	ign := append(append([]estate.InlineIgnore(nil), s.inherited...), rd.ignores...)
	s.ev.out = append(s.ev.out, armjson.Resource{Node: out, File: s.name, Source: estate.SourceBicep, Ignores: ign})
}
