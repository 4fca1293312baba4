package armtemplate

import (
	"fmt"

	"github.com/aksguard/aksguard/source/armjson"
)

// Set functions: union and intersection of arrays and objects.

// fnUnion merges objects (nested objects recursively, later values winning)
// or joins arrays without duplicates.
func fnUnion(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	switch args[0].Kind {
	case armjson.Object:
		out := object()
		for i, a := range args {
			if a.Kind == armjson.Null {
				continue
			}
			if a.Kind != armjson.Object {
				return nil, fmt.Errorf("argument %d is %s; union merges objects or arrays, not both", i+1, kindName(a))
			}
			merged, err := l.merge(out, a)
			if err != nil {
				return nil, err
			}
			out = merged
		}
		return out, nil
	case armjson.Array:
		out := array()
		seen := map[string]bool{}
		for i, a := range args {
			if a.Kind == armjson.Null {
				continue
			}
			if a.Kind != armjson.Array {
				return nil, fmt.Errorf("argument %d is %s; union merges objects or arrays, not both", i+1, kindName(a))
			}
			for _, it := range a.Items {
				k, ok, err := l.key(it)
				if err != nil {
					return nil, err
				}
				if ok && seen[k] {
					continue
				}
				seen[k] = ok
				out.Items = append(out.Items, it)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("argument 1 is %s, want an object or an array", kindName(args[0]))
}

// merge returns a copy of a with b's members merged in: members that are
// objects on both sides merge recursively, anything else is replaced.
func (l *Library) merge(a, b *armjson.Node) (*armjson.Node, error) {
	if err := l.charge(len(a.Fields) + len(b.Fields)); err != nil {
		return nil, err
	}
	out := &armjson.Node{Kind: armjson.Object, Line: a.Line, Fields: append([]armjson.Field(nil), a.Fields...)}
	for _, f := range b.Fields {
		if cur := out.Get(f.Key); cur != nil && cur.Kind == armjson.Object && f.Value.Kind == armjson.Object {
			m, err := l.merge(cur, f.Value)
			if err != nil {
				return nil, err
			}
			out.Set(f.Key, m)
			continue
		}
		out.Set(f.Key, f.Value)
	}
	return out, nil
}

// fnIntersection keeps the array items, or the object members with equal
// values, that every argument has.
func fnIntersection(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	first := args[0]
	for i, a := range args {
		if a.Kind != first.Kind || a.Kind != armjson.Array && a.Kind != armjson.Object {
			return nil, fmt.Errorf("argument %d is %s; intersection takes all arrays or all objects", i+1, kindName(a))
		}
	}
	if first.Kind == armjson.Object {
		out := object()
	fields:
		for _, f := range first.Fields {
			for _, a := range args[1:] {
				v := a.Get(f.Key)
				if v == nil {
					continue fields
				}
				eq, known, err := l.equal(f.Value, v)
				if err != nil {
					return nil, err
				}
				if !known {
					return unknownf("intersection() compares an Unknown value"), nil
				}
				if !eq {
					continue fields
				}
			}
			out.Set(f.Key, f.Value)
		}
		return out, nil
	}
	sets := make([]map[string]bool, len(args)-1)
	for i, a := range args[1:] {
		sets[i] = map[string]bool{}
		for _, it := range a.Items {
			k, ok, err := l.key(it)
			if err != nil {
				return nil, err
			}
			if !ok {
				return unknownf("intersection() compares an Unknown value"), nil
			}
			sets[i][k] = true
		}
	}
	out := array()
	seen := map[string]bool{}
items:
	for _, it := range first.Items {
		k, ok, err := l.key(it)
		if err != nil {
			return nil, err
		}
		if !ok {
			return unknownf("intersection() compares an Unknown value"), nil
		}
		if seen[k] {
			continue
		}
		for _, s := range sets {
			if !s[k] {
				continue items
			}
		}
		seen[k] = true
		out.Items = append(out.Items, it)
	}
	return out, nil
}
