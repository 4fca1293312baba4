package logs

import (
	"fmt"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules/iam"
)

// roleClass says what a role can do to a workspace.
type roleClass int

const (
	// unclassified: the role is neither a built-in role aksguard knows nor
	// defined in the inputs, so what it grants is unknown.
	unclassified roleClass = iota
	readOnly
	writer
)

// classify says what the role of assignment a can do to a workspace, and
// names the role for evidence; for an unclassified role the name says why.
// The role table is rules/iam's, shared with AKS-IAM-04 and AKS-IAM-05.
// A writer can change or delete the logs (Owner, Contributor, Log Analytics
// Contributor, custom roles with "*/write", "*/delete" or workspace writes),
// stop them from being sent (Monitoring Contributor rewrites diagnostic
// settings), or grant itself either (User Access Administrator, Role Based
// Access Control Administrator).
func classify(e *estate.Estate, a *estate.RoleAssignment) (roleClass, string) {
	r, known := iam.RoleOf(e, a)
	if !known {
		return unclassified, fmt.Sprintf("a role aksguard cannot classify (%s)", r.Unresolved)
	}
	name := r.Name
	if r.Custom {
		name = fmt.Sprintf("custom role %q", r.Name)
	}
	if r.ChangesLogs() || r.GrantsAccess || r.DiagnosticSettings {
		return writer, name
	}
	return readOnly, name
}
