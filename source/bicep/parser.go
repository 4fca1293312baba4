package bicep

import (
	"fmt"
	"strings"
)

// A recursive-descent parser for Bicep and .bicepparam files, after the
// Bicep compiler's (src/Bicep.Core/Parsing): declarations end at a newline,
// expressions use precedence climbing with the language reference's
// operator table. It accepts a little more than the compiler (commas and
// newlines may be mixed as separators; a line may continue with a binary
// operator) because it judges values, not style. A syntax error abandons the
// declaration it is in: the parser reports it and resumes at the next
// declaration that starts a line, so the rest of the file is still read.

// maxDepth bounds the nesting of expressions, objects and types, so that
// hostile input cannot exhaust the stack.
const maxDepth = 200

type parser struct {
	toks  []token
	i     int
	depth int
	errs  []syntaxError
	// keyword is the index of the failed declaration's keyword, after its
	// decorators: recovery resumes after it, so that a run of decorators is
	// read once.
	keyword int
}

// bailout unwinds the parser from a syntax error to the declaration loop.
type bailout struct{}

// parse parses a Bicep or .bicepparam file.
func parse(name, src string) *file {
	toks, comments := lex(src)
	p := &parser{toks: toks}
	f := &file{name: name, comments: comments}
	for {
		p.skipNewlines()
		if p.peek().kind == tEOF {
			break
		}
		start := p.i
		if d := p.declarationSafe(); d != nil {
			f.decls = append(f.decls, d)
			continue
		}
		p.sync(start)
	}
	f.diags = p.errs
	return f
}

// declarationSafe parses one declaration and the newline after it; it
// returns nil after a syntax error.
func (p *parser) declarationSafe() (d decl) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
			d = nil
		}
	}()
	p.depth, p.keyword = 0, p.i
	d = p.declaration()
	if k := p.peek().kind; k != tNewline && k != tEOF {
		p.fail(p.peek(), "expected a new line after the declaration, found %s", p.peek().describe())
	}
	return d
}

// sync skips to the next line after start that starts (in column 1) with a
// decorator or a declaration keyword: the declaration that failed at start
// is abandoned, whatever of it was read.
func (p *parser) sync(start int) {
	start = max(start, p.keyword)
	for p.i = start + 1; p.i < len(p.toks)-1; p.i++ {
		t := p.toks[p.i]
		if t.pos.Col == 1 && p.toks[p.i-1].kind == tNewline && (t.kind == tAt || t.kind == tIdent && declKeywords[t.text]) {
			return
		}
	}
	p.i = len(p.toks) - 1
}

var declKeywords = map[string]bool{
	"targetScope": true, "metadata": true, "param": true, "var": true, "resource": true,
	"module": true, "output": true, "type": true, "func": true, "import": true,
	"extension": true, "provider": true, "using": true, "extends": true, "assert": true, "test": true,
}

func (p *parser) peek() token { return p.toks[p.i] }

// peekAt returns the token n places ahead.
func (p *parser) peekAt(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

// next consumes a token; a token the lexer could not read is reported here.
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.err != "" {
		p.fail(t, "%s", t.err)
	}
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) fail(t token, format string, a ...any) {
	msg := fmt.Sprintf(format, a...)
	if t.err != "" {
		msg = t.err
	}
	if n := len(p.errs); n == 0 || p.errs[n-1].pos != t.pos {
		p.errs = append(p.errs, syntaxError{pos: t.pos, msg: msg})
	}
	panic(bailout{})
}

func (p *parser) expect(k tokKind, context string) token {
	t := p.peek()
	if t.kind != k {
		p.fail(t, "expected %s %s, found %s", k, context, t.describe())
	}
	return p.next()
}

func (p *parser) skipNewlines() {
	for p.peek().kind == tNewline {
		p.i++
	}
}

// skipSeparators skips the newlines and commas between members.
func (p *parser) skipSeparators() {
	for k := p.peek().kind; k == tNewline || k == tComma; k = p.peek().kind {
		p.i++
	}
}

func (p *parser) isKeyword(kw string) bool {
	t := p.peek()
	return t.kind == tIdent && t.text == kw
}

func (p *parser) identName(context string) token {
	return p.expect(tIdent, context)
}

