package armtemplate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
)

// Array and object functions. Several take Unknown items in their stride:
// createArray(1, reference(...)) is an array whose second item is Unknown,
// and its length is known.

func fnArray(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	if args[0].Kind == armjson.Array {
		return args[0], nil
	}
	return array(args[0]), nil
}

func fnCreateArray(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	return array(args...), nil
}

func fnCreateObject(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	out := object()
	for i := 0; i+1 < len(args); i += 2 {
		if args[i].Kind == armjson.Unknown {
			return unknownf("%s", args[i].Reason), nil
		}
		k, err := argString(args, i)
		if err != nil {
			return nil, err
		}
		out.Set(k, args[i+1])
	}
	if len(args)%2 != 0 {
		return out, fmt.Errorf("takes key-value pairs, got %d arguments; the last is left out", len(args))
	}
	return out, nil
}

func fnEmpty(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	switch a := args[0]; a.Kind {
	case armjson.Null:
		return boolean(true), nil
	case armjson.String:
		return boolean(a.Str == ""), nil
	case armjson.Array:
		return boolean(len(a.Items) == 0), nil
	case armjson.Object:
		return boolean(len(a.Fields) == 0), nil
	case armjson.Unknown:
		return unknownf("%s", a.Reason), nil
	}
	return nil, fmt.Errorf("argument 1 is %s, want a string, array or object", kindName(args[0]))
}

func fnLength(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	switch a := args[0]; a.Kind {
	case armjson.String:
		return integer(int64(len([]rune(a.Str)))), nil
	case armjson.Array:
		return integer(int64(len(a.Items))), nil
	case armjson.Object:
		return integer(int64(len(a.Fields))), nil
	case armjson.Unknown:
		return unknownf("%s", a.Reason), nil
	}
	return nil, fmt.Errorf("argument 1 is %s, want a string, array or object", kindName(args[0]))
}

// fnContains: a substring (case-sensitive), an array item, or an object key
// (case-insensitive).
func fnContains(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	c, item := args[0], args[1]
	if c.Kind == armjson.Unknown {
		return unknownf("%s", c.Reason), nil
	}
	switch c.Kind {
	case armjson.String, armjson.Object:
		if item.Kind == armjson.Unknown {
			return unknownf("%s", item.Reason), nil
		}
		s, err := l.text(item)
		if err != nil {
			return nil, err
		}
		if c.Kind == armjson.String {
			return boolean(strings.Contains(c.Str, s)), nil
		}
		return boolean(c.Get(s) != nil), nil
	case armjson.Array:
		known := true
		for _, it := range c.Items {
			eq, k, err := l.equal(it, item)
			if err != nil {
				return nil, err
			}
			if eq {
				return boolean(true), nil
			}
			known = known && k
		}
		if !known {
			return unknownf("contains() compares an Unknown value"), nil
		}
		return boolean(false), nil
	}
	return nil, fmt.Errorf("argument 1 is %s, want a string, array or object", kindName(c))
}

// firstLast serves first() and last() on arrays and strings.
func firstLast(last bool) func(*Library, []*armjson.Node) (*armjson.Node, error) {
	return func(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
		switch a := args[0]; a.Kind {
		case armjson.Array:
			if len(a.Items) == 0 {
				return null(), nil
			}
			if last {
				return a.Items[len(a.Items)-1], nil
			}
			return a.Items[0], nil
		case armjson.String:
			r := []rune(a.Str)
			if len(r) == 0 {
				return str(""), nil
			}
			if last {
				return str(string(r[len(r)-1])), nil
			}
			return str(string(r[0])), nil
		}
		return nil, fmt.Errorf("argument 1 is %s, want an array or a string", kindName(args[0]))
	}
}

// takeSkip serves take() and skip() on arrays and strings; counts out of
// range are clamped, as ARM does.
func takeSkip(skip bool) func(*Library, []*armjson.Node) (*armjson.Node, error) {
	return func(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
		n, err := argInt(args, 1)
		if err != nil {
			return nil, err
		}
		cut := func(length int) (int, int) {
			k := int(min(max(n, 0), int64(length)))
			if skip {
				return k, length
			}
			return 0, k
		}
		switch a := args[0]; a.Kind {
		case armjson.Array:
			i, j := cut(len(a.Items))
			return array(a.Items[i:j:j]...), nil
		case armjson.String:
			r := []rune(a.Str)
			i, j := cut(len(r))
			return str(string(r[i:j])), nil
		case armjson.Null:
			return null(), nil
		}
		return nil, fmt.Errorf("argument 1 is %s, want an array or a string", kindName(args[0]))
	}
}

