// Package img holds the image rules of the compliance section: trusted
// registries (AKS-IMG-01), digest pinning (AKS-IMG-02), the Azure Policy
// add-on (AKS-IMG-03), Dockerfile base images (AKS-IMG-04) and known
// vulnerabilities (AKS-IMG-05).
//
// Image references are parsed with go-containerregistry's name package, as
// the container runtime reads them (image.go); the trusted-registry list is
// resolved once per pass and shared by IMG-01 and IMG-04 (trust.go).
package img
