// Package dockerfile reads Dockerfiles with buildkit's parser into the estate:
// one estate.Dockerfile per file, with its build stages.
//
// Global ARGs (those before the first FROM) are substituted into FROM as
// buildkit does, with their defaults. A base that depends on an ARG without a
// default (set only by --build-arg) or on a platform ARG the builder sets
// (TARGETARCH, ...) is unresolved, with the reason.
//
// A comment "# aksguard:ignore AKS-IMG-04 reason" anywhere in the file
// suppresses that rule's findings on the Dockerfile.
package dockerfile

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// builderArgs are the ARGs buildkit defines for every build from the build
// and target platforms: their value depends on the machine and --platform.
var builderArgs = map[string]bool{
	"BUILDPLATFORM": true, "BUILDOS": true, "BUILDOSVERSION": true, "BUILDARCH": true, "BUILDVARIANT": true,
	"TARGETPLATFORM": true, "TARGETOS": true, "TARGETOSVERSION": true, "TARGETARCH": true, "TARGETVARIANT": true,
	"TARGETSTAGE": true,
}

// Read reads one Dockerfile. Syntax errors and malformed instructions give
// error diagnostics with their line; the Dockerfile is still returned unless
// a FROM instruction itself could not be read (its stages would be wrong).
func Read(name string, data []byte) source.Result {
	res := source.Result{Estate: &estate.Estate{}}
	ast, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		res.Diagnostics = append(res.Diagnostics, source.Errorf(name, errorLine(err, 1), "%s", errorMessage(err)))
		return res
	}
	r := &reader{
		name: name,
		lex:  shell.NewLex(ast.EscapeToken),
		args: make(map[string]arg),
		df: &estate.Dockerfile{Meta: estate.Meta{
			ID:      estate.ResourceID("dockerfile:" + name),
			Name:    name,
			Source:  estate.SourceDockerfile,
			Loc:     estate.Loc{File: name},
			Ignores: ignores(name, data),
		}},
	}
	complete := true
	for _, node := range ast.AST.Children {
		if !r.instruction(node) && strings.EqualFold(node.Value, "from") {
			complete = false
		}
	}
	res.Diagnostics = r.diags
	if complete && len(r.df.Stages) > 0 {
		res.Estate.Dockerfiles = []*estate.Dockerfile{r.df}
	} else if complete && len(r.diags) == 0 {
		res.Diagnostics = append(res.Diagnostics, source.Errorf(name, 1, "no FROM instruction: the Dockerfile has no build stage"))
	}
	return res
}

// arg is a global ARG: its value, or why it has none that the file decides.
type arg struct {
	value      string
	unresolved string // reason; "" when value is known
}

type reader struct {
	name  string
	lex   *shell.Lex
	args  map[string]arg
	df    *estate.Dockerfile
	diags source.Diagnostics
}

// instruction reads one instruction and reports whether it could.
func (r *reader) instruction(node *parser.Node) bool {
	v, err := instructions.ParseInstruction(node)
	if err != nil {
		r.diags = append(r.diags, source.Errorf(r.name, errorLine(err, node.StartLine), "%s", errorMessage(err)))
		return false
	}
	switch c := v.(type) {
	case *instructions.Stage:
		r.stage(c, node.StartLine)
	case *instructions.ArgCommand:
		if len(r.df.Stages) == 0 {
			r.globalArg(c)
		}
	default:
		if len(r.df.Stages) == 0 {
			r.diags = append(r.diags, source.Errorf(r.name, node.StartLine,
				"%s before the first FROM: only ARG may come before FROM", strings.ToUpper(node.Value)))
			return false
		}
	}
	return true
}

func (r *reader) globalArg(c *instructions.ArgCommand) {
	for _, kv := range c.Args {
		if kv.Value == nil {
			r.args[kv.Key] = arg{unresolved: fmt.Sprintf("ARG %s has no default: only --build-arg %s sets it", kv.Key, kv.Key)}
			continue
		}
		v, reason := r.expand(*kv.Value)
		r.args[kv.Key] = arg{value: v, unresolved: reason}
	}
}

// expand substitutes the global ARGs into word as buildkit does, and says
// why the result is not decided by the file, if it is not.
func (r *reader) expand(word string) (string, string) {
	var known []string
	for k, a := range r.args {
		if a.unresolved == "" {
			known = append(known, k+"="+a.value)
		}
	}
	res, err := r.lex.ProcessWordWithMatches(word, shell.EnvsFromSlice(known))
	if err != nil {
		return "", fmt.Sprintf("cannot expand %q: %v", word, err)
	}
	var reasons []string
	for k := range res.Unmatched {
		switch a, declared := r.args[k]; {
		case declared && a.unresolved != "":
			reasons = append(reasons, a.unresolved)
		case builderArgs[k]:
			reasons = append(reasons, fmt.Sprintf("%s is set by the builder for the build or target platform", k))
		}
		// An ARG that is not declared expands to "" in buildkit too.
	}
	if len(reasons) > 0 {
		sort.Strings(reasons)
		return "", strings.Join(reasons, "; ")
	}
	return res.Result, ""
}

func (r *reader) stage(c *instructions.Stage, line int) {
	loc := estate.Loc{File: r.name, Line: line}
	st := estate.Stage{Name: c.Name, FromStage: -1, Platform: c.Platform, Loc: loc}
	if c.Platform != "" {
		if p, reason := r.expand(c.Platform); reason == "" && p != "" {
			st.Platform = p
		}
	}
	base, reason := r.expand(c.BaseName)
	switch {
	case reason != "":
		st.Base = estate.Unresolved[string](loc.At("FROM"), reason)
	case base == "":
		st.Base = estate.Unresolved[string](loc.At("FROM"), fmt.Sprintf("%q expands to an empty image name", c.BaseName))
		r.diags = append(r.diags, source.Errorf(r.name, line, "FROM %s: the base name expands to nothing", c.BaseName))
	default:
		st.Base = estate.Set(base, loc.At("FROM"))
		// Stage names are case-insensitive; only an earlier stage can be a base.
		for i, prev := range r.df.Stages {
			if prev.Name != "" && strings.EqualFold(prev.Name, base) {
				st.FromStage = i
			}
		}
	}
	r.df.Stages = append(r.df.Stages, st)
}

// errorLine returns the first line a buildkit error points at, or def.
func errorLine(err error, def int) int {
	var le *parser.LocationError
	if errors.As(err, &le) {
		for _, rs := range le.Locations {
			for _, rg := range rs {
				if rg.Start.Line > 0 {
					return rg.Start.Line
				}
			}
		}
	}
	if def < 1 {
		return 1
	}
	return def
}

// errorMessage drops buildkit's "dockerfile parse error on line N:" prefix:
// the diagnostic carries the line.
func errorMessage(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "dockerfile parse error on line "); i >= 0 {
		if j := strings.Index(msg[i:], ": "); j >= 0 {
			msg = msg[:i] + msg[i+j+2:]
		}
	}
	return msg
}
