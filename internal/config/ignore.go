package config

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Ignore suppresses the findings of a rule on matching resources, for a
// reason and optionally until a date.
type Ignore struct {
	// Rule is a rule ID, or a glob over IDs ("AKS-NET-*").
	Rule string `yaml:"rule"`
	// Resource is a glob over the resource ID or name; empty matches every
	// resource. '*' matches any run of characters ('/' included), '?' one
	// character; matching ignores case, as ARM IDs do.
	Resource string `yaml:"resource"`
	// Reason is required: an ignore must say why.
	Reason string `yaml:"reason"`
	// Expires (YYYY-MM-DD) is the last day the ignore works.
	Expires string `yaml:"expires"`

	// File, Line and Index say where the ignore is written.
	File  string `yaml:"-"`
	Line  int    `yaml:"-"`
	Index int    `yaml:"-"`

	rule, resource *regexp.Regexp
	until          time.Time
}

// compile validates the ignore and prepares its patterns.
func (ig *Ignore) compile() error {
	var errs []error
	if strings.TrimSpace(ig.Rule) == "" {
		errs = append(errs, errors.New("rule is required (a rule ID such as AKS-NET-01)"))
	} else if strings.ContainsAny(ig.Rule, " \t/") {
		errs = append(errs, fmt.Errorf("rule %q: want a rule ID such as AKS-NET-01 (or a glob such as AKS-NET-*)", ig.Rule))
	}
	if strings.TrimSpace(ig.Reason) == "" {
		errs = append(errs, fmt.Errorf("ignore of %s: reason is required: say why the finding is accepted", ig.Rule))
	}
	if ig.Expires != "" {
		t, err := expiry(ig.Expires)
		if err != nil {
			errs = append(errs, err)
		}
		ig.until = t
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	ig.rule = Glob(ig.Rule)
	if ig.Resource != "" {
		ig.resource = Glob(ig.Resource)
	}
	return nil
}

// Glob compiles a pattern where '*' matches any run of characters and '?'
// one character, case-insensitively, into an anchored regular expression.
func Glob(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("(?is)^")
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// Matches reports whether the ignore covers rule ID rule on the resource
// with the given ID and name.
func (ig *Ignore) Matches(rule, id, name string) bool {
	if ig.rule == nil {
		if ig.compile() != nil {
			return false
		}
	}
	if !ig.rule.MatchString(rule) {
		return false
	}
	return ig.resource == nil || ig.resource.MatchString(id) || (name != "" && ig.resource.MatchString(name))
}

// Expired reports whether the ignore has stopped working at now.
func (ig *Ignore) Expired(now time.Time) bool {
	if ig.Expires == "" {
		return false
	}
	if ig.until.IsZero() {
		if ig.compile() != nil {
			return true
		}
	}
	return !now.Before(ig.until)
}

// Where says where the ignore is written: ".aksguard.yaml:12".
func (ig *Ignore) Where() string {
	if ig.Line > 0 {
		return fmt.Sprintf("%s:%d", ig.File, ig.Line)
	}
	return fmt.Sprintf("%s: ignores[%d]", ig.File, ig.Index)
}
