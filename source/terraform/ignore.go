package terraform

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// lineIgnore is an inline ignore comment. line is the line it applies to:
// the first line after the comment (and after any comment lines directly
// below it) that is not a comment.
type lineIgnore struct {
	comment int // the comment's own line
	line    int
	rule    string
	reason  string
}

var ignoreMarker = []byte("aksguard:ignore")

// ignoreComment matches "# aksguard:ignore AKS-NET-01 reason" and
// "// aksguard:ignore AKS-NET-01,AKS-NET-02: reason".
var ignoreComment = regexp.MustCompile(`^\s*(?:#|//)\s*aksguard:ignore\s+([A-Za-z0-9_,-]+)\s*[:\-–—]?\s*(.*?)\s*$`)

// scanIgnores finds the inline ignore comments of a file. Comments inside
// heredocs are not told apart; they would have to sit right above a
// resource or attribute line to apply, which a heredoc line never is.
func scanIgnores(src []byte) []lineIgnore {
	if !bytes.Contains(src, ignoreMarker) {
		return nil
	}
	lines := strings.Split(string(src), "\n")
	var out []lineIgnore
	for i, l := range lines {
		m := ignoreComment.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		target := i + 1
		for target < len(lines) && isComment(lines[target]) {
			target++
		}
		for _, rule := range strings.Split(m[1], ",") {
			if rule = strings.TrimSpace(rule); rule != "" {
				out = append(out, lineIgnore{comment: i + 1, line: target + 1, rule: strings.ToUpper(rule), reason: m[2]})
			}
		}
	}
	return out
}

func isComment(l string) bool {
	l = strings.TrimSpace(l)
	return strings.HasPrefix(l, "#") || strings.HasPrefix(l, "//")
}

// danglingIgnores returns the ignores of a file that are above no resource
// block, attribute or nested block of a resource, which therefore suppress
// nothing.
func danglingIgnores(m *module, file string, igs []lineIgnore) []lineIgnore {
	lines := map[int]bool{}
	var walk func(b *hclsyntax.Body)
	walk = func(b *hclsyntax.Body) {
		for _, a := range b.Attributes {
			lines[a.SrcRange.Start.Line] = true
		}
		for _, blk := range b.Blocks {
			lines[blk.TypeRange.Start.Line] = true
			walk(blk.Body)
		}
	}
	for _, r := range m.resources {
		if r.file != file {
			continue
		}
		lines[r.decl.DefRange.Start.Line] = true
		if nb, ok := r.body.(*hclsyntax.Body); ok {
			walk(nb)
		}
	}
	var out []lineIgnore
	for _, ig := range igs {
		if !lines[ig.line] {
			out = append(out, ig)
		}
	}
	return out
}
