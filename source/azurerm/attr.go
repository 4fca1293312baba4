package azurerm

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// resource is a Resource being adapted, with what the adapter learnt about it.
type resource struct {
	*Resource
	dialect dialect
	diags   *source.Diagnostics
}

// dialect is the azurerm major version a resource's attribute names show.
type dialect uint8

const (
	dialectUnknown dialect = iota
	dialectV3
	dialectV4
)

// detect sets r.dialect from attributes only one major version knows.
func (r *resource) detect(v3only, v4only []string) {
	root := r.root()
	for _, p := range v3only {
		if root.walk(p).present() {
			r.dialect = dialectV3
			return
		}
	}
	for _, p := range v4only {
		if root.walk(p).present() {
			r.dialect = dialectV4
			return
		}
	}
}

func (r *resource) warnf(line int, format string, a ...any) {
	*r.diags = append(*r.diags, source.Warnf(r.File, line, "%s: %s", r.Address, fmt.Sprintf(format, a...)))
}

// meta is the resource's identity: its synthetic ID (see SyntheticID), its
// address as name, and its block's location.
func (r *resource) meta() estate.Meta {
	return estate.Meta{
		ID:      estate.ResourceID(SyntheticID(r.Type, ScopedAddress(r.Config, r.Address), r.Values)),
		Name:    r.Address,
		Source:  estate.SourceTerraform,
		Loc:     estate.Loc{File: r.File, Line: r.Line},
		Ignores: r.Ignores,
	}
}

// childMeta is the identity of a block declared inside the resource (the
// default node pool, an inline subnet, NSG rule or route). It shares the
// resource's ignores, so that an ignore comment in the block applies to it.
func (r *resource) childMeta(id estate.ResourceID, name string, at node) estate.Meta {
	return estate.Meta{
		ID:      id,
		Name:    name,
		Source:  estate.SourceTerraform,
		Loc:     estate.Loc{File: r.File, Line: at.line},
		Ignores: r.Ignores,
	}
}

// node is a place in a resource's attribute tree: an attribute or block
// being read, or one that turned out absent.
type node struct {
	r *resource
	v cty.Value // cty.NilVal when absent
	// path is the attribute path as a user reads it: block lists of one
	// element are not indexed ("network_profile.network_plugin"), repeated
	// blocks are ("security_rule[2].priority").
	path string
	// key is the path in Resource.Attrs: "network_profile.0.network_plugin".
	key string
	// line is the node's line, or the nearest present ancestor's.
	line int
	// reason is set when the walk ran into an unknown value: everything
	// below it is unresolved for that reason.
	reason string
}

func (r *resource) root() node {
	return node{r: r, v: unmark(r.Values), line: r.Line}
}

// unmark drops the marks (sensitive, ...) the evaluator puts on a value, one
// level at a time as the reader walks: cty refuses to read marked values.
func unmark(v cty.Value) cty.Value {
	if v != cty.NilVal && v.IsMarked() {
		v, _ = v.Unmark()
	}
	return v
}

// present reports whether the node exists and is not null; an unknown value
// is present.
func (n node) present() bool { return n.v != cty.NilVal && !n.v.IsNull() }

// loc is where the node is.
func (n node) loc() estate.Loc {
	return estate.Loc{File: n.r.File, Line: n.line, Path: n.path}
}

// walk follows a dotted path of attribute names.
func (n node) walk(path string) node {
	for _, name := range strings.Split(path, ".") {
		n = n.at(name)
	}
	return n
}

// at returns the attribute name of n. When n is a block list, its first
// block is read: single blocks such as network_profile are lists of one.
func (n node) at(name string) node {
	if n.present() && n.reason == "" && n.v.IsKnown() && isList(n.v.Type()) {
		n = n.index(0, false)
	}
	next := node{r: n.r, path: join(n.path, name), key: join(n.key, name), line: n.line, reason: n.reason}
	switch {
	case n.reason != "" || !n.present():
		return next
	case !n.v.IsKnown():
		next.reason = n.unknownReason()
		return next
	}
	t := n.v.Type()
	switch {
	case t.IsObjectType() && t.HasAttribute(name):
		next.v = unmark(n.v.GetAttr(name))
	case t.IsMapType():
		if k := cty.StringVal(name); n.v.HasIndex(k).True() {
			next.v = unmark(n.v.Index(k))
		}
	}
	if next.present() {
		next.line = n.r.lineOf(next.key, n.line)
	}
	return next
}

