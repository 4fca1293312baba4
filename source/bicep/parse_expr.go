package bicep

import "strings"

// Expressions, by the precedence table of the Bicep operators reference
// (highest first): ( ) [ ] . :: and postfix !, unary ! and -, * / %, + -,
// < <= > >=, == != =~ !~, &&, ||, ??, and the right-associative ternary.

func precedence(k tokKind) int {
	switch k {
	case tStar, tSlash, tPercent:
		return 100
	case tPlus, tMinus:
		return 90
	case tLT, tLE, tGT, tGE:
		return 80
	case tEQ, tNE, tEQI, tNEI:
		return 70
	case tAnd:
		return 50
	case tOr:
		return 40
	case tDQuest:
		return 30
	}
	return -1
}

// continues reports whether the token of kind k, first on the next line,
// continues the expression rather than starting a new member: an operator
// that cannot start an expression.
func continues(k tokKind) bool {
	return k != tMinus && k != tPlus && precedence(k) > 0 || k == tQuestion
}

// peekOp returns the next token, looking past newlines when the first token
// after them continues the expression (and then consuming them).
func (p *parser) peekOp() token {
	t := p.peek()
	if t.kind == tNewline {
		if n := p.nextAfterNewlines(); continues(n.kind) {
			p.skipNewlines()
			return n
		}
	}
	return t
}

// continueLine skips the newlines after an operator, unless the next line
// starts a declaration: then the operand is missing, and the error is
// reported where it is.
func (p *parser) continueLine() {
	if p.peek().kind != tNewline {
		return
	}
	n := p.nextAfterNewlines()
	if n.pos.Col == 1 && (n.kind == tAt || n.kind == tIdent && declKeywords[n.text]) {
		return
	}
	p.skipNewlines()
}

func (p *parser) expr() expr {
	p.enter()
	defer p.leave()
	x := p.binary(0)
	if q := p.peekOp(); q.kind == tQuestion {
		p.next()
		p.continueLine()
		then := p.expr()
		if p.peek().kind == tNewline && p.nextAfterNewlines().kind == tColon {
			p.skipNewlines()
		}
		p.expect(tColon, "in the conditional expression (cond ? a : b)")
		p.continueLine()
		return &ternary{p: x.at(), cond: x, then: then, alt: p.expr()}
	}
	return x
}

func (p *parser) binary(min int) expr {
	x := p.unary()
	for {
		op := p.peekOp()
		prec := precedence(op.kind)
		if prec <= min {
			return x
		}
		p.next()
		p.continueLine()
		p.enter()
		y := p.binary(prec)
		p.leave()
		x = &binary{p: op.pos, op: op.kind, x: x, y: y}
	}
}

func (p *parser) unary() expr {
	t := p.peek()
	switch t.kind {
	case tBang, tMinus:
		p.next()
		if t.kind == tMinus && p.peek().kind == tInt {
			n := p.next()
			return p.postfix(&intLit{p: t.pos, text: "-" + n.text})
		}
		p.enter()
		x := p.unary()
		p.leave()
		return &unary{p: t.pos, op: t.kind, x: x}
	}
	return p.postfix(p.primary())
}

// postfix parses the accessors after a primary expression: [i], [?i], .name,
// .?name, .fn(args), ::child and the non-null assertion !.
func (p *parser) postfix(x expr) expr {
	for {
		t := p.peek()
		switch t.kind {
		case tLBrack:
			p.next()
			safe := false
			if p.peek().kind == tQuestion {
				p.next()
				safe = true
			}
			p.skipNewlines()
			p.enter()
			i := p.expr()
			p.leave()
			p.skipNewlines()
			p.expect(tRBrack, "after the index")
			x = &index{p: t.pos, x: x, i: i, safe: safe}
		case tDot:
			p.next()
			safe := false
			if p.peek().kind == tQuestion {
				p.next()
				safe = true
			}
			name := p.identName("after '.'")
			if p.peek().kind == tLParen && !safe {
				x = &call{p: name.pos, target: x, name: name.text, args: p.callArgs()}
			} else {
				x = &member{p: name.pos, x: x, name: name.text, safe: safe}
			}
		case tDColon:
			p.next()
			name := p.identName("after '::'")
			x = &resAccess{p: name.pos, x: x, name: name.text}
		case tBang:
			p.next()
			x = &nonNull{p: t.pos, x: x}
		default:
			return x
		}
	}
}

