package azurerm

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/estate"
)

// The conversions accept what Terraform itself converts for an argument of
// the provider's type: "true" for a bool, "3" for a number.

func toBool(v cty.Value) (bool, bool) {
	switch v.Type() {
	case cty.Bool:
		return v.True(), true
	case cty.String:
		// Terraform converts "true" and "false" for boolean arguments.
		b, err := strconv.ParseBool(v.AsString())
		return b, err == nil
	}
	return false, false
}

func toInt(v cty.Value) (int, bool) {
	switch v.Type() {
	case cty.Number:
		f := v.AsBigFloat()
		if !f.IsInt() {
			return 0, false
		}
		i, acc := f.Int64()
		return int(i), acc == big.Exact
	case cty.String:
		i, err := strconv.Atoi(strings.TrimSpace(v.AsString()))
		return i, err == nil
	}
	return 0, false
}

func toStr(v cty.Value) (string, bool) {
	switch v.Type() {
	case cty.String:
		return v.AsString(), true
	case cty.Number:
		return v.AsBigFloat().Text('f', -1), true
	case cty.Bool:
		return strconv.FormatBool(v.True()), true
	}
	return "", false
}

func toStrs(v cty.Value) ([]string, bool) {
	if !isList(v.Type()) {
		return nil, false
	}
	out := []string{}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() {
			continue
		}
		s, ok := toStr(e)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// isList reports whether t is a list, set or tuple: how nested blocks and
// list attributes arrive.
func isList(t cty.Type) bool { return t.IsListType() || t.IsSetType() || t.IsTupleType() }

func typeName(v cty.Value) string {
	switch t := v.Type(); {
	case t.IsObjectType():
		return "an object"
	case isList(t):
		return "a list"
	case t.IsMapType():
		return "a map"
	default:
		return "a " + t.FriendlyName()
	}
}

func join(base, name string) string {
	if base == "" {
		return name
	}
	return base + "." + name
}

func toIDs(ss []string) []estate.ResourceID {
	if ss == nil {
		return nil
	}
	out := make([]estate.ResourceID, len(ss))
	for i, s := range ss {
		out[i] = estate.ResourceID(s)
	}
	return out
}

// conv maps a field's value, keeping its presence and location.
func conv[A, B any](f field[A], fn func(A) B) field[B] {
	return field[B]{present: f.present, v: fn(f.v), loc: f.loc, reason: f.reason}
}
