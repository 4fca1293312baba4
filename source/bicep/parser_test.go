package bicep

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParsesTheLanguage parses a file that uses every construct the reader
// knows, from the Bicep language reference: it must parse without errors.
func TestParsesTheLanguage(t *testing.T) {
	data, err := os.ReadFile("testdata/syntax/language.bicep")
	if err != nil {
		t.Fatal(err)
	}
	f := parse("language.bicep", string(data))
	for _, e := range f.diags {
		t.Errorf("language.bicep:%v: %s", e.pos, e.msg)
	}
	kinds := map[string]int{}
	for _, d := range f.decls {
		kinds[fmt.Sprintf("%T", d)]++
	}
	want := map[string]int{
		"*bicep.metadataDecl": 1, "*bicep.targetScopeDecl": 1, "*bicep.importDecl": 4, "*bicep.typeDecl": 4,
		"*bicep.funcDecl": 2, "*bicep.paramDecl": 7, "*bicep.varDecl": 21, "*bicep.resourceDecl": 5,
		"*bicep.moduleDecl": 3, "*bicep.outputDecl": 4, "*bicep.skippedDecl": 1,
	}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("declarations (-want +got):\n%s", diff)
	}
}

// TestSyntaxErrors checks that a syntax error is reported at its line and
// column, and that the declarations after it are still read.
func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      string   // "line:col: message" (prefix of the message)
		names     []string // the declarations read
	}{
		{"unterminated string", "param x string = 'abc\nvar y = 1\n",
			"1:18: unterminated string", []string{"y"}},
		{"double quotes", "var s = \"x\"\nvar y = 1\n",
			`1:9: unexpected '"': Bicep strings are in single quotes`, []string{"y"}},
		{"dangling operator", "var x = 1 +\nvar y = 1\n",
			"1:12: expected an expression, found new line", []string{"y"}},
		{"unexpected character", "var x = 1 # 2\nvar y = 1\n",
			"1:11: unexpected character '#'", []string{"y"}},
		{"unclosed object", "var a = {\n  x: 1\nvar b = 2\n",
			`3:5: expected ':' after the property name, found "b"`, []string{"b"}},
		{"missing name", "@description('d')\nparam\nvar y = 1\n",
			"2:6: expected identifier after param, found new line", []string{"y"}},
		{"bad escape", "var s = 'a\\qb'\nvar y = 1\n",
			`1:9: invalid escape sequence \q`, []string{"y"}},
		{"interpolation hole across lines", "var s = 'a${1\n}'\nvar y = 1\n",
			"1:14: expected '}' to close the interpolation hole, found new line", []string{"y"}},
		{"resource without body", "resource r 'A.B/c@1' = 'x'\nresource s 'A.B/c@1' = {\n  name: 's'\n}\n",
			"1:24: expected '{', 'if' or '[for' after '=', found string", []string{"s"}},
		{"unknown declaration", "foo bar\nvar y = 1\n",
			`1:1: expected a declaration (param, var, resource, module, output, type, func, import, ...), found "foo"`, []string{"y"}},
		{"two declarations on a line", "var x = 1 var y = 2\nvar z = 3\n",
			`1:11: expected a new line after the declaration, found "var"`, []string{"z"}},
		{"unterminated multi-line string", "var y = 1\nvar s = '''\nabc\n",
			"2:9: unterminated multi-line string", []string{"y"}},
		{"too deep", "var x = " + strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300) + "\nvar y = 1\n",
			"1:109: the expression nests more than 200 levels deep", []string{"y"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := parse("x.bicep", tt.src)
			if len(f.diags) == 0 {
				t.Fatalf("no syntax error; want %s", tt.want)
			}
			got := fmt.Sprintf("%v: %s", f.diags[0].pos, f.diags[0].msg)
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("error\n got %s\nwant %s", got, tt.want)
			}
			var names []string
			for _, d := range f.decls {
				if n := declName(d); n != "" {
					names = append(names, n)
				}
			}
			if diff := cmp.Diff(tt.names, names); diff != "" {
				t.Errorf("declarations read (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLexer checks token kinds, values and positions, including the string
// pieces around interpolation holes.
func TestLexer(t *testing.T) {
	toks, comments := lex("x.?y ?? z[?0]! // note\n'a${b}c${'d'}e' :: =~ !~ ... '''\nm\n''' /* c\n */ 12")
	var got []string
	for _, tk := range toks {
		s := fmt.Sprintf("%v %s", tk.pos, tk.kind)
		switch tk.kind {
		case tIdent, tInt:
			s += " " + tk.text
		case tString, tStrLeft, tStrMid, tStrRight, tMultiline:
			s += fmt.Sprintf(" %q", tk.val)
		}
		got = append(got, s)
	}
	want := []string{
		"1:1 identifier x", "1:2 '.'", "1:3 '?'", "1:4 identifier y", "1:6 '??'", "1:9 identifier z",
		"1:10 '['", "1:11 '?'", "1:12 integer 0", "1:13 ']'", "1:14 '!'", "1:23 new line",
		`2:1 string "a"`, "2:5 identifier b", `2:6 string "c"`, `2:10 string "d"`, `2:13 string "e"`,
		"2:17 '::'", "2:20 '=~'", "2:23 '!~'", "2:26 '...'", `2:30 string "m\n"`, "5:5 integer 12", "5:7 end of file",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
	if len(comments) != 1 || comments[0].text != " note" || comments[0].pos != (Pos{1, 16}) || comments[0].alone {
		t.Errorf("comments = %+v", comments)
	}
}