func (p *parser) primary() expr {
	t := p.peek()
	switch t.kind {
	case tInt:
		p.next()
		return &intLit{p: t.pos, text: t.text}
	case tString, tStrLeft:
		return p.stringExpr()
	case tMultiline:
		p.next()
		return &strLit{p: t.pos, v: t.val}
	case tLBrace:
		return p.object(false)
	case tLBrack:
		save := p.i
		p.next()
		p.skipNewlines()
		isFor := p.isKeyword("for")
		p.i = save
		if isFor {
			return p.forExpr(false, false)
		}
		return p.array()
	case tLParen:
		return p.parenOrLambda()
	case tIdent:
		p.next()
		switch t.text {
		case "true", "false":
			return &boolLit{p: t.pos, v: t.text == "true"}
		case "null":
			return &nullLit{p: t.pos}
		}
		switch p.peek().kind {
		case tLParen:
			return &call{p: t.pos, name: t.text, args: p.callArgs()}
		case tArrow:
			p.next()
			p.skipNewlines()
			return &lambda{p: t.pos, params: []string{t.text}, body: p.expr()}
		}
		return &ident{p: t.pos, name: t.text}
	}
	p.fail(t, "expected an expression, found %s", t.describe())
	return nil
}

// stringExpr parses a string, interpolated or not.
func (p *parser) stringExpr() expr {
	t := p.next()
	if t.kind == tString {
		return &strLit{p: t.pos, v: t.val}
	}
	s := &interp{p: t.pos, parts: []string{t.val}}
	for {
		if k := p.peek().kind; k == tStrMid || k == tStrRight || k == tNewline || k == tEOF {
			p.fail(p.peek(), "expected an expression in the interpolation hole ${...}, found %s", p.peek().describe())
		}
		p.enter()
		s.exprs = append(s.exprs, p.expr())
		p.leave()
		piece := p.peek()
		switch piece.kind {
		case tStrMid:
			p.next()
			s.parts = append(s.parts, piece.val)
		case tStrRight:
			p.next()
			s.parts = append(s.parts, piece.val)
			return s
		default:
			p.fail(piece, "expected '}' to close the interpolation hole, found %s", piece.describe())
		}
	}
}

// callArgs parses (a, b, ...): newlines may surround the arguments.
func (p *parser) callArgs() []expr {
	p.expect(tLParen, "before the arguments")
	var args []expr
	for {
		p.skipNewlines()
		if p.peek().kind == tRParen {
			p.next()
			return args
		}
		p.enter()
		args = append(args, p.expr())
		p.leave()
		p.skipNewlines()
		switch p.peek().kind {
		case tComma:
			p.next()
		case tRParen:
		default:
			p.fail(p.peek(), "expected ',' or ')' in the arguments, found %s", p.peek().describe())
		}
	}
}

// parenOrLambda parses (x), or a lambda (a, b) => body / () => body.
func (p *parser) parenOrLambda() expr {
	lp := p.next()
	var items []expr
	for {
		p.skipNewlines()
		if p.peek().kind == tRParen {
			break
		}
		p.enter()
		items = append(items, p.expr())
		p.leave()
		p.skipNewlines()
		if p.peek().kind != tComma {
			break
		}
		p.next()
	}
	p.expect(tRParen, "to close '('")
	if p.peek().kind == tArrow {
		p.next()
		p.skipNewlines()
		l := &lambda{p: lp.pos}
		for _, it := range items {
			id, ok := it.(*ident)
			if !ok {
				p.fail(token{pos: it.at()}, "a lambda's parameters must be names")
			}
			l.params = append(l.params, id.name)
		}
		l.body = p.expr()
		return l
	}
	if len(items) != 1 {
		p.fail(lp, "parentheses must hold exactly one expression")
	}
	return items[0]
}

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }
