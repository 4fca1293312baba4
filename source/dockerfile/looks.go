package dockerfile

import (
	"bufio"
	"bytes"
	"path"
	"regexp"
	"strings"

	"github.com/aksguard/aksguard/estate"
)

// Looks reports whether a file is a Dockerfile: by its name (Dockerfile,
// Containerfile, *.Dockerfile, Dockerfile.*), or by its content when its
// first instruction is FROM or ARG or it opens with a "# syntax=" directive.
func Looks(name string, data []byte) bool {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, `\`, "/")))
	switch {
	case base == "dockerfile", base == "containerfile",
		strings.HasSuffix(base, ".dockerfile"), strings.HasSuffix(base, ".containerfile"),
		strings.HasPrefix(base, "dockerfile."), strings.HasPrefix(base, "containerfile."):
		return true
	}
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "#"):
			if directive.MatchString(line) {
				return true
			}
			continue
		}
		return firstInstruction.MatchString(line)
	}
	return false
}

var (
	directive        = regexp.MustCompile(`(?i)^#\s*syntax\s*=\s*\S+`)
	firstInstruction = regexp.MustCompile(`(?i)^(FROM|ARG)\s+\S`)
	ignoreComment    = regexp.MustCompile(`(?i)^\s*#\s*aksguard:ignore\s+(AKS-[A-Z]+-[0-9]+)\b:?\s*(.*)$`)
)

// ignores finds "# aksguard:ignore AKS-IMG-04 reason" comments. An ignore
// without a reason is kept with an empty Reason: the policy reports it as not
// honoured instead of silently dropping it.
func ignores(name string, data []byte) []estate.InlineIgnore {
	var out []estate.InlineIgnore
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	for line := 1; sc.Scan(); line++ {
		if m := ignoreComment.FindStringSubmatch(sc.Text()); m != nil {
			out = append(out, estate.InlineIgnore{
				Rule:   strings.ToUpper(m[1]),
				Reason: strings.TrimSpace(m[2]),
				Loc:    estate.Loc{File: name, Line: line},
			})
		}
	}
	return out
}
