package armtemplate

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
)

// Members of a template resource that are template syntax, not part of the
// resource ARM creates.
var templateOnly = map[string]bool{
	"condition": true, "copy": true, "dependson": true, "resources": true,
	"scope": true, "comments": true, "existing": true, "name": true, "type": true,
}

// resourceList returns the entries of a template's resources: an array, or
// for languageVersion 2.0 templates an object keyed by symbolic name.
func (ev *evaluator) resourceList(tmpl *armjson.Node) []*armjson.Node {
	rs := tmpl.Get("resources")
	if rs == nil {
		return nil
	}
	switch rs.Kind {
	case armjson.Array:
		return rs.Items
	case armjson.Object:
		// languageVersion 2.0 keys resources by symbolic name; an empty
		// object is taken as no resources, as ARM does.
		if tmpl.Get("languageVersion") != nil || len(rs.Fields) == 0 {
			out := make([]*armjson.Node, 0, len(rs.Fields))
			for _, f := range rs.Fields {
				out = append(out, f.Value)
			}
			return out
		}
	}
	ev.errorf(ev.file, rs.Line, "the template's resources must be an array, not %s", kindName(rs))
	return nil
}

// resources evaluates a list of template resources deployed to target.
// parent is set for resources nested in another's "resources".
func (s *scope) resources(list []*armjson.Node, target Deployment, parent *resourceRef, lp *loop) {
	for _, r := range list {
		if r.Kind != armjson.Object {
			s.ev.errorf(s.ev.file, r.Line, "a resource must be an object, not %s", kindName(r))
			continue
		}
		if ex := r.Get("existing"); ex != nil && ex.Kind == armjson.Bool && ex.Bool {
			continue // a reference to a resource deployed elsewhere
		}
		c := r.Get("copy")
		if c == nil {
			s.resource(r, target, parent, lp)
			continue
		}
		if c.Kind != armjson.Object {
			s.ev.errorf(s.ev.file, c.Line, "a resource's copy must be an object, not %s", kindName(c))
			continue
		}
		name := "copy"
		if n := s.evalValue(c.Get("name"), lp); n != nil && n.Kind == armjson.String {
			name = n.Str
		}
		count, known, reason := s.copyCount(c.Get("count"), lp, c.Line, name)
		if !known {
			s.ev.warn(s.ev.file, c.Line, "resource copy loop %q cannot be resolved; one instance with unknown values stands for all", name)
			s.resource(r, target, parent, &loop{name: name, resource: true, reason: reason, outer: lp})
			continue
		}
		for i := range count {
			s.resource(r, target, parent, &loop{name: name, index: i, known: true, resource: true, outer: lp})
		}
	}
}

