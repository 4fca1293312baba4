package bicep

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source/armjson"
)

// Resources. A declaration expands into instances (one, or one per loop
// item) per instance of its lexical parent; an instance's type, name and ID
// are resolved on first use, so that resources may refer to each other in
// any order (parent:, scope:, aks.id), and its body is evaluated when it is
// emitted as the ARM resource JSON the compiled template would deploy.

// marks are what a resource inherits that could not be resolved: a
// condition (its own, a lexical parent's or a module's) or a loop of unknown
// length. They become the "condition" and "copy" members the ARM evaluator
// writes for the same cases.
type marks struct {
	cond       *armjson.Node
	condLine   int
	loop       string
	loopReason string
	loopLine   int
}

// merge returns m with what o adds.
func (m marks) merge(o marks) marks {
	if m.cond == nil {
		m.cond, m.condLine = o.cond, o.condLine
	}
	if m.loop == "" {
		m.loop, m.loopReason, m.loopLine = o.loop, o.loopReason, o.loopLine
	}
	return m
}

type resDecl struct {
	d        *resourceDecl
	s        *scope
	typ      string // as written (a nested resource's may be relative)
	version  string
	children []*resDecl
	byName   map[string]*resDecl
	exp      map[*resInst]*expansion
	ignores  []estate.InlineIgnore
}

type expansion struct {
	state uint8
	insts []*resInst
}

type resInst struct {
	decl    *resDecl
	env     *locals // the body's names: loop variables, nested resources
	body    *objectLit
	parent  *resInst // the lexical parent
	skip    bool     // its condition is false
	mark    marks
	indexes []int // the indexes of the known loops it is in, for placeholders

	state    uint8 // ref(): 0 pending, 1 resolving, 2 done
	typ      string
	name     string // all segments ("vnet/snet")
	nameNode *armjson.Node
	nameLine int
	known    bool
	scope    string
	id       string
	apiType  string
	apiName  string
}

func (s *scope) newResDecl(d *resourceDecl, parent *resDecl) *resDecl {
	rd := &resDecl{d: d, s: s, byName: map[string]*resDecl{}, exp: map[*resInst]*expansion{}}
	rd.typ, rd.version = splitType(d.typ)
	if rd.version == "" && parent != nil && !isFullType(rd.typ) {
		rd.version = parent.version // a nested type written relative to its parent
	}
	var body *objectLit
	switch b := d.body.(type) {
	case *objectLit:
		body = b
	case *ifBody:
		body = b.body
	case *forExpr:
		switch fb := b.body.(type) {
		case *objectLit:
			body = fb
		case *ifBody:
			body = fb.body
		}
	}
	if body != nil {
		for _, c := range body.resources {
			cd := s.newResDecl(c, rd)
			rd.children = append(rd.children, cd)
			rd.byName[c.name] = cd
		}
	}
	var nested [][2]int
	for _, c := range rd.children {
		nested = append(nested, [2]int{c.d.first.Line, c.d.end.Line})
	}
	rd.ignores = s.declIgnores(d.first.Line, d.end.Line, nested)
	return rd
}

func (rd *resDecl) isLoop() bool {
	_, ok := rd.d.body.(*forExpr)
	return ok
}

// expand returns the instances of rd nested in parent (nil at the top).
func (s *scope) expand(rd *resDecl, parent *resInst) []*resInst {
	if e := rd.exp[parent]; e != nil {
		if e.state == 1 {
			s.ev.warn(s.name, rd.d.p.Line, "resource %s refers to itself", rd.d.name)
			return nil
		}
		return e.insts
	}
	e := &expansion{state: 1}
	rd.exp[parent] = e
	var env *locals
	base := resInst{mark: s.mark}
	if parent != nil {
		env, base.skip, base.mark, base.indexes = parent.env, parent.skip, parent.mark, parent.indexes
	}
	switch b := rd.d.body.(type) {
	case *objectLit:
		e.insts = []*resInst{s.newInst(rd, parent, env, b, base)}
	case *ifBody:
		in := base
		s.condition(b, env, &in.skip, &in.mark)
		e.insts = []*resInst{s.newInst(rd, parent, env, b.body, in)}
	case *forExpr:
		e.insts = s.loopInsts(rd, parent, env, b, base)
	}
	e.state = 2
	return e.insts
}

