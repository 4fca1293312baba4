// Package ext holds the rules beyond the brief that peer scanners also check
// (AKS-EXT-01…05): Kubernetes RBAC, registry network access, automatic
// upgrades, node disk encryption and workload identity.
package ext
