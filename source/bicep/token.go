package bicep

import "fmt"

// Pos is a place in a Bicep file: 1-based line and column (in bytes).
type Pos struct {
	Line, Col int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// tokKind is the kind of a token.
type tokKind uint8

const (
	tEOF tokKind = iota
	tNewline
	tIdent
	tInt
	tString    // 'text' (val is the decoded text)
	tStrLeft   // 'text${
	tStrMid    // }text${
	tStrRight  // }text'
	tMultiline // '''text''' (val is the text)
	tLBrace
	tRBrace
	tLParen
	tRParen
	tLBrack
	tRBrack
	tComma
	tDot
	tColon
	tDColon   // ::
	tQuestion // ?
	tDQuest   // ??
	tAssign   // =
	tArrow    // =>
	tAt       // @
	tPipe     // |
	tEllipsis // ...
	tPlus
	tMinus
	tStar
	tSlash
	tPercent
	tBang // !
	tLT
	tLE
	tGT
	tGE
	tEQ  // ==
	tNE  // !=
	tEQI // =~
	tNEI // !~
	tAnd // &&
	tOr  // ||
	tIllegal
)

var tokNames = [...]string{
	tEOF: "end of file", tNewline: "new line", tIdent: "identifier", tInt: "integer",
	tString: "string", tStrLeft: "string", tStrMid: "string", tStrRight: "string", tMultiline: "string",
	tLBrace: "'{'", tRBrace: "'}'", tLParen: "'('", tRParen: "')'", tLBrack: "'['", tRBrack: "']'",
	tComma: "','", tDot: "'.'", tColon: "':'", tDColon: "'::'", tQuestion: "'?'", tDQuest: "'??'",
	tAssign: "'='", tArrow: "'=>'", tAt: "'@'", tPipe: "'|'", tEllipsis: "'...'",
	tPlus: "'+'", tMinus: "'-'", tStar: "'*'", tSlash: "'/'", tPercent: "'%'", tBang: "'!'",
	tLT: "'<'", tLE: "'<='", tGT: "'>'", tGE: "'>='", tEQ: "'=='", tNE: "'!='", tEQI: "'=~'", tNEI: "'!~'",
	tAnd: "'&&'", tOr: "'||'", tIllegal: "an unexpected character",
}

func (k tokKind) String() string {
	if int(k) < len(tokNames) && tokNames[k] != "" {
		return tokNames[k]
	}
	return fmt.Sprintf("token %d", k)
}

// token is one lexical token.
type token struct {
	kind tokKind
	pos  Pos
	// text is the token's source text for identifiers, integers and
	// operators; val is the decoded value of string pieces.
	text, val string
	// err is set on tokens the lexer could not read (an unterminated
	// string, a bad escape, an unexpected character): the parser reports it
	// when it reaches the token.
	err string
}

// describe names a token in a syntax error.
func (t token) describe() string {
	switch t.kind {
	case tIdent:
		return fmt.Sprintf("%q", t.text)
	case tInt:
		return t.text
	}
	return t.kind.String()
}

// comment is a line comment ("// ..."), kept for inline ignores.
type comment struct {
	pos  Pos
	text string // without the leading "//"
	// alone is true when nothing but blanks precede it on its line.
	alone bool
}
