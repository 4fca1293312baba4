package bicep

// Objects, arrays and loops.

// object parses {...}. In a resource body (resource is set) members may be
// nested resource declarations.
func (p *parser) object(resource bool) *objectLit {
	lb := p.expect(tLBrace, "to open the object")
	o := &objectLit{p: lb.pos}
	p.enter()
	defer p.leave()
	for {
		p.skipSeparators()
		t := p.peek()
		switch {
		case t.kind == tRBrace:
			p.next()
			o.end = t.pos
			return o
		case t.kind == tEOF:
			p.fail(t, "the object opened on line %d is not closed with '}'", lb.pos.Line)
		case resource && (t.kind == tAt || t.kind == tIdent && t.text == "resource" && p.peekAt(1).kind == tIdent):
			o.resources = append(o.resources, p.nestedResource())
			continue
		case t.kind == tEllipsis:
			p.next()
			o.props = append(o.props, &prop{p: t.pos, spread: p.expr()})
		default:
			o.props = append(o.props, p.property())
		}
		if k := p.peek().kind; k != tNewline && k != tComma && k != tRBrace {
			p.fail(p.peek(), "expected a new line or ',' after the property, found %s", p.peek().describe())
		}
	}
}

func (p *parser) nestedResource() *resourceDecl {
	first := p.peek().pos
	var decs []*decorator
	for p.peek().kind == tAt {
		decs = append(decs, p.decorator())
		p.skipNewlines()
	}
	kw := p.peek()
	if kw.kind != tIdent || kw.text != "resource" {
		p.fail(kw, "expected a nested resource after the decorator, found %s", kw.describe())
	}
	p.next()
	return p.resourceDecl(declBase{p: kw.pos, first: first, decorators: decs})
}

func (p *parser) property() *prop {
	t := p.peek()
	pr := &prop{p: t.pos}
	switch t.kind {
	case tIdent:
		p.next()
		pr.key = t.text
	case tString, tMultiline:
		p.next()
		pr.key = t.val
	case tStrLeft:
		pr.keyX = p.stringExpr()
	case tInt:
		// Not Bicep, but unambiguous: { 1: 'x' } as ARM would read "1".
		p.next()
		pr.key = t.text
	default:
		p.fail(t, "expected a property name, found %s", t.describe())
	}
	p.expect(tColon, "after the property name")
	p.skipNewlines()
	pr.value = p.expr()
	return pr
}

func (p *parser) array() *arrayLit {
	lb := p.next()
	a := &arrayLit{p: lb.pos}
	p.enter()
	defer p.leave()
	for {
		p.skipSeparators()
		t := p.peek()
		switch t.kind {
		case tRBrack:
			p.next()
			return a
		case tEOF:
			p.fail(t, "the array opened on line %d is not closed with ']'", lb.pos.Line)
		case tEllipsis:
			p.next()
			a.items = append(a.items, &spread{p: t.pos, x: p.expr()})
		default:
			a.items = append(a.items, p.expr())
		}
		if k := p.peek().kind; k != tNewline && k != tComma && k != tRBrack {
			p.fail(p.peek(), "expected a new line or ',' after the array item, found %s", p.peek().describe())
		}
	}
}

// forExpr parses [for item in iter: body] and [for (item, i) in ...]. In
// resource and module bodies (decl) the body is an object or if (...) {...}.
func (p *parser) forExpr(resource, decl bool) *forExpr {
	lb := p.next()
	p.skipNewlines()
	p.next() // for
	f := &forExpr{p: lb.pos}
	if p.peek().kind == tLParen {
		p.next()
		f.item = p.identName("as the loop's item").text
		p.expect(tComma, "between the loop's item and index")
		f.index = p.identName("as the loop's index").text
		p.expect(tRParen, "after the loop's index")
	} else {
		f.item = p.identName("as the loop's item").text
	}
	if !p.isKeyword("in") {
		p.fail(p.peek(), "expected 'in' in the loop, found %s", p.peek().describe())
	}
	p.next()
	p.enter()
	f.iter = p.expr()
	p.leave()
	p.expect(tColon, "after the loop's array")
	p.skipNewlines()
	switch {
	case p.isKeyword("if"):
		f.body = p.ifBody(resource)
	case decl && p.peek().kind == tLBrace:
		f.body = p.object(resource)
	case decl:
		p.fail(p.peek(), "expected '{' or 'if' as the loop's body, found %s", p.peek().describe())
	default:
		p.enter()
		f.body = p.expr()
		p.leave()
	}
	p.skipNewlines()
	f.end = p.expect(tRBrack, "to close the loop").pos
	return f
}
