// Package armjson reads ARM resource JSON into the estate.
//
// ARM resource JSON comes from three places: exports of live resources (`az
// aks show`, `az resource list`, Resource Graph, the REST API), the live API
// itself, and ARM templates or Bicep files once evaluated. Node is the JSON
// tree they all become, with line numbers and an Unknown kind for values an
// evaluator could not resolve; Adapt turns Node trees into estate resources;
// Read parses an exported file in any of the shapes users export, and Looks
// tells a loader whether a file is one.
//
// Adapt reads both the REST shape, where settings sit under "properties",
// and the flattened shape the Azure CLI prints, matching type and property
// names case-insensitively as ARM does. Every estate.Value it fills says how
// it was known: set by the input (with the property path as written there),
// defaulted to what Azure applies when the input leaves it out, or unresolved
// with the reason.
package armjson
