package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sanitize makes text from the inputs safe to print on a terminal. Resource
// names, evidence and error messages come from files and APIs an attacker may
// write, so control characters (an ESC starting an ANSI sequence, a carriage
// return that overwrites the line) and bidirectional overrides (which reorder
// what is shown) are printed as visible escapes instead. Newlines are kept:
// callers split on them. Tabs become spaces, as the table aligns by width.
func sanitize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	clean := true
	for _, r := range s {
		if r != '\n' && unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteString("    ")
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeRune reports whether r may change what a terminal shows beyond
// printing itself.
func unsafeRune(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return true
	case r == '\t', unicode.IsControl(r):
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F:
		return true
	}
	return false
}

// width is the number of terminal columns s takes. It counts runes, which is
// exact for the ASCII, Latin and symbol text reports hold.
func width(s string) int { return utf8.RuneCountInString(s) }

// pad right-pads s with spaces to n columns.
func pad(s string, n int) string {
	if w := width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// truncateMiddle shortens s to at most n columns by replacing its middle with
// an ellipsis. The tail keeps more, since the end of a resource ID names the
// resource.
func truncateMiddle(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	if n <= 1 {
		return string(rs[:max(n, 0)])
	}
	head := (n - 1) / 3
	tail := n - 1 - head
	return string(rs[:head]) + "…" + string(rs[len(rs)-tail:])
}

// wrap breaks s into lines of at most n columns. Existing line breaks are
// kept, a line's leading indentation is repeated on its continuation lines,
// words break at spaces, and a word longer than a line (a resource ID, a
// URL) is cut where the line ends rather than overflowing it.
func wrap(s string, n int) []string {
	n = max(n, 1)
	var out []string
	for _, para := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		para = strings.TrimRight(para, " ")
		body := strings.TrimLeft(para, " ")
		indent := para[:len(para)-len(body)]
		if width(indent) > n/2 {
			indent = ""
		}
		out = append(out, wrapWords(indent, body, n)...)
	}
	return out
}

func wrapWords(indent, body string, n int) []string {
	var lines []string
	line := indent
	empty := true // line holds only the indent
	for _, word := range strings.Fields(body) {
		switch {
		case !empty && width(line)+1+width(word) <= n:
			line += " " + word
			continue
		case !empty:
			lines = append(lines, line)
			line = indent
		}
		for room := n - width(line); width(word) > room; room = n - width(line) {
			rs := []rune(word)
			lines = append(lines, line+string(rs[:room]))
			line, word = indent, string(rs[room:])
		}
		line += word
		empty = false
	}
	return append(lines, line)
}

// ANSI styles of the table. They are written only when Options.Color is set.
const (
	ansiReset   = "\x1b[0m"
	ansiBold    = "\x1b[1m"
	ansiDim     = "\x1b[2m"
	ansiRed     = "\x1b[31m"
	ansiGreen   = "\x1b[32m"
	ansiYellow  = "\x1b[33m"
	ansiBlue    = "\x1b[34m"
	ansiMagenta = "\x1b[35m"
	ansiCyan    = "\x1b[36m"
)

// styler colours text when enabled; disabled, it returns text unchanged, so
// the same code renders both and no escape can leak into plain output.
type styler bool

func (on styler) paint(style, s string) string {
	if !on || s == "" || style == "" {
		return s
	}
	return style + s + ansiReset
}
