package armtemplate

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
)

// String functions.

func fnConcat(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	if args[0].Kind == armjson.Array || args[0].Kind == armjson.Null && len(args) > 1 && args[1].Kind == armjson.Array {
		out := array()
		for i, a := range args {
			switch a.Kind {
			case armjson.Array:
				if len(out.Items)+len(a.Items) > maxItems {
					return nil, fmt.Errorf("the result has more than %d items", maxItems)
				}
				out.Items = append(out.Items, a.Items...)
			case armjson.Null:
			default:
				return nil, fmt.Errorf("argument %d is %s; concat joins arrays or strings, not both", i+1, kindName(a))
			}
		}
		return out, l.charge(len(out.Items))
	}
	var b strings.Builder
	for i, a := range args {
		if a.Kind == armjson.Array || a.Kind == armjson.Object {
			return nil, fmt.Errorf("argument %d is %s; concat joins arrays or strings, not both", i+1, kindName(a))
		}
		s, err := l.text(a)
		if err != nil {
			return nil, err
		}
		if b.Len()+len(s) > maxString {
			return nil, fmt.Errorf("the result is longer than %d characters", maxString)
		}
		b.WriteString(s)
	}
	return str(b.String()), nil
}

// fnFormat implements .NET composite formatting: {0}, {0,-8}, {0:D2}, with
// {{ and }} for literal braces.
func fnFormat(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	f, err := argString(args, 0)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c == '{' && i+1 < len(f) && f[i+1] == '{':
			b.WriteByte('{')
			i++
		case c == '}' && i+1 < len(f) && f[i+1] == '}':
			b.WriteByte('}')
			i++
		case c == '{':
			end := strings.IndexByte(f[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("unclosed '{' in the format string")
			}
			s, err := l.formatItem(f[i+1:i+end], args[1:])
			if err != nil {
				return nil, err
			}
			b.WriteString(s)
			i += end
		case c == '}':
			return nil, fmt.Errorf("unmatched '}' in the format string")
		default:
			b.WriteByte(c)
		}
		if b.Len() > maxString {
			return nil, fmt.Errorf("the result is longer than %d characters", maxString)
		}
	}
	return str(b.String()), nil
}

// formatItem renders one {index[,alignment][:format]} item.
func (l *Library) formatItem(spec string, args []*armjson.Node) (string, error) {
	idxText, fmtSpec, _ := strings.Cut(spec, ":")
	idxText, align, hasAlign := strings.Cut(idxText, ",")
	idx, err := strconv.Atoi(strings.TrimSpace(idxText))
	if err != nil || idx < 0 || idx >= len(args) {
		return "", fmt.Errorf("format item {%s} has no matching argument", spec)
	}
	a := args[idx]
	s, err := l.text(a)
	if err != nil {
		return "", err
	}
	if fmtSpec != "" && a.Kind == armjson.Number {
		if v, ok := asInt(a); ok {
			width, _ := strconv.Atoi(fmtSpec[1:])
			width = min(max(width, 0), 64)
			switch fmtSpec[0] {
			case 'D', 'd':
				s = fmt.Sprintf("%0*d", width, v)
			case 'X':
				s = fmt.Sprintf("%0*X", width, v)
			case 'x':
				s = fmt.Sprintf("%0*x", width, v)
			}
		}
	}
	if hasAlign {
		w, err := strconv.Atoi(strings.TrimSpace(align))
		if err == nil && w >= -maxString && w <= maxString {
			if w < 0 && len(s) < -w {
				s += strings.Repeat(" ", -w-len(s))
			} else if w > len(s) {
				s = strings.Repeat(" ", w-len(s)) + s
			}
		}
	}
	return s, nil
}

func stringFunc(f func(string) string) func(*Library, []*armjson.Node) (*armjson.Node, error) {
	return func(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
		s, err := argString(args, 0)
		if err != nil {
			return nil, err
		}
		return str(f(s)), nil
	}
}

