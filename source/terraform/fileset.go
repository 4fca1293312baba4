package terraform

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// Bounds of fileset, so that a pattern over a huge tree or a pattern built
// to explode cannot stall the scan.
const (
	maxFilesetFiles    = 10000
	maxFilesetPatterns = 64
)

// filesetFunc is Terraform's fileset(path, pattern): the regular files
// under path whose path relative to it matches pattern, as a set of
// slash-separated relative paths. Patterns are those of Terraform's
// (doublestar's): *, ?, [class], {alt,ernatives} and ** for any number of
// directories. A path that does not exist gives the empty set.
func (ev *evaluator) filesetFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Set(cty.String)),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			pattern := args[1].AsString()
			pats, err := expandBraces(pattern)
			if err != nil {
				return cty.NilVal, fmt.Errorf("invalid pattern %q: %w", pattern, err)
			}
			split := make([][]string, len(pats))
			for i, p := range pats {
				split[i] = strings.Split(path.Clean(p), "/")
				for _, seg := range split[i] {
					if _, err := path.Match(seg, ""); err != nil {
						return cty.NilVal, fmt.Errorf("invalid pattern %q: %w", pattern, err)
					}
				}
			}
			var out []cty.Value
			n := 0
			var walk func(dir, rel string) error
			walk = func(dir, rel string) error {
				entries, err := ev.fsys.readDir(dir)
				if err != nil {
					return nil // no such directory: nothing matches
				}
				for _, e := range entries {
					r := path.Join(rel, e.Name())
					if e.IsDir() {
						if err := walk(ev.fsys.join(dir, e.Name()), r); err != nil {
							return err
						}
						continue
					}
					if !e.Type().IsRegular() {
						continue
					}
					if n++; n > maxFilesetFiles {
						return fmt.Errorf("more than %d files under %s", maxFilesetFiles, args[0].AsString())
					}
					name := strings.Split(r, "/")
					if slices.ContainsFunc(split, func(p []string) bool { return globMatch(p, name) }) {
						out = append(out, cty.StringVal(r))
					}
				}
				return nil
			}
			if err := walk(ev.resolve(args[0].AsString()), ""); err != nil {
				return cty.NilVal, err
			}
			if len(out) == 0 {
				return cty.SetValEmpty(cty.String), nil
			}
			return cty.SetVal(out), nil
		},
	})
}

// globMatch matches a path, split at "/", against a pattern split the same
// way, where a "**" segment matches any number of segments.
func globMatch(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for len(pat) > 1 && pat[1] == "**" {
				pat = pat[1:]
			}
			for i := 0; i <= len(name); i++ {
				if globMatch(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// expandBraces expands the {a,b} alternatives of a pattern into the
// patterns they stand for.
func expandBraces(p string) ([]string, error) {
	open := strings.IndexByte(p, '{')
	if open < 0 {
		if strings.IndexByte(p, '}') >= 0 {
			return nil, errors.New("unmatched }")
		}
		return []string{p}, nil
	}
	depth, last := 0, open+1
	var alts []string
	for i := open; i < len(p); i++ {
		switch p[i] {
		case '{':
			depth++
		case ',':
			if depth == 1 {
				alts = append(alts, p[last:i])
				last = i + 1
			}
		case '}':
			if depth--; depth == 0 {
				alts = append(alts, p[last:i])
				var out []string
				for _, a := range alts {
					more, err := expandBraces(p[:open] + a + p[i+1:])
					if err != nil {
						return nil, err
					}
					if out = append(out, more...); len(out) > maxFilesetPatterns {
						return nil, fmt.Errorf("more than %d alternatives", maxFilesetPatterns)
					}
				}
				return out, nil
			}
		}
	}
	return nil, errors.New("unmatched {")
}
