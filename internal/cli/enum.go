package cli

import (
	"fmt"
	"slices"
	"strings"
)

// enumValue is a string flag restricted to a set of values, so that a bad
// value is a usage error while flags are parsed.
type enumValue struct {
	p       *string
	allowed []string
}

func newEnum(p *string, allowed ...string) *enumValue { return &enumValue{p: p, allowed: allowed} }

func (e *enumValue) String() string { return *e.p }

func (e *enumValue) Set(s string) error {
	s = strings.ToLower(strings.TrimSpace(s))
	if !slices.Contains(e.allowed, s) {
		return fmt.Errorf("%q: want %s", s, strings.Join(e.allowed, " or "))
	}
	*e.p = s
	return nil
}

func (e *enumValue) Type() string { return "string" }
