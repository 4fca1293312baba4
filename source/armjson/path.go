package armjson

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aksguard/aksguard/estate"
)

// obj is a place in a resource's JSON: an object being read, or a member
// that turned out absent. It remembers the property path as the input writes
// it, so that evidence names "properties.aadProfile.managed" in an ARM export
// and "aadProfile.managed" in `az aks show` output, with the input's casing.
type obj struct {
	n    *Node
	path string // from the resource root, e.g. "properties.networkProfile"
	line int    // n's line, or the nearest present ancestor's
	base estate.Loc
	// reason is set when the walk ran into an Unknown node or a value of the
	// wrong kind; everything below is then unresolved for that reason.
	reason string
}

// root returns the obj of a resource's top-level object.
func root(n *Node, base estate.Loc) obj {
	line := 0
	if n != nil {
		line = n.Line
	}
	return obj{n: n, line: line, base: base}
}

// present reports whether the member exists and is not JSON null. ARM and
// the CLI write null for properties that are not set.
func (o obj) present() bool { return o.n != nil && o.n.Kind != Null }

// loc is where o is: the file and line for files, and always the resource ID
// and the property path.
func (o obj) loc() estate.Loc {
	l := o.base
	l.Path = o.path
	if l.File != "" {
		l.Line = o.line
	} else {
		l.Line = 0
	}
	return l
}

// at walks a dotted path of member names, each matched case-insensitively.
func (o obj) at(path string) obj {
	cur := o
	for _, k := range strings.Split(path, ".") {
		cur = cur.member(k)
	}
	return cur
}

func (o obj) member(key string) obj {
	next := obj{path: joinPath(o.path, key), line: o.line, base: o.base, reason: o.reason}
	switch {
	case o.reason != "" || !o.present():
		return next
	case o.n.Kind == Unknown:
		next.reason = unknownReason(o.n)
		return next
	case o.n.Kind != Object:
		next.reason = fmt.Sprintf("%s is %s, not an object", o.name(), kindName(o.n.Kind))
		return next
	}
	f := lookup(o.n, key)
	if f == nil {
		return next
	}
	next.path = joinPath(o.path, f.Key)
	next.n = f.Value
	if f.Value != nil && f.Value.Line > 0 {
		next.line = f.Value.Line
	}
	return next
}

// name is the path for messages ("the resource" at the root).
func (o obj) name() string {
	if o.path == "" {
		return "the resource"
	}
	return o.path
}

// lookup returns the member named key (case-insensitively, the last one when
// several match, as Node.Get does), keeping the key as written.
func lookup(n *Node, key string) *Field {
	var found *Field
	for i := range n.Fields {
		if strings.EqualFold(n.Fields[i].Key, key) {
			found = &n.Fields[i]
		}
	}
	return found
}

func joinPath(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

func unknownReason(n *Node) string {
	if n.Reason != "" {
		return n.Reason
	}
	return "the value is not resolved"
}

func kindName(k Kind) string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "a boolean"
	case Number:
		return "a number"
	case String:
		return "a string"
	case Array:
		return "an array"
	case Object:
		return "an object"
	}
	return "unresolved"
}

// items returns the elements of the array at path, each with its "[i]" path.
// Absent gives none; reason is set when the array is not usable.
func (o obj) items(path string) (elems []obj, at obj, reason string) {
	at = o.at(path)
	switch {
	case at.reason != "":
		return nil, at, at.reason
	case !at.present():
		return nil, at, ""
	case at.n.Kind == Unknown:
		return nil, at, unknownReason(at.n)
	case at.n.Kind != Array:
		return nil, at, fmt.Sprintf("%s is %s, not an array", at.path, kindName(at.n.Kind))
	}
	for i, it := range at.n.Items {
		e := obj{n: it, path: at.path + "[" + strconv.Itoa(i) + "]", line: at.line, base: at.base}
		if it != nil && it.Line > 0 {
			e.line = it.Line
		}
		elems = append(elems, e)
	}
	return elems, at, ""
}