// plainString reads a string without interpolation (a resource type, a
// module path).
func (p *parser) plainString(context string) token {
	t := p.peek()
	switch t.kind {
	case tString, tMultiline:
		return p.next()
	case tStrLeft:
		p.fail(t, "%s cannot use string interpolation", context)
	}
	p.fail(t, "expected %s in quotes, found %s", context, t.describe())
	return t
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.fail(p.peek(), "the expression nests more than %d levels deep", maxDepth)
	}
}

func (p *parser) leave() { p.depth-- }

// declaration parses one declaration with its decorators.
func (p *parser) declaration() decl {
	first := p.peek().pos
	var decs []*decorator
	for p.peek().kind == tAt {
		decs = append(decs, p.decorator())
		if k := p.peek().kind; k != tNewline {
			p.fail(p.peek(), "expected a new line after the decorator, found %s", p.peek().describe())
		}
		p.skipNewlines()
	}
	p.keyword = p.i
	t := p.peek()
	if t.kind != tIdent || !declKeywords[t.text] {
		p.fail(t, "expected a declaration (param, var, resource, module, output, type, func, import, ...), found %s", t.describe())
	}
	p.next()
	b := declBase{p: t.pos, first: first, decorators: decs}
	switch t.text {
	case "targetScope":
		p.expect(tAssign, "after targetScope")
		return &targetScopeDecl{declBase: b, value: p.expr()}
	case "metadata":
		b.name = p.identName("after metadata").text
		p.expect(tAssign, "after the metadata name")
		p.expr()
		return &metadataDecl{b}
	case "param":
		b.name = p.identName("after param").text
		d := &paramDecl{declBase: b}
		if p.peek().kind != tAssign {
			d.typ = p.typeExpr()
		}
		if p.peek().kind == tAssign {
			p.next()
			p.skipNewlines()
			d.value = p.expr()
		}
		return d
	case "var":
		b.name = p.identName("after var").text
		if p.peek().kind != tAssign {
			p.typeExpr()
		}
		p.expect(tAssign, "after the variable name")
		p.skipNewlines()
		return &varDecl{declBase: b, value: p.expr()}
	case "resource":
		return p.resourceDecl(b)
	case "module":
		return p.moduleDecl(b)
	case "output":
		b.name = p.identName("after output").text
		d := &outputDecl{declBase: b}
		if p.isKeyword("resource") {
			d.typ = typeRef{p: p.next().pos, name: "resource"}
			if k := p.peek().kind; k == tString || k == tStrLeft {
				p.plainString("a resource type")
			}
		} else {
			d.typ = p.typeExpr()
		}
		p.expect(tAssign, "after the output's type")
		p.skipNewlines()
		d.value = p.expr()
		return d
	case "type":
		b.name = p.identName("after type").text
		p.expect(tAssign, "after the type name")
		p.skipNewlines()
		return &typeDecl{declBase: b, typ: p.typeExpr()}
	case "func":
		return p.funcDecl(b)
	case "import":
		return p.importDecl(b)
	case "extension", "provider":
		if k := p.peek().kind; k == tIdent {
			p.next()
		} else {
			p.plainString("an extension name")
		}
		p.importClauses()
		return &importDecl{declBase: b}
	case "using":
		d := &usingDecl{declBase: b}
		if p.isKeyword("none") {
			p.next()
		} else {
			d.path = p.plainString("a template path").val
		}
		if p.isKeyword("with") {
			p.next()
			p.object(false)
		}
		return d
	case "extends":
		p.plainString("a parameters file path")
		return &skippedDecl{b}
	case "assert":
		b.name = p.identName("after assert").text
		p.expect(tAssign, "after the assertion name")
		p.expr()
		return &skippedDecl{b}
	}
	// test
	b.name = p.identName("after test").text
	p.plainString("a test path")
	p.expect(tAssign, "after the test path")
	p.object(false)
	return &skippedDecl{b}
}

// decorator parses @name(args) or @ns.name(args).
func (p *parser) decorator() *decorator {
	at := p.next()
	name := p.identName("after '@'")
	if p.peek().kind == tDot {
		p.next()
		name = p.identName("after the namespace")
	}
	d := &decorator{p: at.pos, name: strings.ToLower(name.text)}
	d.args = p.callArgs()
	return d
}