// resource evaluates one template resource (one copy iteration).
func (s *scope) resource(r *armjson.Node, target Deployment, parent *resourceRef, lp *loop) {
	ev := s.ev
	var condition *armjson.Node
	if c := r.Get("condition"); c != nil {
		v := s.evalValue(c, lp)
		b, ok := v.AsBool()
		switch {
		case ok && v.Kind != armjson.String && !b:
			// Not deployed; children still are (ARM does not cascade
			// conditions), so they need this resource's type and name.
			if r.Get("resources") != nil {
				if ref, _, ok := s.ref(r, parent, lp, false); ok {
					s.children(r, target, ref, lp)
				}
			}
			return
		case ok && v.Kind != armjson.String:
		case v.Kind == armjson.Unknown:
			condition = v
		default:
			ev.warn(ev.file, c.Line, "a resource condition must be a bool, not %s", kindName(v))
			condition = armjson.UnknownNode(c.Line, "the condition is not a bool")
		}
	}
	ref, name, ok := s.ref(r, parent, lp, true)
	if !ok {
		return
	}
	typNode, nameNode := r.Get("type"), r.Get("name")
	if condition != nil {
		ev.warn(ev.file, r.Get("condition").Line, "the condition of %s %s cannot be resolved (%s); the resource is kept", ref.typ, ref.name, condition.Reason)
	}
	if strings.EqualFold(ref.typ, "Microsoft.Resources/deployments") {
		s.deployment(r, *ref, target, lp)
		return
	}
	scope := ""
	if sc := r.Get("scope"); sc != nil {
		v := s.evalValue(sc, lp)
		if v.Kind != armjson.String {
			// A placeholder scope matches no resource: leaving the
			// scope out would extend the resource group instead.
			ev.warn(ev.file, sc.Line, "the scope of %s %s cannot be resolved (%s); its ID uses a placeholder scope", ref.typ, ref.name, reasonOf(v))
			scope = fmt.Sprintf("%s/unresolved-scope-line-%d", target.ScopeID(), sc.Line)
		} else {
			scope = v.Str
		}
	}
	id, apiType, apiName, err := resourceID(target, *ref, scope)
	if err != nil {
		ev.warn(ev.file, nameNode.Line, "%v", err)
	}
	out := &armjson.Node{Kind: armjson.Object, Line: r.Line}
	add := func(key string, line int, v *armjson.Node) {
		out.Fields = append(out.Fields, armjson.Field{Key: key, Line: line, Value: v})
	}
	add("id", nameNode.Line, &armjson.Node{Kind: armjson.String, Line: nameNode.Line, Str: id})
	if ref.known {
		add("name", nameNode.Line, &armjson.Node{Kind: armjson.String, Line: nameNode.Line, Str: apiName})
	} else {
		add("name", nameNode.Line, name)
	}
	add("type", typNode.Line, &armjson.Node{Kind: armjson.String, Line: typNode.Line, Str: apiType})
	for _, f := range r.Fields {
		if templateOnly[strings.ToLower(f.Key)] {
			continue
		}
		v := s.evalValue(f.Value, lp)
		if !ev.walkable(v) {
			v = armjson.UnknownNode(v.Line, stoppedReason)
		}
		add(f.Key, f.Line, v)
	}
	// Markers the adapter can read: a condition or a loop count that could
	// not be resolved.
	if condition != nil {
		add("condition", r.Get("condition").Line, condition)
	}
	for l := lp; l != nil; l = l.outer {
		if l.resource && !l.known {
			marker := object()
			marker.Set("name", str(l.name))
			marker.Set("count", armjson.UnknownNode(0, l.reason))
			add("copy", r.Line, place(marker, r.Line))
			break
		}
	}
	ev.out = append(ev.out, out)
	s.children(r, target, ref, lp)
}

// ref evaluates a resource's type and name and joins them with its
// parent's. ok is false (with a diagnostic when warn is set) when the type
// cannot be resolved.
func (s *scope) ref(r *armjson.Node, parent *resourceRef, lp *loop, warn bool) (ref *resourceRef, name *armjson.Node, ok bool) {
	ev := s.ev
	typNode, nameNode := r.Get("type"), r.Get("name")
	if typNode == nil || nameNode == nil {
		ev.errorf(ev.file, r.Line, "a resource needs a type and a name")
		return nil, nil, false
	}
	typ := s.evalValue(typNode, lp)
	if typ.Kind != armjson.String || strings.Trim(typ.Str, "/") == "" {
		if warn {
			ev.warn(ev.file, typNode.Line, "the resource's type cannot be resolved (%s); the resource is skipped", reasonOf(typ))
		}
		return nil, nil, false
	}
	name = s.evalValue(nameNode, lp)
	rf := resourceRef{typ: strings.Trim(typ.Str, "/"), known: true}
	switch name.Kind {
	case armjson.String:
		rf.name = strings.Trim(name.Str, "/")
	case armjson.Number:
		rf.name = name.Num
	default:
		rf.known = false
	}
	if parent != nil {
		rf = childRef(*parent, rf.typ, rf.name, rf.known)
	}
	if !rf.known {
		rf.name = placeholderName(rf.typ, nameNode.Line, lp)
		// A deployment's name is no resource ID in the estate: no warning.
		if warn && !strings.EqualFold(rf.typ, "Microsoft.Resources/deployments") {
			ev.warn(ev.file, nameNode.Line, "the name of a %s cannot be resolved (%s); its ID uses a placeholder", rf.typ, reasonOf(name))
		}
	}
	return &rf, name, true
}

// children evaluates the resources nested in r, whose type and name are
// parent's.
func (s *scope) children(r *armjson.Node, target Deployment, parent *resourceRef, lp *loop) {
	kids := r.Get("resources")
	if kids == nil {
		return
	}
	if kids.Kind != armjson.Array {
		s.ev.errorf(s.ev.file, kids.Line, "a resource's resources must be an array, not %s", kindName(kids))
		return
	}
	s.resources(kids.Items, target, parent, lp)
}

// reasonOf says why a value is not usable as a name or type.
func reasonOf(v *armjson.Node) string {
	if v.Kind == armjson.Unknown {
		return v.Reason
	}
	return fmt.Sprintf("it is %s", kindName(v))
}
