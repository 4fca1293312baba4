package armjson

import (
	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// Resource is one ARM resource as JSON: from an export, the live API or an
// evaluated template. The ID is the node's "id" member; evaluated templates
// compute it.
type Resource struct {
	Node   *Node
	File   string            // the input file, "" for live resources
	Source estate.SourceKind // SourceAzure, SourceARM or SourceBicep
}

// Adapt turns ARM resource JSON into the estate. STUB: filled in by the
// armjson adapter work.
func Adapt(rs []Resource) source.Result {
	return source.Result{Estate: &estate.Estate{}}
}

// Read reads a file of exported Azure resource JSON in any shape users export
// (one resource, an array, an ARM list response, Resource Graph output).
// STUB: filled in by the armjson adapter work.
func Read(name string, data []byte) source.Result {
	return source.Result{Estate: &estate.Estate{}}
}
