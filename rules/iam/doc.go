// Package iam holds the identity and access rules of the catalog,
// AKS-IAM-01 … AKS-IAM-09: Entra ID integration, local accounts, Azure RBAC,
// least privilege on clusters and registries, cluster identities, secrets in
// transit and at rest, and customer-managed keys.
//
// It also classifies Azure roles (RoleOf, BuiltinRole), which other rule
// packages use to tell who can administer or change a resource: built-in
// roles come from a table of their well-known GUIDs and names, custom roles
// from their role definition's actions when the scanned inputs hold it.
package iam