// index returns the i-th element of the list (or set) n; show says whether
// the user path names the index.
func (n node) index(i int, show bool) node {
	next := node{r: n.r, path: n.path, key: n.key + "." + strconv.Itoa(i), line: n.line, reason: n.reason}
	if show {
		next.path = fmt.Sprintf("%s[%d]", n.path, i)
	}
	if n.reason != "" || !n.present() {
		return next
	}
	if !n.v.IsKnown() {
		next.reason = n.unknownReason()
		return next
	}
	j := 0
	for it := n.v.ElementIterator(); it.Next(); j++ {
		if j == i {
			_, e := it.Element()
			next.v = unmark(e)
			break
		}
	}
	if next.present() {
		next.line = n.r.lineOf(next.key, n.line)
	}
	return next
}

// block returns the single block name (a list of one, or an object).
func (n node) block(name string) node {
	b := n.at(name)
	if b.present() && b.reason == "" && b.v.IsKnown() && isList(b.v.Type()) {
		return b.index(0, false)
	}
	return b
}

// blocks returns the elements of the repeated block (or list attribute)
// name, each with its index in the user path. reason is set when the list
// itself is not known (a dynamic block over an unknown collection).
func (n node) blocks(name string) (elems []node, at node, reason string) {
	at = n.at(name)
	switch {
	case at.reason != "":
		return nil, at, at.reason
	case !at.present():
		return nil, at, ""
	case !at.v.IsKnown():
		return nil, at, at.unknownReason()
	case !isList(at.v.Type()):
		if at.v.Type().IsObjectType() {
			return []node{at}, at, ""
		}
		return nil, at, fmt.Sprintf("%s is %s, not a block", at.path, typeName(at.v))
	}
	for i := 0; i < at.v.LengthInt(); i++ {
		elems = append(elems, at.index(i, true))
	}
	return elems, at, ""
}

// has reports whether the block or attribute name is present (a block list
// with at least one block); an unknown value counts as present.
func (n node) has(name string) bool {
	c := n.at(name)
	if !c.present() {
		return false
	}
	if c.v.IsKnown() && isList(c.v.Type()) {
		return c.v.LengthInt() > 0
	}
	return true
}

// alt returns the first of several names of one setting that is present
// (the azurerm 4.x name first, then the 3.x ones). When none is, the
// returned node is named as the resource's dialect would name it.
func (n node) alt(names ...string) node {
	var first node
	for i, name := range names {
		c := n.walk(name)
		if i == 0 {
			first = c
		}
		if c.present() || c.reason != "" {
			return c
		}
	}
	if len(names) > 1 {
		v4, v3 := names[0], names[len(names)-1]
		switch n.r.dialect {
		case dialectV3:
			first.path = join(n.path, v3)
		case dialectV4:
			first.path = join(n.path, v4)
		default:
			first.path = fmt.Sprintf("%s (azurerm 3.x: %s)", join(n.path, v4), join(n.path, v3))
		}
	}
	return first
}

// unknownReason says why the value at n is not known, from what the reader
// recorded for it, its descendants or its ancestors.
func (n node) unknownReason() string {
	if why := n.r.reasonOf(n.key); why != "" {
		return why
	}
	return n.path + " is not known before apply"
}

func (r *resource) reasonOf(key string) string {
	info := r.Attrs[key]
	switch {
	case info.Reason != "":
		return info.Reason
	case info.Expr != "":
		return info.Expr + " is not known before apply"
	}
	// An unknown value inside the attribute, or an unknown block around it.
	var below []string
	for k, i := range r.Attrs {
		if i.Reason != "" && (key == "" || strings.HasPrefix(k, key+".")) {
			below = append(below, k)
		}
	}
	if len(below) > 0 {
		sort.Strings(below)
		return r.Attrs[below[0]].Reason
	}
	for k := key; strings.Contains(k, "."); {
		k = k[:strings.LastIndexByte(k, '.')]
		if why := r.Attrs[k].Reason; why != "" {
			return why
		}
	}
	return ""
}