// loopInsts expands a resource loop: one instance per item, or one that
// stands for all when the array cannot be resolved.
func (s *scope) loopInsts(rd *resDecl, parent *resInst, env *locals, f *forExpr, base resInst) []*resInst {
	items, reason := s.loopItems(f, env)
	one := func(inner *locals, in resInst) *resInst {
		body, _ := f.body.(*objectLit)
		if ib, ok := f.body.(*ifBody); ok {
			s.condition(ib, inner, &in.skip, &in.mark)
			body = ib.body
		}
		return s.newInst(rd, parent, inner, body, in)
	}
	if reason != "" {
		s.ev.warn(s.name, f.p.Line, "the loop of %s cannot be resolved (%s); one instance with unknown values stands for all", rd.d.name, reason)
		in := base
		in.mark = in.mark.merge(marks{loop: rd.d.name, loopReason: reason, loopLine: f.p.Line})
		u := armjson.UnknownNode(f.p.Line, reason)
		inner := env.bind(f.item, u)
		if f.index != "" {
			inner = inner.bind(f.index, u)
		}
		return []*resInst{one(inner, in)}
	}
	out := make([]*resInst, 0, len(items))
	for i, it := range items {
		in := base
		in.indexes = append(append([]int(nil), base.indexes...), i)
		out = append(out, one(loopEnv(f, env, it, i), in))
	}
	return out
}

// condition evaluates if (cond): false skips the instance, Unknown marks it.
func (s *scope) condition(b *ifBody, env *locals, skip *bool, m *marks) {
	c := s.eval(b.cond, env)
	switch {
	case c.Kind == armjson.Bool && !c.Bool:
		*skip = true
	case c.Kind == armjson.Bool:
	case c.Kind == armjson.Unknown:
		*m = m.merge(marks{cond: armjson.UnknownNode(b.p.Line, c.Reason), condLine: b.p.Line})
	default:
		s.ev.warn(s.name, b.p.Line, "a condition must be a bool, not %s", kindName(c))
		*m = m.merge(marks{cond: armjson.UnknownNode(b.p.Line, "the condition is not a bool"), condLine: b.p.Line})
	}
}

func (s *scope) newInst(rd *resDecl, parent *resInst, env *locals, body *objectLit, in resInst) *resInst {
	inst := &in
	inst.decl, inst.parent, inst.body = rd, parent, body
	if inst.body == nil {
		inst.body = &objectLit{p: rd.d.p}
	}
	for _, c := range rd.children {
		env = &locals{name: c.d.name, res: c, parent: inst, outer: env}
	}
	inst.env = env
	return inst
}

// ref resolves an instance's type, name, scope and ID.
func (s *scope) ref(inst *resInst) {
	switch inst.state {
	case 2:
		return
	case 1:
		s.ev.warn(s.name, inst.decl.d.p.Line, "the name of resource %s refers to itself", inst.decl.d.name)
		inst.nameNode = unknownf("the name of resource %s refers to itself", inst.decl.d.name)
		return
	}
	inst.state = 1
	defer func() { inst.state = 2 }()
	rd := inst.decl
	inst.nameLine = rd.d.p.Line
	if np := inst.body.get("name"); np != nil {
		inst.nameLine = np.p.Line
		inst.nameNode = place(s.eval(np.value, inst.env), np.p.Line)
	} else {
		s.ev.warn(s.name, rd.d.p.Line, "resource %s has no name", rd.d.name)
		inst.nameNode = armjson.UnknownNode(rd.d.p.Line, fmt.Sprintf("resource %s has no name", rd.d.name))
	}
	name, known := nameString(inst.nameNode)
	ownKnown := known
	inst.typ = rd.typ
	parent := inst.parent
	if parent == nil {
		if pp := inst.body.get("parent"); pp != nil {
			ref, ok := s.symbol(pp.value, inst.env)
			if ok && ref.res != nil && ref.single {
				parent = ref.insts[0]
			} else {
				s.ev.warn(s.name, pp.p.Line, "the parent of %s must be a resource", rd.d.name)
			}
		}
	}
	if parent != nil {
		s.ref(parent)
		inst.typ = childType(parent.typ, rd.typ)
		if !isFullType(rd.typ) || known && len(strings.Split(name, "/")) < len(strings.Split(inst.typ, "/"))-1 {
			name = parent.name + "/" + name
		}
		known = known && parent.known
		inst.scope = parent.scope
	} else if sp := inst.body.get("scope"); sp != nil {
		inst.scope = s.scopeOf(sp, inst.env, rd.d.name)
	}
	inst.known = known
	switch {
	case !known && !ownKnown && parent != nil && parent.known:
		// Only the child's own segments are unknown: keeping the parent's
		// keeps the child joined to it (a node pool to its cluster).
		own := len(strings.Split(inst.typ, "/")) - len(strings.Split(parent.typ, "/"))
		name = parent.name + "/" + placeholderName(strings.Repeat("x/", own)+"x", inst.nameLine, inst.indexes)
	case !known:
		name = placeholderName(inst.typ, inst.nameLine, inst.indexes)
	}
	if !known {
		if !inst.skip && inst.mark.loop == "" {
			s.ev.warn(s.name, inst.nameLine, "the name of a %s cannot be resolved (%s); its ID uses a placeholder", inst.typ, reasonOf(unresolvedName(inst, parent)))
		}
	}
	inst.name = name
	var err error
	inst.id, inst.apiType, inst.apiName, err = resourceID(s.dep, inst.typ, name, inst.scope)
	if err != nil {
		s.ev.warn(s.name, inst.nameLine, "%v", err)
	}
}

