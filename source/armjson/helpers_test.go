package armjson

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// valueCase is one adapter expectation: the value a getter finds in the
// estate adapted from src (after mutate, which plants Unknown nodes as a
// template evaluator would).
type valueCase struct {
	name   string
	src    string
	mutate func(root *Node)
	get    func(*estate.Estate) any
	want   any
}

// cmpValues compares values on V, Origin, Reason and Loc.Path; lines are
// checked by the corpus tests.
var cmpValues = cmp.Options{
	cmpopts.IgnoreFields(estate.Loc{}, "File", "Line", "Resource"),
	cmpopts.EquateEmpty(),
}

func runValueCases(t *testing.T, cases []valueCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := adaptJSON(t, tc.src, tc.mutate)
			got := func() (v any) {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("getter found nothing to read: %v", r)
					}
				}()
				return tc.get(e)
			}()
			if diff := cmp.Diff(tc.want, got, cmpValues); diff != "" {
				t.Errorf("value differs (-want +got):\n%s", diff)
			}
		})
	}
}

// adaptJSON parses src, applies mutate and reads it as the exported file
// "test.json"; diagnostics fail the test.
func adaptJSON(t *testing.T, src string, mutate func(*Node)) *estate.Estate {
	t.Helper()
	res := adaptResult(t, src, mutate)
	if len(res.Diagnostics) > 0 {
		t.Fatalf("unexpected diagnostics: %v", res.Diagnostics)
	}
	return res.Estate
}

func adaptResult(t *testing.T, src string, mutate func(*Node)) source.Result {
	t.Helper()
	n, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("test input: %v", err)
	}
	if mutate != nil {
		mutate(n)
	}
	return readNode("test.json", n)
}

// set, def and unknown build expected values.
func set[T any](v T, path string) estate.Value[T] { return estate.Set(v, estate.Loc{Path: path}) }
func def[T any](v T, path string) estate.Value[T] {
	return estate.Defaulted(v, estate.Loc{Path: path})
}
func unknown[T any](path, reason string) estate.Value[T] {
	return estate.Unresolved[T](estate.Loc{Path: path}, reason)
}

// plant replaces the member at the dotted path (its parent must exist) with
// an Unknown node.
func plant(path, reason string) func(*Node) {
	return func(root *Node) {
		parent, key := root, path
		for i := len(path) - 1; i >= 0; i-- {
			if path[i] == '.' {
				parent, key = root.Path(path[:i]), path[i+1:]
				break
			}
		}
		parent.Set(key, UnknownNode(1, reason))
	}
}

const sourceWarning = source.Warning

func cmpDiff(want, got any) string { return cmp.Diff(want, got, cmpValues) }