// indexOf serves indexOf() and lastIndexOf(): strings compare
// case-insensitively, array items deeply.
func indexOf(last bool) func(*Library, []*armjson.Node) (*armjson.Node, error) {
	return func(l *Library, args []*armjson.Node) (*armjson.Node, error) {
		switch a := args[0]; a.Kind {
		case armjson.String:
			sub, err := argString(args, 1)
			if err != nil {
				return nil, err
			}
			s, sub := strings.ToLower(a.Str), strings.ToLower(sub)
			if last {
				return integer(int64(strings.LastIndex(s, sub))), nil
			}
			return integer(int64(strings.Index(s, sub))), nil
		case armjson.Array:
			found := int64(-1)
			for i, it := range a.Items {
				eq, _, err := l.equal(it, args[1])
				if err != nil {
					return nil, err
				}
				if eq {
					found = int64(i)
					if !last {
						break
					}
				}
			}
			return integer(found), nil
		}
		return nil, fmt.Errorf("argument 1 is %s, want a string or an array", kindName(args[0]))
	}
}

func fnRange(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	start, err := argInt(args, 0)
	if err != nil {
		return nil, err
	}
	count, err := argInt(args, 1)
	if err != nil {
		return nil, err
	}
	if count < 0 || count > 10000 {
		return nil, fmt.Errorf("the count %d is out of range (0 to 10000)", count)
	}
	out := array()
	for i := range count {
		out.Items = append(out.Items, integer(start+i))
	}
	return out, nil
}

func argObject(args []*armjson.Node, i int) (*armjson.Node, error) {
	if args[i].Kind != armjson.Object {
		return nil, fmt.Errorf("argument %d is %s, want an object", i+1, kindName(args[i]))
	}
	return args[i], nil
}

// fnItems turns an object into [{key, value}], sorted by key as ARM does.
func fnItems(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	o, err := argObject(args, 0)
	if err != nil {
		return nil, err
	}
	fields := append([]armjson.Field(nil), o.Fields...)
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].Key < fields[j].Key })
	out := array()
	for _, f := range fields {
		it := object()
		it.Set("key", str(f.Key))
		it.Set("value", f.Value)
		out.Items = append(out.Items, it)
	}
	return out, nil
}

func fnObjectKeys(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	o, err := argObject(args, 0)
	if err != nil {
		return nil, err
	}
	out := array()
	for _, f := range o.Fields {
		out.Items = append(out.Items, str(f.Key))
	}
	return out, nil
}

// fnShallowMerge merges an array of objects, top-level members only.
func fnShallowMerge(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	if args[0].Kind != armjson.Array {
		return nil, fmt.Errorf("argument 1 is %s, want an array of objects", kindName(args[0]))
	}
	out := object()
	for _, it := range args[0].Items {
		if it.Kind == armjson.Unknown {
			return unknownf("%s", it.Reason), nil
		}
		if it.Kind != armjson.Object {
			return nil, fmt.Errorf("an item is %s, want an object", kindName(it))
		}
		for _, f := range it.Fields {
			out.Set(f.Key, f.Value)
		}
	}
	return out, nil
}

func fnFlatten(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	if args[0].Kind != armjson.Array {
		return nil, fmt.Errorf("argument 1 is %s, want an array of arrays", kindName(args[0]))
	}
	out := array()
	for _, it := range args[0].Items {
		switch it.Kind {
		case armjson.Unknown:
			return unknownf("%s", it.Reason), nil
		case armjson.Array:
			if len(out.Items)+len(it.Items) > maxItems {
				return nil, fmt.Errorf("the result has more than %d items", maxItems)
			}
			out.Items = append(out.Items, it.Items...)
		default:
			return nil, fmt.Errorf("an item is %s, want an array", kindName(it))
		}
	}
	return out, nil
}

func fnJoin(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	if args[0].Kind != armjson.Array {
		return nil, fmt.Errorf("argument 1 is %s, want an array", kindName(args[0]))
	}
	sep, err := argString(args, 1)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	for i, it := range args[0].Items {
		if it.Kind == armjson.Unknown {
			return unknownf("%s", it.Reason), nil
		}
		s, err := l.text(it)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s)
		if b.Len() > maxString {
			return nil, fmt.Errorf("the result is longer than %d characters", maxString)
		}
	}
	return str(b.String()), nil
}

// fnTryGet returns the member or item, or null when it is missing.
func fnTryGet(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	cur := args[0]
	for _, k := range args[1:] {
		switch {
		case cur.Kind == armjson.Unknown:
			return unknownf("%s", cur.Reason), nil
		case k.Kind == armjson.Unknown:
			return unknownf("%s", k.Reason), nil
		case cur.Kind == armjson.Object && k.Kind == armjson.String:
			cur = cur.Get(k.Str)
		case cur.Kind == armjson.Array:
			i, ok := asInt(k)
			if !ok || i < 0 || i >= int64(len(cur.Items)) {
				return null(), nil
			}
			cur = cur.Items[i]
		default:
			return null(), nil
		}
		if cur == nil {
			return null(), nil
		}
	}
	return cur, nil
}

// fnCoalesce returns the first argument that is not null. An Unknown before
// it makes the answer Unknown: it may be null at deployment.
func fnCoalesce(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	for _, a := range args {
		switch a.Kind {
		case armjson.Null:
			continue
		case armjson.Unknown:
			return unknownf("%s", a.Reason), nil
		}
		return a, nil
	}
	return null(), nil
}
