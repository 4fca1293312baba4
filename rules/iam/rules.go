package iam

import "github.com/aksguard/aksguard/rules"

// Rules returns the rules of this package in ID order.
func Rules() []*rules.Rule {
	return []*rules.Rule{IAM01, IAM02, IAM03, IAM04, IAM05, IAM06, IAM07, IAM08, IAM09}
}
