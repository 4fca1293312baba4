package bicep

// Resource, module, function and import declarations.

func (p *parser) resourceDecl(b declBase) *resourceDecl {
	b.name = p.identName("after resource").text
	t := p.plainString("a resource type ('Namespace/type@apiVersion')")
	d := &resourceDecl{declBase: b, typ: t.val, typPos: t.pos}
	if p.isKeyword("existing") {
		p.next()
		d.existing = true
	}
	p.expect(tAssign, "after the resource type")
	d.body = p.declBody(true)
	d.end = p.toks[p.i-1].pos
	return d
}

func (p *parser) moduleDecl(b declBase) *moduleDecl {
	b.name = p.identName("after module").text
	t := p.plainString("a module path")
	d := &moduleDecl{declBase: b, path: t.val, pathPos: t.pos}
	p.expect(tAssign, "after the module path")
	d.body = p.declBody(false)
	d.end = p.toks[p.i-1].pos
	return d
}

// declBody parses the body of a resource or module: an object, if (cond)
// {...}, or a loop.
func (p *parser) declBody(resource bool) expr {
	if p.peek().kind == tNewline && p.nextAfterNewlines().kind == tIdent && p.nextAfterNewlines().text == "if" {
		p.skipNewlines()
	}
	switch t := p.peek(); {
	case t.kind == tLBrace:
		return p.object(resource)
	case t.kind == tIdent && t.text == "if":
		return p.ifBody(resource)
	case t.kind == tLBrack:
		return p.forExpr(resource, true)
	default:
		p.fail(t, "expected '{', 'if' or '[for' after '=', found %s", t.describe())
	}
	return nil
}

// nextAfterNewlines returns the first token after the newlines at the
// parser's position.
func (p *parser) nextAfterNewlines() token {
	for j := p.i; j < len(p.toks); j++ {
		if p.toks[j].kind != tNewline {
			return p.toks[j]
		}
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) ifBody(resource bool) *ifBody {
	kw := p.next() // if
	b := &ifBody{p: kw.pos}
	p.expect(tLParen, "after 'if'")
	p.skipNewlines()
	b.cond = p.expr()
	p.skipNewlines()
	p.expect(tRParen, "after the condition")
	p.skipNewlines()
	if p.peek().kind != tLBrace {
		p.fail(p.peek(), "expected '{' after the condition, found %s", p.peek().describe())
	}
	b.body = p.object(resource)
	return b
}

func (p *parser) funcDecl(b declBase) *funcDecl {
	b.name = p.identName("after func").text
	d := &funcDecl{declBase: b}
	p.expect(tLParen, "after the function name")
	p.skipNewlines()
	for p.peek().kind != tRParen {
		d.params = append(d.params, p.identName("as a parameter name").text)
		p.typeExpr()
		p.skipNewlines()
		if p.peek().kind != tComma {
			break
		}
		p.next()
		p.skipNewlines()
	}
	p.expect(tRParen, "after the function's parameters")
	p.typeExpr()
	p.expect(tArrow, "after the function's return type")
	p.skipNewlines()
	d.body = p.expr()
	return d
}

// importDecl parses the forms of import: import {a, b as c} from 'path',
// import * as ns from 'path', and the extension form import 'name@1.0.0'
// [with {...}] [as alias].
func (p *parser) importDecl(b declBase) *importDecl {
	d := &importDecl{declBase: b}
	switch p.peek().kind {
	case tLBrace:
		p.next()
		for {
			p.skipSeparators()
			if p.peek().kind == tRBrace {
				p.next()
				break
			}
			n := p.identName("in the import list")
			in := importName{name: n.text, alias: n.text, p: n.pos}
			if p.isKeyword("as") {
				p.next()
				in.alias = p.identName("after 'as'").text
			}
			d.names = append(d.names, in)
			if k := p.peek().kind; k != tComma && k != tNewline && k != tRBrace {
				p.fail(p.peek(), "expected ',' or '}' in the import list, found %s", p.peek().describe())
			}
		}
	case tStar:
		p.next()
		if !p.isKeyword("as") {
			p.fail(p.peek(), "expected 'as' after 'import *', found %s", p.peek().describe())
		}
		p.next()
		d.wildcard = p.identName("after 'as'").text
	default:
		p.plainString("an extension name")
		p.importClauses()
		return d
	}
	if !p.isKeyword("from") {
		p.fail(p.peek(), "expected 'from' after the import list, found %s", p.peek().describe())
	}
	p.next()
	t := p.plainString("an import path")
	d.path, d.pathPos = t.val, t.pos
	return d
}

// importClauses parses the optional "with {...}" and "as alias" of an
// extension.
func (p *parser) importClauses() {
	if p.isKeyword("with") {
		p.next()
		p.object(false)
	}
	if p.isKeyword("as") {
		p.next()
		p.identName("after 'as'")
	}
}
