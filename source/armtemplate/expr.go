package armtemplate

import (
	"fmt"
	"strings"
)

// An ARM template expression is a JSON string of the form "[...]" holding a
// function call, a literal, and property accesses (.name) and indexes ([i])
// on the result. "[[..." is not an expression but the literal "[...".

// exprKind is the kind of an expression node.
type exprKind uint8

const (
	exprString exprKind = iota // 'text'
	exprNumber                 // 42, -1, 1.5
	exprCall                   // name(args...)
	exprMember                 // target.name
	exprIndex                  // target[index]
)

// expr is a parsed expression.
type expr struct {
	kind exprKind
	// text is the string or number literal, the function name or the member
	// name.
	text string
	// args are a call's arguments; for a member access the target alone, for
	// an index the target and the index.
	args []*expr
}

// exprError is a malformed expression, with the offset in the expression text.
type exprError struct {
	pos int
	msg string
}

func (e *exprError) Error() string {
	return fmt.Sprintf("malformed expression at character %d: %s", e.pos+1, e.msg)
}

// maxExprDepth bounds nesting in one expression, so that hostile input cannot
// exhaust the stack. Compiled Bicep nests to a few dozen levels.
const maxExprDepth = 256

// isExpression reports whether a JSON string is a template expression and, if
// not, returns its literal value ("[[x]" stands for "[x]").
func isExpression(s string) (body string, ok bool, literal string) {
	if strings.HasPrefix(s, "[[") {
		return "", false, s[1:]
	}
	if len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' {
		body = strings.TrimSpace(s[1 : len(s)-1])
		if body == "" {
			return "", false, s
		}
		return body, true, ""
	}
	return "", false, s
}

// parseExpr parses the body of an expression (the text between the brackets).
func parseExpr(src string) (*expr, error) {
	p := &exprParser{src: src}
	e, err := p.expression(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.src) {
		return nil, p.errorf("unexpected %q after the expression", p.src[p.pos])
	}
	return e, nil
}

type exprParser struct {
	src string
	pos int
}

func (p *exprParser) errorf(format string, a ...any) error {
	return &exprError{pos: p.pos, msg: fmt.Sprintf(format, a...)}
}

func (p *exprParser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.pos++
		default:
			return
		}
	}
}

func (p *exprParser) peek() byte {
	p.space()
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

// expression parses a primary expression followed by any number of member
// accesses and indexes.
func (p *exprParser) expression(depth int) (*expr, error) {
	if depth > maxExprDepth {
		return nil, p.errorf("expression nested too deeply")
	}
	e, err := p.primary(depth)
	if err != nil {
		return nil, err
	}
	for {
		switch p.peek() {
		case '.':
			p.pos++
			p.space()
			name := p.ident()
			if name == "" {
				return nil, p.errorf("expected a property name after '.'")
			}
			e = &expr{kind: exprMember, text: name, args: []*expr{e}}
		case '[':
			p.pos++
			idx, err := p.expression(depth + 1)
			if err != nil {
				return nil, err
			}
			if p.peek() != ']' {
				return nil, p.errorf("expected ']'")
			}
			p.pos++
			e = &expr{kind: exprIndex, args: []*expr{e, idx}}
		default:
			return e, nil
		}
	}
}

func (p *exprParser) primary(depth int) (*expr, error) {
	c := p.peek()
	switch {
	case c == 0:
		return nil, p.errorf("unexpected end of expression")
	case c == '\'':
		return p.stringLit()
	case c == '-' || c == '+' || c >= '0' && c <= '9':
		return p.number()
	case isIdentStart(c):
		name := p.ident()
		if p.peek() != '(' {
			// Bare true, false and null are accepted as the functions
			// of the same names; ARM accepts them in practice.
			switch strings.ToLower(name) {
			case "true", "false", "null":
				return &expr{kind: exprCall, text: name}, nil
			}
			return nil, p.errorf("expected '(' after %q", name)
		}
		p.pos++
		call := &expr{kind: exprCall, text: name}
		if p.peek() == ')' {
			p.pos++
			return call, nil
		}
		for {
			arg, err := p.expression(depth + 1)
			if err != nil {
				return nil, err
			}
			call.args = append(call.args, arg)
			switch p.peek() {
			case ',':
				p.pos++
			case ')':
				p.pos++
				return call, nil
			default:
				return nil, p.errorf("expected ',' or ')' in the arguments of %s()", name)
			}
		}
	}
	return nil, p.errorf("unexpected %q", c)
}

// stringLit parses a quoted string, in which a doubled quote stands for one.
func (p *exprParser) stringLit() (*expr, error) {
	p.pos++ // the opening quote
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		p.pos++
		if c != '\'' {
			b.WriteByte(c)
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == '\'' {
			b.WriteByte('\'')
			p.pos++
			continue
		}
		return &expr{kind: exprString, text: b.String()}, nil
	}
	return nil, p.errorf("unterminated string literal")
}

func (p *exprParser) number() (*expr, error) {
	start := p.pos
	if c := p.src[p.pos]; c == '-' || c == '+' {
		p.pos++
	}
	digits := 0
	for p.pos < len(p.src) && (p.src[p.pos] >= '0' && p.src[p.pos] <= '9' || p.src[p.pos] == '.') {
		p.pos++
		digits++
	}
	if digits == 0 {
		return nil, p.errorf("expected a number")
	}
	text := strings.TrimPrefix(p.src[start:p.pos], "+")
	if strings.Count(text, ".") > 1 || strings.HasSuffix(text, ".") {
		return nil, p.errorf("malformed number %q", text)
	}
	return &expr{kind: exprNumber, text: text}, nil
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
}

// ident reads a name; user-defined functions are namespace.name, which the
// caller sees as one identifier when a '(' follows.
func (p *exprParser) ident() string {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if isIdentStart(c) || c >= '0' && c <= '9' {
			p.pos++
			continue
		}
		// A dot inside a name belongs to it only when a call follows
		// (ns.func(...)); otherwise it is a member access.
		if c == '.' && p.pos > start && p.dottedCall(p.pos) {
			p.pos++
			continue
		}
		break
	}
	return p.src[start:p.pos]
}

// dottedCall reports whether the text after the dot at i is a name followed
// by '(', as in a user-defined function call.
func (p *exprParser) dottedCall(i int) bool {
	j := i + 1
	if j >= len(p.src) || !isIdentStart(p.src[j]) {
		return false
	}
	for j < len(p.src) && (isIdentStart(p.src[j]) || p.src[j] >= '0' && p.src[j] <= '9') {
		j++
	}
	for j < len(p.src) && (p.src[j] == ' ' || p.src[j] == '\t') {
		j++
	}
	return j < len(p.src) && p.src[j] == '('
}
