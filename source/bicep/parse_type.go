package bicep

import "strings"

// Type expressions (param, output, type and func declarations). They are
// parsed in full so that the declaration after them is found, but only
// their base type is kept: values are coerced to int or bool by it, as ARM
// coerces parameter values given as strings.

func (p *parser) typeExpr() typeRef {
	p.enter()
	defer p.leave()
	if p.peek().kind == tPipe {
		p.next()
		p.skipNewlines()
	}
	first := p.peek().pos
	base, nullable := p.typeItem()
	for {
		t := p.peek()
		if t.kind == tNewline && p.nextAfterNewlines().kind == tPipe {
			p.skipNewlines()
			t = p.peek()
		}
		if t.kind != tPipe {
			break
		}
		p.next()
		p.skipNewlines()
		b, n := p.typeItem()
		switch {
		case b == "null":
			nullable = true
		case base == "null":
			base, nullable = b, true
		case b != base:
			base = ""
		}
		nullable = nullable || n
	}
	if base == "null" {
		base, nullable = "", true
	}
	return typeRef{p: first, name: base, nullable: nullable}
}

// typeItem parses one member of a union with its postfixes (T[], T?, T.x,
// T[0], T[*], T.*).
func (p *parser) typeItem() (base string, nullable bool) {
	base = p.typePrimary()
	for {
		switch p.peek().kind {
		case tLBrack:
			p.next()
			switch p.peek().kind {
			case tRBrack:
				base = "array"
			case tInt, tStar:
				p.next()
				base = ""
			default:
				p.fail(p.peek(), "expected ']' in the type, found %s", p.peek().describe())
			}
			p.expect(tRBrack, "in the type")
			nullable = false
		case tQuestion:
			p.next()
			nullable = true
		case tDot:
			p.next()
			if p.peek().kind == tStar {
				p.next()
			} else {
				p.identName("after '.' in the type")
			}
			base = ""
		default:
			return base, nullable
		}
	}
}

func (p *parser) typePrimary() string {
	t := p.peek()
	switch t.kind {
	case tIdent:
		p.next()
		switch t.text {
		case "true", "false":
			return "bool"
		case "null":
			return "null"
		case "resource":
			// resource 'Type@version' (parameters and outputs of modules).
			if k := p.peek().kind; k == tString || k == tStrLeft {
				p.plainString("a resource type")
			}
			return "resource"
		case "sys":
			if p.peek().kind == tDot {
				p.next()
				t = p.identName("after 'sys.'")
			}
		}
		if p.peek().kind == tLT {
			p.typeArgs()
			return "object"
		}
		return strings.ToLower(t.text)
	case tString, tMultiline:
		p.next()
		return "string"
	case tStrLeft:
		p.fail(t, "a string literal type cannot use interpolation")
	case tInt:
		p.next()
		return "int"
	case tMinus:
		p.next()
		p.expect(tInt, "after '-' in the type")
		return "int"
	case tBang:
		p.next()
		return p.typePrimary()
	case tLBrace:
		p.objectType()
		return "object"
	case tLBrack:
		p.tupleType()
		return "array"
	case tLParen:
		p.next()
		p.skipNewlines()
		r := p.typeExpr()
		p.skipNewlines()
		p.expect(tRParen, "in the type")
		return r.name
	}
	p.fail(t, "expected a type, found %s", t.describe())
	return ""
}

// typeArgs parses <'Type@version'> or <T, U>.
func (p *parser) typeArgs() {
	p.next() // <
	for {
		p.skipNewlines()
		if k := p.peek().kind; k == tString {
			p.next()
		} else {
			p.typeExpr()
		}
		p.skipNewlines()
		if p.peek().kind != tComma {
			break
		}
		p.next()
	}
	p.expect(tGT, "to close the type arguments")
}

// objectType parses { @decorators name?: type, *: type, ... }.
func (p *parser) objectType() {
	lb := p.next()
	for {
		p.skipSeparators()
		for p.peek().kind == tAt {
			p.decorator()
			p.skipNewlines()
		}
		t := p.peek()
		switch t.kind {
		case tRBrace:
			p.next()
			return
		case tEOF:
			p.fail(t, "the object type opened on line %d is not closed with '}'", lb.pos.Line)
		case tIdent, tString, tMultiline, tStar:
			p.next()
		default:
			p.fail(t, "expected a property name in the object type, found %s", t.describe())
		}
		if p.peek().kind == tQuestion {
			p.next()
		}
		p.expect(tColon, "after the property name")
		p.skipNewlines()
		p.typeExpr()
		if k := p.peek().kind; k != tNewline && k != tComma && k != tRBrace {
			p.fail(p.peek(), "expected a new line or ',' after the property's type, found %s", p.peek().describe())
		}
	}
}

// tupleType parses [type, type, ...].
func (p *parser) tupleType() {
	lb := p.next()
	for {
		p.skipSeparators()
		for p.peek().kind == tAt {
			p.decorator()
			p.skipNewlines()
		}
		switch p.peek().kind {
		case tRBrack:
			p.next()
			return
		case tEOF:
			p.fail(p.peek(), "the tuple type opened on line %d is not closed with ']'", lb.pos.Line)
		}
		p.typeExpr()
		if k := p.peek().kind; k != tNewline && k != tComma && k != tRBrack {
			p.fail(p.peek(), "expected a new line or ',' after the tuple item, found %s", p.peek().describe())
		}
	}
}
