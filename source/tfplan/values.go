package tfplan

import (
	"encoding/json"
	"math/big"
	"sort"
	"strconv"

	"github.com/zclconf/go-cty/cty"
)

// toCty converts a decoded JSON value (numbers as json.Number) into a cty
// value: objects become objects and arrays tuples, as the adapter expects
// of nested blocks.
func toCty(v any) cty.Value {
	switch v := v.(type) {
	case nil:
		return cty.NullVal(cty.DynamicPseudoType)
	case bool:
		return cty.BoolVal(v)
	case string:
		return cty.StringVal(v)
	case json.Number:
		f, _, err := big.ParseFloat(string(v), 10, 512, big.ToNearestEven)
		if err != nil {
			return cty.StringVal(string(v))
		}
		return cty.NumberVal(f)
	case float64:
		return cty.NumberFloatVal(v)
	case []any:
		if len(v) == 0 {
			return cty.EmptyTupleVal
		}
		elems := make([]cty.Value, len(v))
		for i, e := range v {
			elems[i] = toCty(e)
		}
		return cty.TupleVal(elems)
	case map[string]any:
		if len(v) == 0 {
			return cty.EmptyObjectVal
		}
		attrs := make(map[string]cty.Value, len(v))
		for k, e := range v {
			attrs[k] = toCty(e)
		}
		return cty.ObjectVal(attrs)
	}
	return cty.DynamicVal
}

// withUnknown marks the parts of v that after_unknown says are not known
// before apply: true there makes the value unknown (planned_values leaves
// such values out, or null), objects and arrays mark their members.
func withUnknown(v cty.Value, au any) cty.Value {
	switch au := au.(type) {
	case bool:
		if au {
			return cty.DynamicVal
		}
	case map[string]any:
		if len(au) == 0 {
			return v
		}
		var m map[string]cty.Value
		switch {
		case v.IsKnown() && !v.IsNull() && v.Type().IsObjectType():
			m = v.AsValueMap()
			if m == nil {
				m = map[string]cty.Value{}
			}
		case v.IsNull():
			m = map[string]cty.Value{}
		default:
			return v
		}
		keys := make([]string, 0, len(au))
		for k := range au {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		changed := false
		for _, k := range keys {
			sub, ok := au[k]
			if !ok || sub == false {
				continue
			}
			cur, has := m[k]
			if !has {
				cur = cty.NullVal(cty.DynamicPseudoType)
			}
			m[k] = withUnknown(cur, sub)
			changed = true
		}
		if !changed && v.IsNull() {
			return v
		}
		return cty.ObjectVal(m)
	case []any:
		if !v.IsKnown() || v.IsNull() || !(v.Type().IsTupleType() || v.Type().IsListType()) {
			return v
		}
		elems := v.AsValueSlice()
		for i := range elems {
			if i < len(au) {
				elems[i] = withUnknown(elems[i], au[i])
			}
		}
		if len(elems) == 0 {
			return v
		}
		return cty.TupleVal(elems)
	}
	return v
}

func itoa(i int) string { return strconv.Itoa(i) }

func strconvQuote(s string) string { return strconv.Quote(s) }
