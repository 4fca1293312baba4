package kube

import (
	"regexp"
	"strings"

	"github.com/aksguard/aksguard/estate"
)

// IgnoreAnnotation is the annotation that suppresses findings on the object
// that carries it. See the package documentation for its format.
const IgnoreAnnotation = "aksguard.io/ignore"

const ignorePath = "metadata.annotations." + IgnoreAnnotation

// ruleAt finds where an entry starts: a rule ID at the beginning of the
// value, after a newline, or after a comma. Commas inside a reason are kept
// because only a comma followed by a rule ID starts a new entry.
var ruleAt = regexp.MustCompile(`(?i)(?:^|[\n,])\s*(AKS-[A-Z]+-[0-9]+)\b`)

// ignores parses the ignore annotation into inline ignores at loc. An entry
// without a reason is kept with an empty Reason, so that the policy can say
// it is not honoured rather than drop it silently.
func ignores(annotations map[string]string, loc estate.Loc) []estate.InlineIgnore {
	v, ok := annotations[IgnoreAnnotation]
	if !ok {
		return nil
	}
	ms := ruleAt.FindAllStringSubmatchIndex(v, -1)
	var out []estate.InlineIgnore
	for i, m := range ms {
		end := len(v)
		if i+1 < len(ms) {
			end = ms[i+1][0]
		}
		reason := strings.TrimSpace(v[m[3]:end])
		reason = strings.TrimSpace(strings.TrimPrefix(reason, ":"))
		out = append(out, estate.InlineIgnore{
			Rule:   strings.ToUpper(v[m[2]:m[3]]),
			Reason: reason,
			Loc:    loc,
		})
	}
	return out
}
