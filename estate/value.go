package estate

import (
	"fmt"
	"strings"
)

// Origin says how a value was known.
type Origin uint8

const (
	// Unknown means the inputs do not say: an unresolved variable, an
	// expression known only after apply, a template function we cannot evaluate.
	Unknown Origin = iota
	// Explicit means the input set the value.
	Explicit
	// Default means the input left the value out and the adapter applied the
	// documented Azure (or provider) default.
	Default
)

// String returns "unknown", "explicit" or "default".
func (o Origin) String() string {
	switch o {
	case Explicit:
		return "explicit"
	case Default:
		return "default"
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (o Origin) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// Loc says where a value or a resource came from: a file and line for files,
// a resource ID for live or exported resources, and the property path inside it.
type Loc struct {
	File     string     `json:"file,omitempty"`
	Line     int        `json:"line,omitempty"`
	Resource ResourceID `json:"resource,omitempty"`
	Path     string     `json:"path,omitempty"` // e.g. "properties.disableLocalAccounts"
}

// At returns a copy of l that names the property path p.
func (l Loc) At(p string) Loc { l.Path = p; return l }

// AtLine returns a copy of l at line n (n <= 0 keeps the current line).
func (l Loc) AtLine(n int) Loc {
	if n > 0 {
		l.Line = n
	}
	return l
}

// String renders the location as file:line, or the resource ID.
func (l Loc) String() string {
	switch {
	case l.File != "" && l.Line > 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	case l.File != "":
		return l.File
	}
	return string(l.Resource)
}

// Value is a fact with provenance: its value, how it was known and where.
// A zero Value is Unknown.
type Value[T any] struct {
	V      T
	Origin Origin
	Loc    Loc
	// Reason says, for an Unknown value, what the inputs did not resolve
	// ("var.lock_down has no value", "reference() is evaluated at deployment").
	Reason string
}

// Set returns an explicit value found at at.
func Set[T any](v T, at Loc) Value[T] { return Value[T]{V: v, Origin: Explicit, Loc: at} }

// Defaulted returns a value the adapter filled in with Azure's default because
// the input left it out.
func Defaulted[T any](v T, at Loc) Value[T] { return Value[T]{V: v, Origin: Default, Loc: at} }

// Unresolved returns an unknown value with the reason it could not be known.
func Unresolved[T any](at Loc, reason string) Value[T] {
	return Value[T]{Origin: Unknown, Loc: at, Reason: reason}
}

// Known reports whether the inputs determine the value.
func (v Value[T]) Known() bool { return v.Origin != Unknown }

// Is reports whether the value is known and equal to want.
func Is[T comparable](v Value[T], want T) bool { return v.Known() && v.V == want }

// Evidence renders the value as "path = value", adding "(default)" for
// defaulted values and the reason for unknown ones. Rules put it in findings.
func (v Value[T]) Evidence() string {
	path := v.Loc.Path
	if path == "" {
		path = "value"
	}
	switch v.Origin {
	case Unknown:
		if v.Reason != "" {
			return fmt.Sprintf("%s is not determined by the inputs: %s", path, v.Reason)
		}
		return fmt.Sprintf("%s is not determined by the inputs", path)
	case Default:
		return fmt.Sprintf("%s = %s (default: not set in the input)", path, render(v.V))
	}
	return fmt.Sprintf("%s = %s", path, render(v.V))
}

func render(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case ResourceID:
		return fmt.Sprintf("%q", string(x))
	case []string:
		q := make([]string, len(x))
		for i, s := range x {
			q[i] = fmt.Sprintf("%q", s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	return fmt.Sprint(v)
}