// lineOf is the line of the attribute at key ("default_node_pool.0" may be
// recorded as "default_node_pool" too), else def.
func (r *resource) lineOf(key string, def int) int {
	if i, ok := r.Attrs[key]; ok && i.Line > 0 {
		return i.Line
	}
	if k, ok := strings.CutSuffix(key, ".0"); ok {
		if i, ok := r.Attrs[k]; ok && i.Line > 0 {
			return i.Line
		}
	}
	return def
}

// field is one setting read from the input: present or not, resolved or not.
type field[T any] struct {
	present bool
	v       T
	loc     estate.Loc
	reason  string // set when present but unresolved or unusable
}

// Or returns the value: the input's when set, def (the provider's
// documented default) when absent, unresolved when set but not known.
func (f field[T]) Or(def T) estate.Value[T] {
	switch {
	case f.reason != "":
		return estate.Unresolved[T](f.loc, f.reason)
	case !f.present:
		return estate.Defaulted(def, f.loc)
	}
	return estate.Set(f.v, f.loc)
}

// OrUnknown is Or for settings the provider leaves to Azure: absent is
// unresolved, with why.
func (f field[T]) OrUnknown(why string) estate.Value[T] {
	if !f.present && f.reason == "" {
		return estate.Unresolved[T](f.loc, why)
	}
	return f.Or(*new(T))
}

// read converts the value at n.
func read[T any](n node, conv func(cty.Value) (T, bool)) field[T] {
	f := field[T]{present: n.present() || n.reason != "", loc: n.loc()}
	switch {
	case n.reason != "":
		f.reason = n.reason
	case !f.present:
	case !n.v.IsWhollyKnown():
		f.reason = n.unknownReason()
	default:
		leaf, _ := n.v.UnmarkDeep() // a list may hold marked elements
		v, ok := conv(leaf)
		if !ok {
			f.reason = fmt.Sprintf("%s is %s, which the provider does not accept here", n.path, typeName(n.v))
			n.r.warnf(n.line, "%s", f.reason)
		}
		f.v = v
	}
	return f
}

func (n node) boolean(names ...string) field[bool]  { return read(n.alt(names...), toBool) }
func (n node) str(names ...string) field[string]    { return read(n.alt(names...), toStr) }
func (n node) integer(names ...string) field[int]   { return read(n.alt(names...), toInt) }
func (n node) strs(names ...string) field[[]string] { return read(n.alt(names...), toStrs) }
func (n node) id(names ...string) field[estate.ResourceID] {
	return read(n.alt(names...), func(v cty.Value) (estate.ResourceID, bool) {
		s, ok := toStr(v)
		return estate.ResourceID(s), ok
	})
}

// strMap reads a map of strings; values that are not known are left out.
func (n node) strMap(name string) map[string]string {
	c := n.at(name)
	if !c.present() || !c.v.IsKnown() || !c.v.CanIterateElements() {
		return nil
	}
	out := make(map[string]string)
	for it := c.v.ElementIterator(); it.Next(); {
		k, v := it.Element()
		k, v = unmark(k), unmark(v)
		if !k.IsKnown() || k.Type() != cty.String || !v.IsWhollyKnown() || v.IsNull() {
			continue
		}
		if s, ok := toStr(v); ok {
			out[k.AsString()] = s
		}
	}
	return out
}

// keys returns the keys of a map or object attribute, sorted; ok is false
// when the map is not known.
func (n node) keys(name string) (keys []string, present, ok bool) {
	c := n.at(name)
	switch {
	case c.reason != "":
		return nil, true, false
	case !c.present():
		return nil, false, true
	case !c.v.IsKnown() || !c.v.CanIterateElements():
		return nil, true, false
	}
	for it := c.v.ElementIterator(); it.Next(); {
		k, _ := it.Element()
		if k = unmark(k); k.IsKnown() && k.Type() == cty.String {
			keys = append(keys, k.AsString())
		}
	}
	sort.Strings(keys)
	return keys, true, true
}
