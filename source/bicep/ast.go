package bicep

// The syntax tree. Expressions are evaluated into armjson nodes; a
// declaration keeps what evaluation and locations need, nothing more (types
// are kept only as far as they decide values: int, bool, secure).

// expr is an expression.
type expr interface{ at() Pos }

type (
	strLit struct {
		p Pos
		v string
	}
	// interp is 'a${x}b': len(parts) == len(exprs)+1.
	interp struct {
		p     Pos
		parts []string
		exprs []expr
	}
	intLit struct {
		p    Pos
		text string
	}
	boolLit struct {
		p Pos
		v bool
	}
	nullLit struct{ p Pos }
	ident   struct {
		p    Pos
		name string
	}
	// call is name(args) or target.name(args) (a namespace such as sys or
	// az, or an instance: kv.getSecret('x'), aks.listClusterAdminCredential()).
	call struct {
		p      Pos
		target expr
		name   string
		args   []expr
	}
	member struct {
		p    Pos
		x    expr
		name string
		safe bool // x.?name
	}
	index struct {
		p    Pos
		x, i expr
		safe bool // x[?i]
	}
	// resAccess is parent::child, a nested resource.
	resAccess struct {
		p    Pos
		x    expr
		name string
	}
	unary struct {
		p  Pos
		op tokKind
		x  expr
	}
	nonNull struct {
		p Pos
		x expr
	}
	binary struct {
		p    Pos
		op   tokKind
		x, y expr
	}
	ternary struct {
		p               Pos
		cond, then, alt expr
	}
	arrayLit struct {
		p     Pos
		items []expr // a *spread item spreads an array
	}
	spread struct {
		p Pos
		x expr
	}
	objectLit struct {
		p     Pos
		props []*prop
		// resources are the nested resource declarations of a resource body.
		resources []*resourceDecl
		end       Pos // the closing brace
	}
	// forExpr is [for item in iter: body] or [for (item, index) in ...].
	forExpr struct {
		p           Pos
		item, index string
		iter        expr
		body        expr // an *ifBody in resource and module bodies
		end         Pos
	}
	// ifBody is if (cond) {...}, the body of a conditional resource or
	// module.
	ifBody struct {
		p    Pos
		cond expr
		body *objectLit
	}
	lambda struct {
		p      Pos
		params []string
		body   expr
	}
)

// prop is an object member: key: value, or ...spread.
type prop struct {
	p      Pos
	key    string // an identifier or a plain string key
	keyX   expr   // an interpolated key
	value  expr
	spread expr
}

func (e *strLit) at() Pos    { return e.p }
func (e *interp) at() Pos    { return e.p }
func (e *intLit) at() Pos    { return e.p }
func (e *boolLit) at() Pos   { return e.p }
func (e *nullLit) at() Pos   { return e.p }
func (e *ident) at() Pos     { return e.p }
func (e *call) at() Pos      { return e.p }
func (e *member) at() Pos    { return e.p }
func (e *index) at() Pos     { return e.p }
func (e *resAccess) at() Pos { return e.p }
func (e *unary) at() Pos     { return e.p }
func (e *nonNull) at() Pos   { return e.p }
func (e *binary) at() Pos    { return e.p }
func (e *ternary) at() Pos   { return e.p }
func (e *arrayLit) at() Pos  { return e.p }
func (e *spread) at() Pos    { return e.p }
func (e *objectLit) at() Pos { return e.p }
func (e *forExpr) at() Pos   { return e.p }
func (e *ifBody) at() Pos    { return e.p }
func (e *lambda) at() Pos    { return e.p }

// get returns the member named key (case-insensitively, as ARM matches
// property names), or nil.
func (o *objectLit) get(key string) *prop {
	var found *prop
	for _, p := range o.props {
		if p.keyX == nil && p.spread == nil && equalFold(p.key, key) {
			found = p
		}
	}
	return found
}

// decorator is @name(args) or @ns.name(args) before a declaration.
type decorator struct {
	p    Pos
	name string // lower-case, without a sys. prefix
	args []expr
}

// typeRef is what a declaration's type says about its values: the base
// type (lower-case: "string", "int", "bool", "object", "array", a
// user-defined type's name, or "" for literal, union and object types).
type typeRef struct {
	p    Pos
	name string
	// nullable is set for T? (and unions with null): a parameter of a
	// nullable type defaults to null.
	nullable bool
}

// decl is a top-level declaration.
type decl interface{ start() Pos }

type declBase struct {
	p          Pos // the keyword
	first      Pos // the first decorator, or the keyword
	decorators []*decorator
	name       string
}

func (d *declBase) start() Pos { return d.first }

// decorated reports whether the declaration has the decorator.
func (d *declBase) decorated(name string) *decorator {
	for _, dc := range d.decorators {
		if dc.name == name {
			return dc
		}
	}
	return nil
}

type (
	targetScopeDecl struct {
		declBase
		value expr
	}
	metadataDecl struct{ declBase }
	paramDecl    struct {
		declBase
		typ   typeRef
		value expr // the default (in .bicepparam files, the value)
	}
	varDecl struct {
		declBase
		value expr
	}
	resourceDecl struct {
		declBase
		typ      string // "Microsoft.X/y@version" as written
		typPos   Pos
		existing bool
		body     expr // *objectLit, *ifBody or *forExpr
		end      Pos
	}
	moduleDecl struct {
		declBase
		path    string
		pathPos Pos
		body    expr
		end     Pos
	}
	outputDecl struct {
		declBase
		typ   typeRef
		value expr
	}
	typeDecl struct {
		declBase
		typ typeRef
	}
	funcDecl struct {
		declBase
		params []string
		body   expr
	}
	// importDecl is import {a, b as c} from 'path', import * as ns from
	// 'path', or an extension import (import 'az@1.0.0', extension x),
	// which has no path.
	importDecl struct {
		declBase
		path     string
		pathPos  Pos
		names    []importName
		wildcard string // the alias of import * as alias
	}
	usingDecl struct {
		declBase
		path string // "" for using none
	}
	// skippedDecl is a declaration that does not bear on values (assert,
	// test, extends).
	skippedDecl struct{ declBase }
)

type importName struct {
	name, alias string
	p           Pos
}

// file is a parsed Bicep or .bicepparam file.
type file struct {
	name     string
	decls    []decl
	comments []comment
	diags    []syntaxError
}

// syntaxError is a parse error with its place.
type syntaxError struct {
	pos Pos
	msg string
}
