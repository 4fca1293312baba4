// Package logs holds the audit and monitoring rules (AKS-LOG-01…04): control-plane
// audit logs, registry authentication logs, Container insights, and the
// protection of the Log Analytics workspaces that receive them.
//
// LOG-01 and LOG-02 share the diagnostic-setting logic of diag.go; LOG-04 uses
// a small role classification (roles.go) that belongs in rules/iam once that
// package exports one.
package logs
