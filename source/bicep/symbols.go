package bicep

import (
	"github.com/aksguard/aksguard/source/armjson"
)

// symRef is a resource or module symbol an expression names: a whole loop
// (aksPools), one instance (aksPools[0], aks, vnet::snet).
type symRef struct {
	res    *resDecl
	insts  []*resInst
	mod    *modDecl
	mods   []*modInst
	single bool
}

// symbol resolves an expression that names a resource or a module. ok is
// false for any other expression, which is then evaluated as a value.
func (s *scope) symbol(e expr, env *locals) (symRef, bool) {
	switch x := e.(type) {
	case *ident:
		if b := env.find(x.name); b != nil {
			if b.res == nil {
				return symRef{}, false
			}
			return symRef{res: b.res, insts: s.expand(b.res, b.parent), single: !b.res.isLoop()}, true
		}
		if s.params[x.name] != nil || s.vars[x.name] != nil {
			return symRef{}, false
		}
		if rd := s.resources[x.name]; rd != nil {
			return symRef{res: rd, insts: s.expand(rd, nil), single: !rd.isLoop()}, true
		}
		if md := s.modules[x.name]; md != nil {
			return symRef{mod: md, mods: s.expandModule(md), single: !md.isLoop()}, true
		}
	case *nonNull:
		return s.symbol(x.x, env)
	case *index:
		base, ok := s.symbol(x.x, env)
		if !ok || base.single {
			return symRef{}, false
		}
		n := len(base.insts)
		if base.mod != nil {
			n = len(base.mods)
		}
		if n == 1 && base.loopUnknown() {
			// The one instance that stands for a loop of unknown length
			// stands for each of its items.
			base.single = true
			return base, true
		}
		i := s.eval(x.i, env)
		k, ok := asInt(i)
		if !ok || i.Kind != armjson.Number || k < 0 || k >= n {
			return symRef{}, false
		}
		if base.mod != nil {
			return symRef{mod: base.mod, mods: base.mods[k : k+1], single: true}, true
		}
		return symRef{res: base.res, insts: base.insts[k : k+1], single: true}, true
	case *resAccess:
		base, ok := s.symbol(x.x, env)
		if !ok || base.res == nil || !base.single || len(base.insts) != 1 {
			return symRef{}, false
		}
		child := base.res.byName[x.name]
		if child == nil {
			return symRef{}, false
		}
		return symRef{res: child, insts: s.expand(child, base.insts[0]), single: !child.isLoop()}, true
	}
	return symRef{}, false
}

func (r symRef) loopUnknown() bool {
	if r.mod != nil {
		return len(r.mods) == 1 && r.mods[0].mark.loop != ""
	}
	return len(r.insts) == 1 && r.insts[0].mark.loop != ""
}

// symbolMember serves members of resources and modules (aks.id,
// mod.outputs.x, mod.name) and of import namespaces (ns.value). ok is false
// when m is a member of a plain value.
func (s *scope) symbolMember(m *member, env *locals) (*armjson.Node, bool) {
	if in, ok := m.x.(*member); ok && in.name == "outputs" {
		if ref, ok := s.symbol(in.x, env); ok && ref.mod != nil {
			if !ref.single || len(ref.mods) != 1 {
				return s.failf(m.p, "module %s is a loop: index it to read its outputs", ref.mod.d.name), true
			}
			return s.moduleOutput(ref.mods[0], m.name, m.p, m.safe), true
		}
	}
	if id, ok := m.x.(*ident); ok && env.find(id.name) == nil {
		if ns, ok := s.nsPaths[id.name]; ok && s.params[id.name] == nil && s.vars[id.name] == nil {
			return s.importedValue(importRef{path: ns.path, name: m.name, p: m.p, registry: ns.registry}, m.p.Line), true
		}
	}
	ref, ok := s.symbol(m.x, env)
	if !ok {
		return nil, false
	}
	if ref.res != nil {
		if !ref.single || len(ref.insts) != 1 {
			return s.failf(m.p, "resource %s is a loop: index it to read .%s", ref.res.d.name, m.name), true
		}
		return s.resMember(ref.insts[0], m.name, m.p.Line), true
	}
	if !ref.single || len(ref.mods) != 1 {
		return s.failf(m.p, "module %s is a loop: index it to read .%s", ref.mod.d.name, m.name), true
	}
	switch m.name {
	case "name":
		return s.moduleName(ref.mods[0]), true
	case "outputs":
		return s.moduleOutputs(ref.mods[0], m.p), true
	}
	return s.failf(m.p, "a module has no member %q (only name and outputs)", m.name), true
}