func fnSplit(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := argString(args, 0)
	if err != nil {
		return nil, err
	}
	var seps []string
	switch d := args[1]; d.Kind {
	case armjson.String:
		seps = []string{d.Str}
	case armjson.Array:
		for _, it := range d.Items {
			if it.Kind != armjson.String {
				return nil, fmt.Errorf("the delimiters must be strings, one is %s", kindName(it))
			}
			seps = append(seps, it.Str)
		}
	default:
		return nil, fmt.Errorf("argument 2 is %s, want a string or an array of strings", kindName(d))
	}
	parts := []string{s}
	for _, sep := range seps {
		if sep == "" {
			continue
		}
		// Each delimiter rescans every part: charge for it, and stop at
		// the item limit, or many delimiters over a string cut into
		// thousands of parts take forever.
		if err := l.charge(len(parts)); err != nil {
			return nil, err
		}
		next := make([]string, 0, len(parts))
		for _, p := range parts {
			if !strings.Contains(p, sep) {
				next = append(next, p)
				continue
			}
			next = append(next, strings.Split(p, sep)...)
			if len(next) > maxItems {
				return nil, fmt.Errorf("the result has more than %d items", maxItems)
			}
		}
		parts = next
	}
	out := array()
	for _, p := range parts {
		out.Items = append(out.Items, str(p))
	}
	return out, nil
}

func fnReplace(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	var s [3]string
	for i := range s {
		v, err := argString(args, i)
		if err != nil {
			return nil, err
		}
		s[i] = v
	}
	if s[1] == "" {
		return nil, fmt.Errorf("the string to replace is empty")
	}
	if n := strings.Count(s[0], s[1]); n > 0 && len(s[0])+n*(len(s[2])-len(s[1])) > maxString {
		return nil, fmt.Errorf("the result is longer than %d characters", maxString)
	}
	return str(strings.ReplaceAll(s[0], s[1], s[2])), nil
}

func fnSubstring(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := argString(args, 0)
	if err != nil {
		return nil, err
	}
	r := []rune(s)
	start, err := argInt(args, 1)
	if err != nil {
		return nil, err
	}
	length := int64(len(r)) - start
	if len(args) > 2 {
		if length, err = argInt(args, 2); err != nil {
			return nil, err
		}
	}
	if start < 0 || length < 0 || start > int64(len(r)) || start+length > int64(len(r)) {
		return nil, fmt.Errorf("start %d and length %d are out of range of a %d-character string", start, length, len(r))
	}
	return str(string(r[start : start+length])), nil
}

// stringPredicate wraps startsWith and endsWith, which ARM compares
// case-insensitively.
func stringPredicate(f func(s, affix string) bool) func(*Library, []*armjson.Node) (*armjson.Node, error) {
	return func(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
		s, err := argString(args, 0)
		if err != nil {
			return nil, err
		}
		a, err := argString(args, 1)
		if err != nil {
			return nil, err
		}
		return boolean(f(strings.ToLower(s), strings.ToLower(a))), nil
	}
}

func fnPadLeft(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	if args[0].Kind != armjson.String && args[0].Kind != armjson.Number {
		return nil, fmt.Errorf("argument 1 is %s, want a string or an integer", kindName(args[0]))
	}
	s, _ := l.text(args[0])
	n, err := argInt(args, 1)
	if err != nil {
		return nil, err
	}
	if n > maxString {
		return nil, fmt.Errorf("the length %d is too large", n)
	}
	pad := " "
	if len(args) > 2 {
		if pad, err = argString(args, 2); err != nil {
			return nil, err
		}
		if len([]rune(pad)) != 1 {
			return nil, fmt.Errorf("the padding must be one character, got %q", pad)
		}
	}
	if short := int(n) - len([]rune(s)); short > 0 {
		s = strings.Repeat(pad, short) + s
	}
	return str(s), nil
}

func fnString(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := l.text(args[0])
	if err != nil {
		return unknownOr(err)
	}
	return str(s), nil
}

// stringArgs returns every argument as a string: uniqueString and guid
// take only strings.
func stringArgs(args []*armjson.Node) ([]string, error) {
	out := make([]string, len(args))
	for i := range args {
		s, err := argString(args, i)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

func fnUniqueString(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := stringArgs(args)
	if err != nil {
		return nil, err
	}
	return str(uniqueString(s...)), nil
}

func fnGUID(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := stringArgs(args)
	if err != nil {
		return nil, err
	}
	return str(templateGUID(s...)), nil
}
