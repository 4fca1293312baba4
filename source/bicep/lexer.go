package bicep

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The lexer follows the Bicep compiler's: newlines are tokens (they end
// declarations and separate object members), strings are single-quoted with
// \-escapes and ${...} interpolation holes (lexed as left, middle and right
// pieces around the hole's tokens), '''...''' strings are verbatim, and
// comments are trivia. It never fails: what it cannot read becomes a token
// carrying the error, which the parser reports with its line and column.

type lexer struct {
	src       string
	off       int
	line      int
	lineStart int
	toks      []token
	comments  []comment
	// holes holds, for each interpolation hole being lexed, how many braces
	// are open inside it; a '}' with none open ends the hole.
	holes []int
}

// lex splits src into tokens. The last token is always tEOF.
func lex(src string) ([]token, []comment) {
	src = strings.TrimPrefix(src, "\uFEFF")
	lx := &lexer{src: src, line: 1, toks: make([]token, 0, len(src)/6+1)}
	for {
		t := lx.next()
		lx.toks = append(lx.toks, t)
		if t.kind == tEOF {
			return lx.toks, lx.comments
		}
	}
}

func (lx *lexer) pos() Pos { return Pos{lx.line, lx.off - lx.lineStart + 1} }

func (lx *lexer) peek(i int) byte {
	if lx.off+i < len(lx.src) {
		return lx.src[lx.off+i]
	}
	return 0
}

// newline consumes a line break ("\n", "\r\n" or "\r") at the offset.
func (lx *lexer) newline() {
	if lx.src[lx.off] == '\r' && lx.peek(1) == '\n' {
		lx.off++
	}
	lx.off++
	lx.line++
	lx.lineStart = lx.off
}

// trivia skips blanks and comments; it stops at a newline.
func (lx *lexer) trivia() {
	for lx.off < len(lx.src) {
		c := lx.src[lx.off]
		switch {
		case c == ' ' || c == '\t':
			lx.off++
		case c == '/' && lx.peek(1) == '/':
			p := lx.pos()
			alone := strings.TrimLeft(lx.src[lx.lineStart:lx.off], " \t") == ""
			end := strings.IndexAny(lx.src[lx.off:], "\r\n")
			if end < 0 {
				end = len(lx.src) - lx.off
			}
			lx.comments = append(lx.comments, comment{pos: p, text: lx.src[lx.off+2 : lx.off+end], alone: alone})
			lx.off += end
		case c == '/' && lx.peek(1) == '*':
			lx.off += 2
			for lx.off < len(lx.src) && !(lx.src[lx.off] == '*' && lx.peek(1) == '/') {
				if lx.src[lx.off] == '\n' || lx.src[lx.off] == '\r' {
					lx.newline()
				} else {
					lx.off++
				}
			}
			lx.off += 2
			if lx.off > len(lx.src) {
				lx.off = len(lx.src)
			}
		case c == '#' && isPragma(lx.src[lx.off+1:]):
			// #disable-next-line BCP081 and the like: linter pragmas, trivia
			// to the end of the line.
			end := strings.IndexAny(lx.src[lx.off:], "\r\n")
			if end < 0 {
				end = len(lx.src) - lx.off
			}
			lx.off += end
		default:
			return
		}
	}
}

