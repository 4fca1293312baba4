// Package kube turns Kubernetes objects into the estate: from manifests
// (Read), and from the live cluster and admission requests (AdaptObject on
// the typed k8s.io/api objects). One adapter serves all three, so a rule
// sees the same Workload whichever way the object arrived.
//
// Read accepts multi-document YAML and JSON, including v1 List and typed
// lists (DeploymentList, ...), and decodes each object into the k8s.io/api
// Go types. Every value keeps the file, the line and the property path it
// came from ("spec.template.spec.containers[0].image"), so findings point
// at the line to change.
//
// # Inline ignores
//
// An object can carry the annotation aksguard.io/ignore to suppress findings
// of named rules on it. Its value is a list of entries, separated by
// newlines or commas, each a rule ID and a reason:
//
//	metadata:
//	  annotations:
//	    aksguard.io/ignore: "AKS-IMG-02: pinned by the release pipeline, AKS-IMG-01: vendor image, reviewed 2026-10"
//
// A comma starts a new entry only when a rule ID follows it, so reasons may
// contain commas. An entry without a reason is recorded but not honoured by
// the policy. The entries become the object's Meta.Ignores, located at the
// annotation; an annotation that names no rule gives a warning.
package kube
