// Package armtemplate evaluates ARM deployment templates into ARM resource
// JSON, which package armjson adapts into the estate.
package armtemplate

import (
	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// Options are the inputs of a template evaluation besides the template.
type Options struct {
	// Parameters is the content of a deployment parameters file, or nil.
	Parameters []byte
	// ParametersName names that file in diagnostics.
	ParametersName string
}

// Read evaluates the template in data. STUB: filled in by the template work.
func Read(name string, data []byte, opts Options) source.Result {
	return source.Result{Estate: &estate.Estate{}}
}
