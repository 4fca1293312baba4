// Package catalog lists every rule of aksguard, explicitly and in ID order.
// Registration is this list, not init() side effects, so the catalog a
// binary runs is the one a reader sees here.
package catalog

import (
	"strings"

	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/def"
	"github.com/aksguard/aksguard/rules/ext"
	"github.com/aksguard/aksguard/rules/iam"
	"github.com/aksguard/aksguard/rules/img"
	"github.com/aksguard/aksguard/rules/logs"
	"github.com/aksguard/aksguard/rules/net"
)

// All returns the catalog in the order of RULES.md: IAM, network, audit,
// compliance, then the rules beyond the brief.
func All() []*rules.Rule {
	return []*rules.Rule{
		iam.IAM01, iam.IAM02, iam.IAM03, iam.IAM04, iam.IAM05, iam.IAM06, iam.IAM07, iam.IAM08, iam.IAM09,
		net.NET01, net.NET02, net.NET03, net.NET04, net.NET05, net.NET06, net.NET07, net.NET08, net.NET09, net.NET10,
		logs.LOG01, logs.LOG02, logs.LOG03, logs.LOG04,
		img.IMG01, img.IMG02, img.IMG03, img.IMG04, img.IMG05,
		def.DEF01, def.DEF02,
		ext.EXT01, ext.EXT02, ext.EXT03, ext.EXT04, ext.EXT05,
	}
}

// ByID returns the rule with the given ID (case-insensitive), or nil.
func ByID(id string) *rules.Rule {
	for _, r := range All() {
		if strings.EqualFold(r.ID, id) {
			return r
		}
	}
	return nil
}
