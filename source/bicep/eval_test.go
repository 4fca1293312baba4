package bicep

import (
	"strings"
	"testing"
)

// TestExpressions checks values as the compiled template would compute
// them: operators through the ARM functions Bicep compiles them to.
func TestExpressions(t *testing.T) {
	tests := []struct {
		name, expr, want string
	}{
		{"precedence", `1 + 2 * 3`, `7`},
		{"parentheses", `(1 + 2) * 3`, `9`},
		{"integer division and modulo", `[10 / 3, 10 % 3]`, `[3,1]`},
		{"unary minus", `[-5 + 2, -(2), 3 - -1]`, `[-3,-2,4]`},
		{"logic", `[!true, true && false || true, 1 < 2 && 2 <= 2, 3 > 4, 4 >= 4]`, `[false,true,true,false,true]`},
		{"equality is case-sensitive", `['a' == 'A', 'a' != 'A']`, `[false,true]`},
		{"=~ ignores case", `['a' =~ 'A', 'a' !~ 'A', 'a' =~ 'b']`, `[true,false,false]`},
		{"?? takes the first non-null", `[null ?? 'x', 'y' ?? 'x', null ?? null ?? 3]`, `["x","y",3]`},
		{"ternary", `[true ? 'a' : 'b', false ? 'a' : 'b']`, `["a","b"]`},
		{"ternary is right-associative", `false ? 1 : true ? 2 : 3`, `2`},
		{"ternary below ??", `null ?? false ? 'yes' : 'no'`, `"no"`},
		{"interpolation renders as format()", `'a${1}b${true}c${'d'}'`, `"a1bTruecd"`},
		{"braces in interpolated text", `'{x}${1}}'`, `"{x}1}"`},
		{"escapes", `'it\'s \${x} \u{41}\t\\'`, `"it's ${x} A\t\\"`},
		{"object keys", `{ a: 1, 'b-c': 2, '${'k'}${1}': 3 }`, `{"a":1,"b-c":2,"k1":3}`},
		{"member and index", `{ a: { b: [10, 20] } }.a.b[1]`, `20`},
		{"property access ignores case as ARM does", `{ Name: 'x' }.name`, `"x"`},
		{"safe dereference", `[{ a: 1 }.?b, { a: 1 }.?a, [1][?5], null.?x]`, `[null,1,null,null]`},
		{"safe dereference chains with ??", `{ a: {} }.a.?b.?c ?? 'd'`, `"d"`},
		{"non-null assertion", `{ a: 1 }.a!`, `1`},
		{"loop", `[for i in range(0, 3): i * 2]`, `[0,2,4]`},
		{"indexed loop", `[for (x, i) in ['a', 'b']: '${x}${i}']`, `["a0","b1"]`},
		{"nested loops", `[for i in range(0, 2): [for j in range(0, 2): i * 10 + j]]`, `[[0,1],[10,11]]`},
		{"filter", `filter([1, 2, 3, 4], x => x % 2 == 0)`, `[2,4]`},
		{"map with index", `map(['a', 'b'], (x, i) => '${i}:${x}')`, `["0:a","1:b"]`},
		{"reduce", `reduce([1, 2, 3], 10, (acc, x) => acc + x)`, `16`},
		{"sort", `sort([3, 1, 2], (a, b) => a < b)`, `[1,2,3]`},
		{"toObject", `toObject([{ n: 'a', v: 1 }], x => x.n, x => x.v)`, `{"a":1}`},
		{"groupBy", `groupBy(['ab', 'ac', 'b'], x => substring(x, 0, 1))`, `{"a":["ab","ac"],"b":["b"]}`},
		{"mapValues", `mapValues({ a: 1 }, v => v + 1)`, `{"a":2}`},
		{"spread", `[[...[1, 2], 3], { ...{ a: 1, b: 1 }, b: 2 }]`, `[[1,2,3],{"a":1,"b":2}]`},
		{"multi-line string", "'''\nline 'one'\n${x}\n'''", `"line 'one'\n${x}\n"`},
		{"library functions", `[toLower('AB'), contains(['a'], 'a'), length('abc'), union({ a: 1 }, { b: 2 })]`, `["ab",true,3,{"a":1,"b":2}]`},
		{"namespaced functions", `[sys.concat('a', 'b'), az.resourceGroup().name]`, `["ab","rg"]`},
		{"deployment placeholders", `[resourceGroup().id, subscription().subscriptionId]`,
			`["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg","00000000-0000-0000-0000-000000000000"]`},
		{"resourceId", `resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet')`,
			`"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet"`},
		{"location is unknown without Options.Location", `resourceGroup().location`, `"?the location is known at deployment"`},
		{"unknown propagates", `'${resourceGroup().location}-x'`, `"?the location is known at deployment"`},
		{"unknown condition", `resourceGroup().location == 'x' ? 1 : 2`, `"?the location is known at deployment"`},
		{"and stops at false", `false && resourceGroup().location == 'x'`, `false`},
		{"any and nameof", `[any(1), nameof(foo)]`, `[1,"foo"]`},
		{"cidrSubnet", `[for i in range(0, 3): cidrSubnet('10.144.0.0/20', 24, i)]`, `["10.144.0.0/24","10.144.1.0/24","10.144.2.0/24"]`},
		{"cidrHost", `[cidrHost('10.144.3.0/24', 0), cidrHost('fdad:3236::/64', 1)]`, `["10.144.3.1","fdad:3236::1"]`},
		{"parseCidr", `parseCidr('10.144.0.0/20')`,
			`{"broadcast":"10.144.15.255","cidr":20,"firstUsable":"10.144.0.1","lastUsable":"10.144.15.254","netmask":"255.255.240.0","network":"10.144.0.0"}`},
		{"known only at deployment", `[utcNow(), newGuid()]`, `["?utcNow() is known at deployment","?newGuid() is known at deployment"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := evalVar(t, files("main.bicep", "var foo = 1\nvar x = "+tt.expr+"\n"), "x")
			if r := render(got); r != tt.want {
				t.Errorf("%s\n got %s\nwant %s\ndiagnostics: %v", tt.expr, r, tt.want, diagStrings(diags))
			}
		})
	}
}

// TestExpressionWarnings checks that what ARM would reject is Unknown with a
// warning at the line, and evaluation goes on.
func TestExpressionWarnings(t *testing.T) {
	tests := []struct {
		name, expr, want, diag string
	}{
		{"missing property", `{ a: 1 }.b`, `?the object has no property "b" (use .?b for an optional one)`, `main.bicep:2: the object has no property "b"`},
		{"index out of range", `[1][3]`, `?index 3 is out of range of an array of 1`, `main.bicep:2: index 3 is out of range`},
		{"undeclared name", `nope`, `?"nope" is not declared`, `main.bicep:2: "nope" is not declared`},
		{"unsupported function", `frobnicate(1)`, `?unsupported function frobnicate()`, `main.bicep:2: unsupported function frobnicate()`},
		{"lambda outside a lambda function", `length(x => x)`, `?a lambda is only an argument of map, filter, reduce, sort, toObject, groupBy or mapValues`, `main.bicep:2: a lambda is only`},
		{"self reference", `x`, `?"x" refers to itself`, `main.bicep:2: "x" refers to itself`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := evalVar(t, files("main.bicep", "var foo = 1\nvar x = "+tt.expr+"\n"), "x")
			if r, _ := plain(got).(string); r != tt.want {
				t.Errorf("%s\n got %s\nwant %s", tt.expr, render(got), tt.want)
			}
			found := false
			for _, d := range diagStrings(diags) {
				found = found || strings.Contains(d, tt.diag)
			}
			if !found {
				t.Errorf("no diagnostic %q in %v", tt.diag, diagStrings(diags))
			}
		})
	}
}

// TestParameterDefaults checks what a parameter without a given value is:
// its default, null when its type is nullable, Unknown (silently) when it
// is @secure(), and Unknown with a warning otherwise.
func TestParameterDefaults(t *testing.T) {
	src := `
param withDefault int = 2 + 1
param nullable string?
param nullableUnion 'a' | 'b' | null
@secure()
param secret string
param missing string
var x = [withDefault, nullable ?? 'fallback', nullableUnion, secret, missing]
`
	got, diags := evalVar(t, files("main.bicep", src), "x")
	want := `[3,"fallback",null,"?secure parameter \"secret\" is given at deployment","?parameter \"missing\" has no value"]`
	if r := render(got); r != want {
		t.Errorf("got %s\nwant %s", r, want)
	}
	if ds := diagStrings(diags); len(ds) != 1 || !strings.Contains(ds[0], `main.bicep:6: parameter "missing" has no default`) {
		t.Errorf("diagnostics = %v, want one warning for missing", ds)
	}
}