// unresolvedName returns the name node that could not be resolved: the
// instance's, or its parent's.
func unresolvedName(inst, parent *resInst) *armjson.Node {
	if _, ok := nameString(inst.nameNode); !ok || parent == nil {
		return inst.nameNode
	}
	return parent.nameNode
}

// nameString reads a resolved name (a string, or a number as ARM allows).
func nameString(n *armjson.Node) (string, bool) {
	switch n.Kind {
	case armjson.String:
		return strings.Trim(n.Str, "/"), strings.Trim(n.Str, "/") != ""
	case armjson.Number:
		return n.Num, true
	}
	return "", false
}

// scopeOf evaluates a resource's scope: a resource it extends (aks), a
// resource group or subscription (resourceGroup('x'), subscription()), or
// an ID. What cannot be resolved gives a placeholder scope, which matches no
// resource: leaving the scope out would extend the resource group instead.
func (s *scope) scopeOf(sp *prop, env *locals, what string) string {
	if ref, ok := s.symbol(sp.value, env); ok && ref.res != nil && ref.single {
		t := ref.insts[0]
		s.ref(t)
		if t.known {
			return t.id
		}
		return s.placeholderScope(sp, what, unresolvedName(t, t.parent))
	}
	v := s.eval(sp.value, env)
	switch {
	case v.Kind == armjson.String && v.Str != "":
		return v.Str
	case v.Kind == armjson.Object:
		if id := v.Get("id"); id != nil && id.Kind == armjson.String {
			return id.Str
		}
		if v.Get("tenantId") != nil && v.Get("id") == nil {
			return "/" // tenant()
		}
		if id := v.Get("id"); id != nil {
			v = id
		}
	}
	return s.placeholderScope(sp, what, v)
}

func (s *scope) placeholderScope(sp *prop, what string, v *armjson.Node) string {
	s.ev.warn(s.name, sp.p.Line, "the scope of %s cannot be resolved (%s); its ID uses a placeholder scope", what, reasonOf(v))
	return fmt.Sprintf("%s/unresolved-scope-line-%d", s.dep.ScopeID(), sp.p.Line)
}

// resMember reads a member of a resource: id, name, type and apiVersion are
// known before deployment, as the compiled template computes them; the rest
// (properties, location, ...) is reference(), read at deployment.
func (s *scope) resMember(inst *resInst, name string, line int) *armjson.Node {
	s.ref(inst)
	switch name {
	case "id":
		if !inst.known {
			return armjson.UnknownNode(0, reasonOf(unresolvedName(inst, inst.parent)))
		}
		return str(inst.id)
	case "name":
		return inst.nameNode
	case "type":
		return str(inst.typ)
	case "apiVersion":
		return str(inst.decl.version)
	}
	return armjson.UnknownNode(line, "reference() is resolved at deployment")
}

// refValue is a resource or module used as a value (output o object =
// aks): a resource's known members with its deployed state Unknown, a
// module's name and outputs. A whole loop gives an array.
func (s *scope) refValue(ref symRef, line int) *armjson.Node {
	var items []*armjson.Node
	if ref.res != nil {
		for _, inst := range ref.insts {
			o := object()
			for _, k := range []string{"id", "name", "type", "apiVersion"} {
				o.Set(k, s.resMember(inst, k, line))
			}
			o.Set("properties", armjson.UnknownNode(line, "reference() is resolved at deployment"))
			items = append(items, o)
		}
	} else {
		for _, mi := range ref.mods {
			o := object()
			o.Set("name", s.moduleName(mi))
			o.Set("outputs", s.moduleOutputs(mi, Pos{Line: line}))
			items = append(items, o)
		}
	}
	if !ref.single {
		return &armjson.Node{Kind: armjson.Array, Items: items}
	}
	if len(items) != 1 {
		return unknownf("the symbol refers to itself")
	}
	return items[0]
}