// props returns the object that holds a resource's (or an inline child's)
// settings: its "properties" member in the REST shape, the object itself in
// the CLI's flattened shape. An Unknown "properties" is returned as is, so
// that every setting read from it is unresolved with its reason. ok is false
// when "properties" is there but is neither an object nor unresolved.
func (o obj) props() (p obj, ok bool) {
	if o.reason != "" || !o.present() || o.n.Kind != Object {
		return o, true
	}
	p = o.member("properties")
	switch {
	case !p.present():
		return o, true
	case p.n.Kind == Object || p.n.Kind == Unknown:
		return p, true
	}
	return p, false
}

// field is one setting read from the input: present or not, resolved or not.
type field[T any] struct {
	present bool
	v       T
	loc     estate.Loc
	reason  string // set when present but unresolved or unusable
}

// Or returns the value: the input's when set, def (Azure's documented
// default) when absent, unresolved when set but not resolvable.
func (f field[T]) Or(def T) estate.Value[T] {
	switch {
	case f.reason != "":
		return estate.Unresolved[T](f.loc, f.reason)
	case !f.present:
		return estate.Defaulted(def, f.loc)
	}
	return estate.Set(f.v, f.loc)
}

// OrUnknown is Or for settings that have no default Azure applies or that
// cannot be known offline: absent is unresolved, with why.
func (f field[T]) OrUnknown(why string) estate.Value[T] {
	if !f.present && f.reason == "" {
		return estate.Unresolved[T](f.loc, why)
	}
	return f.Or(f.v)
}

// read converts the member at path with conv; want names the expected kind.
func read[T any](o obj, path, want string, conv func(*Node) (T, bool)) field[T] {
	at := o.at(path)
	f := field[T]{loc: at.loc()}
	switch {
	case at.reason != "":
		f.present, f.reason = true, at.reason
	case !at.present():
	case at.n.Kind == Unknown:
		f.present, f.reason = true, unknownReason(at.n)
	default:
		f.present = true
		v, ok := conv(at.n)
		if !ok {
			f.reason = fmt.Sprintf("%s is %s, not %s", at.path, kindName(at.n.Kind), want)
			return f
		}
		f.v = v
	}
	return f
}

func (o obj) str(path string) field[string] {
	return read(o, path, "a string", func(n *Node) (string, bool) {
		if n.Kind == String {
			return n.Str, true
		}
		return "", false
	})
}

func (o obj) boolean(path string) field[bool] {
	return read(o, path, "a boolean", (*Node).AsBool)
}

func (o obj) integer(path string) field[int] {
	return read(o, path, "a whole number", (*Node).Int)
}

func (o obj) id(path string) field[estate.ResourceID] {
	return conv(o.str(path), func(s string) estate.ResourceID { return estate.ResourceID(s) })
}

// strs reads an array of strings; an Unknown element makes the whole list
// unresolved, since a rule cannot judge a list it sees only in part.
func (o obj) strs(path string) field[[]string] {
	var why string
	f := read(o, path, "an array of strings", func(n *Node) ([]string, bool) {
		if n.Kind != Array {
			return nil, false
		}
		out := make([]string, 0, len(n.Items))
		for _, it := range n.Items {
			switch {
			case it != nil && it.Kind == String:
				out = append(out, it.Str)
			case it != nil && it.Kind == Unknown:
				why = unknownReason(it)
				return nil, true
			default:
				return nil, false
			}
		}
		return out, true
	})
	if why != "" && f.reason == "" {
		f.reason = why
	}
	return f
}

// keys reads the member names of the object at path (userAssignedIdentities
// maps identity IDs to details).
func (o obj) keys(path string) field[[]string] {
	return read(o, path, "an object", func(n *Node) ([]string, bool) {
		if n.Kind != Object {
			return nil, false
		}
		out := make([]string, 0, len(n.Fields))
		for _, f := range n.Fields {
			out = append(out, f.Key)
		}
		return out, true
	})
}

// conv maps a field's value, keeping its presence and location.
func conv[T, U any](f field[T], fn func(T) U) field[U] {
	out := field[U]{present: f.present, loc: f.loc, reason: f.reason}
	if f.present && f.reason == "" {
		out.v = fn(f.v)
	}
	return out
}

// firstPresent returns the first field the input sets (resolved or not), or
// the first one when none is set. It reads settings that have two names.
func firstPresent[T any](fs ...field[T]) field[T] {
	for _, f := range fs {
		if f.present {
			return f
		}
	}
	return fs[0]
}
