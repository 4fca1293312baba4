// Package kube turns Kubernetes objects (from manifests, the live cluster or
// admission requests) into the estate.
package kube

import (
	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// Read reads a manifest file: multi-document YAML or JSON. STUB.
func Read(name string, data []byte) source.Result {
	return source.Result{Estate: &estate.Estate{}}
}
