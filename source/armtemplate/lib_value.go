package armtemplate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
)

// Deep operations on values: serialization, comparison and copying. Each
// charges the library's work budget per node visited.

// unknownError reports that a deep operation met an Unknown value; callers
// turn it into an Unknown result rather than an evaluation error.
type unknownError struct{ reason string }

func (e *unknownError) Error() string { return e.reason }

// unknownOr returns an Unknown node for an unknownError and passes any other
// error on.
func unknownOr(err error) (*armjson.Node, error) {
	if ue, ok := err.(*unknownError); ok {
		return armjson.UnknownNode(0, ue.reason), nil
	}
	return nil, err
}

// encode renders n as compact JSON, as ARM's string() does.
func (l *Library) encode(n *armjson.Node) (string, error) {
	var b strings.Builder
	if err := l.encodeTo(&b, n, false); err != nil {
		return "", err
	}
	return b.String(), nil
}

func (l *Library) encodeTo(b *strings.Builder, n *armjson.Node, canonical bool) error {
	if err := l.charge(1); err != nil {
		return err
	}
	if b.Len() > maxString {
		return fmt.Errorf("the value is longer than %d characters", maxString)
	}
	switch n.Kind {
	case armjson.Null:
		b.WriteString("null")
	case armjson.Bool:
		b.WriteString(strconv.FormatBool(n.Bool))
	case armjson.Number:
		if canonical {
			if f, ok := asFloat(n); ok {
				b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
				return nil
			}
		}
		b.WriteString(n.Num)
	case armjson.String:
		writeJSONString(b, n.Str)
	case armjson.Array:
		b.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := l.encodeTo(b, it, canonical); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case armjson.Object:
		fields := n.Fields
		if canonical {
			fields = append([]armjson.Field(nil), fields...)
			sort.SliceStable(fields, func(i, j int) bool {
				return strings.ToLower(fields[i].Key) < strings.ToLower(fields[j].Key)
			})
		}
		b.WriteByte('{')
		for i, f := range fields {
			if i > 0 {
				b.WriteByte(',')
			}
			key := f.Key
			if canonical {
				key = strings.ToLower(key)
			}
			writeJSONString(b, key)
			b.WriteByte(':')
			if err := l.encodeTo(b, f.Value, canonical); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		return &unknownError{n.Reason}
	}
	return nil
}

// writeJSONString quotes s as Newtonsoft.Json does: quotes, backslashes and
// control characters are escaped, nothing else.
func writeJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}

// key returns a canonical form of n for duplicate detection; ok is false
// when n holds an Unknown, which equals nothing for certain.
func (l *Library) key(n *armjson.Node) (k string, ok bool, err error) {
	var b strings.Builder
	if err := l.encodeTo(&b, n, true); err != nil {
		if _, unk := err.(*unknownError); unk {
			return "", false, nil
		}
		return "", false, err
	}
	return b.String(), true, nil
}

// equal compares two values deeply. known is false when the answer depends
// on an Unknown. Strings compare case-sensitively, object keys do not, and
// numbers compare by value.
func (l *Library) equal(a, b *armjson.Node) (eq, known bool, err error) {
	if err := l.charge(1); err != nil {
		return false, false, err
	}
	if a.Kind == armjson.Unknown || b.Kind == armjson.Unknown {
		return false, false, nil
	}
	if a.Kind != b.Kind {
		return false, true, nil
	}
	switch a.Kind {
	case armjson.Null:
		return true, true, nil
	case armjson.Bool:
		return a.Bool == b.Bool, true, nil
	case armjson.String:
		return a.Str == b.Str, true, nil
	case armjson.Number:
		fa, _ := asFloat(a)
		fb, _ := asFloat(b)
		return fa == fb, true, nil
	case armjson.Array:
		if len(a.Items) != len(b.Items) {
			return false, true, nil
		}
		known = true
		for i := range a.Items {
			e, k, err := l.equal(a.Items[i], b.Items[i])
			if err != nil {
				return false, false, err
			}
			if k && !e {
				return false, true, nil
			}
			known = known && k
		}
		return known, known, nil
	case armjson.Object:
		if len(a.Fields) != len(b.Fields) {
			return false, true, nil
		}
		known = true
		for _, f := range a.Fields {
			bv := b.Get(f.Key)
			if bv == nil {
				return false, true, nil
			}
			e, k, err := l.equal(f.Value, bv)
			if err != nil {
				return false, false, err
			}
			if k && !e {
				return false, true, nil
			}
			known = known && k
		}
		return known, known, nil
	}
	return false, false, nil
}

// clone copies n deeply with every line set to 0, for values taken from text
// that has its own lines (json()'s argument).
func (l *Library) clone(n *armjson.Node) (*armjson.Node, error) {
	if err := l.charge(1); err != nil {
		return nil, err
	}
	c := *n
	c.Line = 0
	if n.Items != nil {
		c.Items = make([]*armjson.Node, len(n.Items))
		for i, it := range n.Items {
			ci, err := l.clone(it)
			if err != nil {
				return nil, err
			}
			c.Items[i] = ci
		}
	}
	if n.Fields != nil {
		c.Fields = make([]armjson.Field, len(n.Fields))
		for i, f := range n.Fields {
			cv, err := l.clone(f.Value)
			if err != nil {
				return nil, err
			}
			c.Fields[i] = armjson.Field{Key: f.Key, Value: cv}
		}
	}
	return &c, nil
}