// isPragma reports whether s (after a '#') is a diagnostics pragma.
func isPragma(s string) bool {
	for _, p := range []string{"disable-next-line", "disable-diagnostics", "restore-diagnostics"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func (lx *lexer) next() token {
	lx.trivia()
	p := lx.pos()
	if lx.off >= len(lx.src) {
		return token{kind: tEOF, pos: p}
	}
	c := lx.src[lx.off]
	if c == '\n' || c == '\r' {
		lx.newline()
		// An interpolation hole ends on its line; the parser reports the
		// string as unterminated.
		lx.holes = lx.holes[:0]
		return token{kind: tNewline, pos: p}
	}
	switch {
	case isIdentStart(c):
		start := lx.off
		for lx.off < len(lx.src) && isIdentPart(lx.src[lx.off]) {
			lx.off++
		}
		return token{kind: tIdent, pos: p, text: lx.src[start:lx.off]}
	case c >= '0' && c <= '9':
		start := lx.off
		for lx.off < len(lx.src) && lx.src[lx.off] >= '0' && lx.src[lx.off] <= '9' {
			lx.off++
		}
		return token{kind: tInt, pos: p, text: lx.src[start:lx.off]}
	case c == '\'':
		if strings.HasPrefix(lx.src[lx.off:], "'''") {
			return lx.multiline(p)
		}
		lx.off++
		return lx.str(p, true)
	case c == '{':
		if n := len(lx.holes); n > 0 {
			lx.holes[n-1]++
		}
		lx.off++
		return token{kind: tLBrace, pos: p, text: "{"}
	case c == '}':
		if n := len(lx.holes); n > 0 {
			if lx.holes[n-1] == 0 {
				lx.holes = lx.holes[:n-1]
				lx.off++
				return lx.str(p, false)
			}
			lx.holes[n-1]--
		}
		lx.off++
		return token{kind: tRBrace, pos: p, text: "}"}
	}
	if k, n := operator(lx.src[lx.off:]); n > 0 {
		lx.off += n
		return token{kind: k, pos: p, text: lx.src[lx.off-n : lx.off]}
	}
	r, size := utf8.DecodeRuneInString(lx.src[lx.off:])
	lx.off += size
	msg := "unexpected character " + strconv.QuoteRune(r)
	if c == '"' {
		msg = `unexpected '"': Bicep strings are in single quotes`
	}
	return token{kind: tIllegal, pos: p, text: string(r), err: msg}
}

// operator returns the punctuation token at the start of s, longest first.
func operator(s string) (tokKind, int) {
	if strings.HasPrefix(s, "...") {
		return tEllipsis, 3
	}
	if len(s) >= 2 {
		switch s[:2] {
		case "::":
			return tDColon, 2
		case "??":
			return tDQuest, 2
		case "=>":
			return tArrow, 2
		case "<=":
			return tLE, 2
		case ">=":
			return tGE, 2
		case "==":
			return tEQ, 2
		case "!=":
			return tNE, 2
		case "=~":
			return tEQI, 2
		case "!~":
			return tNEI, 2
		case "&&":
			return tAnd, 2
		case "||":
			return tOr, 2
		}
	}
	switch s[0] {
	case '(':
		return tLParen, 1
	case ')':
		return tRParen, 1
	case '[':
		return tLBrack, 1
	case ']':
		return tRBrack, 1
	case ',':
		return tComma, 1
	case '.':
		return tDot, 1
	case ':':
		return tColon, 1
	case '?':
		return tQuestion, 1
	case '=':
		return tAssign, 1
	case '@':
		return tAt, 1
	case '|':
		return tPipe, 1
	case '+':
		return tPlus, 1
	case '-':
		return tMinus, 1
	case '*':
		return tStar, 1
	case '/':
		return tSlash, 1
	case '%':
		return tPercent, 1
	case '!':
		return tBang, 1
	case '<':
		return tLT, 1
	case '>':
		return tGT, 1
	}
	return 0, 0
}

// str lexes a string piece after its opening quote (first) or after the
// '}' that closes an interpolation hole: up to the closing quote or the next
// "${".
func (lx *lexer) str(p Pos, first bool) token {
	var b strings.Builder
	t := token{pos: p}
	for {
		if lx.off >= len(lx.src) || lx.src[lx.off] == '\n' || lx.src[lx.off] == '\r' {
			t.kind, t.val = tString, b.String()
			if !first {
				t.kind = tStrRight
			}
			t.err = "unterminated string (a string in single quotes ends on its line; use '''...''' for several lines)"
			return t
		}
		c := lx.src[lx.off]
		switch {
		case c == '\'':
			lx.off++
			t.kind, t.val = tString, b.String()
			if !first {
				t.kind = tStrRight
			}
			return t
		case c == '$' && lx.peek(1) == '{':
			lx.off += 2
			lx.holes = append(lx.holes, 0)
			t.kind, t.val = tStrLeft, b.String()
			if !first {
				t.kind = tStrMid
			}
			return t
		case c == '\\':
			if msg := lx.escape(&b); msg != "" && t.err == "" {
				t.err = msg
			}
		default:
			b.WriteByte(c)
			lx.off++
		}
	}
}

// escape decodes the escape sequence at the offset into b; it returns an
// error message for an invalid one.
func (lx *lexer) escape(b *strings.Builder) string {
	lx.off++ // the backslash
	if lx.off >= len(lx.src) {
		return "unterminated escape sequence"
	}
	c := lx.src[lx.off]
	lx.off++
	switch c {
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case '\\', '\'', '$':
		b.WriteByte(c)
	case 'u':
		end := strings.IndexByte(lx.src[lx.off:], '}')
		if lx.peek(0) != '{' || end < 0 {
			return `invalid escape sequence: \u needs {hex digits}`
		}
		hex := lx.src[lx.off+1 : lx.off+end]
		cp, err := strconv.ParseUint(hex, 16, 32)
		if err != nil || cp > utf8.MaxRune || strings.ContainsAny(hex, "\r\n'") {
			return `invalid escape sequence \u{` + hex + `}`
		}
		lx.off += end + 1
		b.WriteRune(rune(cp))
	default:
		if c == '\n' || c == '\r' {
			lx.off-- // leave the line break to end the string
		}
		return `invalid escape sequence \` + string(c) + ` (valid: \\ \' \n \r \t \$ \u{...})`
	}
	return ""
}

// multiline lexes a multi-line string (three quotes on each side): verbatim,
// without escapes; a line break right after the opening quotes is not part
// of the value.
func (lx *lexer) multiline(p Pos) token {
	lx.off += 3
	start := lx.off
	end := strings.Index(lx.src[start:], "'''")
	t := token{kind: tMultiline, pos: p}
	if end < 0 {
		end = len(lx.src) - start
		t.err = "unterminated multi-line string (no closing ''')"
	}
	// A run of more than three quotes ends with the last three.
	for end >= 0 && start+end+3 < len(lx.src) && lx.src[start+end+3] == '\'' {
		end++
	}
	body := lx.src[start : start+end]
	for i := 0; i < len(body); i++ {
		if body[i] == '\n' || body[i] == '\r' && (i+1 >= len(body) || body[i+1] != '\n') {
			lx.line++
			lx.lineStart = start + i + 1
		}
	}
	lx.off = start + end + 3
	if lx.off > len(lx.src) {
		lx.off = len(lx.src)
	}
	if strings.HasPrefix(body, "\r\n") {
		body = body[2:]
	} else if strings.HasPrefix(body, "\n") {
		body = body[1:]
	}
	t.val = body
	return t
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }
