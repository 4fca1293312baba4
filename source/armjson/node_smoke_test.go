package armjson

import "testing"

func TestParseLines(t *testing.T) {
	n, err := Parse([]byte("{\n  \"a\": {\n    \"B\": [1, true,\n \"x\"]\n  }\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if n.Path("A.b").Line != 3 || n.Path("a.b").Items[2].Line != 4 || n.Get("a").Line != 2 {
		t.Fatalf("lines: %d %d %d", n.Path("A.b").Line, n.Path("a.b").Items[2].Line, n.Get("a").Line)
	}
	_, err = Parse([]byte("{\n \"a\": [1,\n 2,,]}"))
	se, ok := err.(*SyntaxError)
	if !ok || se.Line != 3 {
		t.Fatalf("got %v", err)
	}
}
