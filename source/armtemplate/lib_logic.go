package armtemplate

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
)

// Logical, comparison and numeric functions.

// fnIf picks a branch. When the condition is Unknown the result is known
// only if both branches are the same.
func fnIf(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	c := args[0]
	if c.Kind == armjson.Unknown {
		eq, known, err := l.equal(args[1], args[2])
		if err != nil {
			return nil, err
		}
		if eq && known {
			return args[1], nil
		}
		return unknownf("%s", c.Reason), nil
	}
	b, err := argBool(args, 0)
	if err != nil {
		return nil, err
	}
	if b {
		return args[1], nil
	}
	return args[2], nil
}

// andOr serves and() and or(): a known false (for and) or true (for or)
// decides the result whatever the Unknown arguments are.
func andOr(isOr bool) func(*Library, []*armjson.Node) (*armjson.Node, error) {
	return func(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
		var unknown *armjson.Node
		for i, a := range args {
			if a.Kind == armjson.Unknown {
				if unknown == nil {
					unknown = a
				}
				continue
			}
			b, err := argBool(args, i)
			if err != nil {
				return nil, err
			}
			if b == isOr {
				return boolean(isOr), nil
			}
		}
		if unknown != nil {
			return unknownf("%s", unknown.Reason), nil
		}
		return boolean(!isOr), nil
	}
}

func fnNot(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	b, err := argBool(args, 0)
	if err != nil {
		return nil, err
	}
	return boolean(!b), nil
}

func fnBool(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	a := args[0]
	if b, ok := a.AsBool(); ok {
		return boolean(b), nil
	}
	if i, ok := asInt(a); ok && a.Kind == armjson.Number {
		return boolean(i != 0), nil
	}
	return nil, fmt.Errorf("cannot convert %s to a bool", kindName(a))
}

func fnInt(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	a := args[0]
	if i, ok := asInt(a); ok {
		return integer(i), nil
	}
	if f, ok := asFloat(a); ok && !math.IsInf(f, 0) && !math.IsNaN(f) && math.Abs(f) < 1<<62 {
		return integer(int64(f)), nil
	}
	return nil, fmt.Errorf("cannot convert %s to an integer", kindName(a))
}

func fnFloat(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	a := args[0]
	switch a.Kind {
	case armjson.Number:
		return &armjson.Node{Kind: armjson.Number, Num: a.Num}, nil
	case armjson.String:
		if f, err := strconv.ParseFloat(strings.TrimSpace(a.Str), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return float(f), nil
		}
	}
	return nil, fmt.Errorf("cannot convert %s to a number", kindName(a))
}

func fnEquals(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	eq, known, err := l.equal(args[0], args[1])
	if err != nil {
		return nil, err
	}
	if !known {
		if u := firstUnknown(args); u != nil {
			return u, nil
		}
		return unknownf("equals() compares an Unknown value"), nil
	}
	return boolean(eq), nil
}

// compare serves greater, greaterOrEquals, less and lessOrEquals on numbers
// and on strings (ordinal).
func compare(ok func(c int) bool) func(*Library, []*armjson.Node) (*armjson.Node, error) {
	return func(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
		a, b := args[0], args[1]
		if a.Kind == armjson.String && b.Kind == armjson.String {
			return boolean(ok(strings.Compare(a.Str, b.Str))), nil
		}
		fa, okA := asFloat(a)
		fb, okB := asFloat(b)
		if !okA || !okB {
			return nil, fmt.Errorf("cannot compare %s with %s", kindName(a), kindName(b))
		}
		c := 0
		if fa < fb {
			c = -1
		} else if fa > fb {
			c = 1
		}
		return boolean(ok(c)), nil
	}
}

// arith serves add, sub, mul, div and mod on integers, as ARM's are 64-bit
// integers; div truncates.
func arith(op byte) func(*Library, []*armjson.Node) (*armjson.Node, error) {
	return func(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
		a, err := argInt(args, 0)
		if err != nil {
			return nil, err
		}
		b, err := argInt(args, 1)
		if err != nil {
			return nil, err
		}
		switch op {
		case '+':
			return integer(a + b), nil
		case '-':
			return integer(a - b), nil
		case '*':
			return integer(a * b), nil
		}
		if b == 0 {
			return nil, fmt.Errorf("division by zero")
		}
		if a == math.MinInt64 && b == -1 {
			return nil, fmt.Errorf("integer overflow")
		}
		if op == '/' {
			return integer(a / b), nil
		}
		return integer(a % b), nil
	}
}

// minMax serves min() and max() over integer arguments or one array.
func minMax(isMax bool) func(*Library, []*armjson.Node) (*armjson.Node, error) {
	return func(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
		vals := args
		if len(args) == 1 && args[0].Kind == armjson.Array {
			vals = args[0].Items
		}
		if len(vals) == 0 {
			return nil, fmt.Errorf("no values to compare")
		}
		var best *armjson.Node
		var bestF float64
		for _, v := range vals {
			if v.Kind == armjson.Unknown {
				return unknownf("%s", v.Reason), nil
			}
			f, ok := asFloat(v)
			if !ok {
				return nil, fmt.Errorf("cannot compare %s", kindName(v))
			}
			if best == nil || isMax && f > bestF || !isMax && f < bestF {
				best, bestF = v, f
			}
		}
		return best, nil
	}
}

func constant(make func() *armjson.Node) func(*Library, []*armjson.Node) (*armjson.Node, error) {
	return func(*Library, []*armjson.Node) (*armjson.Node, error) { return make(), nil }
}
