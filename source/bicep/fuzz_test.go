package bicep

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aksguard/aksguard/source"
)

// FuzzParse checks that no input makes the lexer, the parser or the
// evaluator panic or hang, and that every syntax error names a place inside
// the file. Run: go test ./source/bicep -run '^$' -fuzz FuzzParse -fuzztime 10s
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.bicep"))
	more, _ := filepath.Glob(filepath.Join("testdata", "*", "*.bicep"))
	for _, p := range append(seeds, more...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		"", "'", "'''", "${", "'${'", "'${x}", "}", "{", "[for", "resource a 'b' = [for x in y: if (", "@", "@a(\n",
		"var x = a.?b[?c]!::d", "func f() int => f()", "import {a as b} from 'c'", "param x string = ", "/*", "'\\u{110000}'",
		"var x = (a, b) => c\nvar y = x", "module m 'main.bicep' = [for i in range(0, 3): {\n}]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		lines := strings.Count(string(data), "\n") + strings.Count(string(data), "\r") + 1
		pf := parse("main.bicep", string(data))
		for _, e := range pf.diags {
			if e.pos.Line < 1 || e.pos.Line > lines || e.pos.Col < 1 || e.pos.Col > len(data)+1 {
				t.Fatalf("syntax error outside the file (%d lines, %d bytes): %v %s", lines, len(data), e.pos, e.msg)
			}
		}
		_, diags := Evaluate("main.bicep", data, Options{FS: fstest.MapFS{"main.bicep": &fstest.MapFile{Data: data}}})
		for _, d := range diags {
			if d.Severity == source.Error && d.Input == "main.bicep" && d.Line > lines {
				t.Fatalf("diagnostic past the end of the file: %v", d)
			}
		}
	})
}
