package armjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Kind is the kind of a Node.
type Kind uint8

// Node kinds. Unknown is not JSON: it marks a value an evaluator (ARM
// template, Bicep) could not resolve, with the reason in Node.Reason.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
	Unknown
)

// Node is a JSON value that remembers the line it was written on. Exported
// resources, the live API and evaluated templates all become Node trees, so
// one adapter reads them all. Object keys keep their order and are looked up
// case-insensitively, as ARM matches property names.
type Node struct {
	Kind   Kind
	Line   int
	Bool   bool
	Num    string // the number's literal text
	Str    string
	Items  []*Node
	Fields []Field
	// Reason says why an Unknown node could not be resolved.
	Reason string
}

// Field is one member of an object.
type Field struct {
	Key   string
	Line  int
	Value *Node
}

// SyntaxError is malformed JSON, with where it is.
type SyntaxError struct {
	Line, Column int
	Msg          string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Parse decodes one JSON document into a Node tree. Trailing data after the
// document is an error. Malformed input gives a *SyntaxError.
func Parse(data []byte) (*Node, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 BOM, as Windows tools write
	p := &parser{dec: json.NewDecoder(bytes.NewReader(data)), data: data, line: 1}
	p.dec.UseNumber()
	n, err := p.value()
	if err != nil {
		return nil, p.wrap(err)
	}
	if _, err := p.dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("unexpected data after the JSON document")
		}
		return nil, p.wrap(err)
	}
	return n, nil
}

type parser struct {
	dec  *json.Decoder
	data []byte
	// line is the line at offset pos; both only move forward.
	pos, line int
}

// lineAt returns the line of the byte at offset off (>= p.pos).
func (p *parser) lineAt(off int) int {
	if off > len(p.data) {
		off = len(p.data)
	}
	if off > p.pos {
		p.line += bytes.Count(p.data[p.pos:off], []byte{'\n'})
		p.pos = off
	}
	return p.line
}

// tokenStart returns the line where the next token starts.
func (p *parser) tokenStart() int {
	off := int(p.dec.InputOffset())
	for off < len(p.data) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return p.lineAt(off)
}

func (p *parser) wrap(err error) error {
	var se *json.SyntaxError
	off := int(p.dec.InputOffset())
	// A SyntaxError from Decoder.Token may count its offset from where the
	// current value began rather than from the start of the input, so it can
	// lag behind the decoder's position; the larger of the two is the
	// offending byte.
	if errors.As(err, &se) && int(se.Offset) > off {
		off = int(se.Offset)
	}
	if off > len(p.data) {
		off = len(p.data)
	}
	line := 1 + bytes.Count(p.data[:off], []byte{'\n'})
	col := off - bytes.LastIndexByte(p.data[:off], '\n')
	msg := err.Error()
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of JSON input"
	}
	return &SyntaxError{Line: line, Column: col, Msg: msg}
}

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 10000

func (p *parser) value() (*Node, error) { return p.valueAt(0) }

func (p *parser) valueAt(depth int) (*Node, error) {
	if depth > maxDepth {
		return nil, errors.New("JSON nested too deeply")
	}
	line := p.tokenStart()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &Node{Kind: Object, Line: line}
			for p.dec.More() {
				kl := p.tokenStart()
				kt, err := p.dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := kt.(string)
				if !ok {
					return nil, fmt.Errorf("object key is not a string")
				}
				v, err := p.valueAt(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Fields = append(n.Fields, Field{Key: key, Line: kl, Value: v})
			}
			if _, err := p.dec.Token(); err != nil {
				return nil, err
			}
			return n, nil
		case '[':
			n := &Node{Kind: Array, Line: line}
			for p.dec.More() {
				v, err := p.valueAt(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Items = append(n.Items, v)
			}
			if _, err := p.dec.Token(); err != nil {
				return nil, err
			}
			return n, nil
		}
		return nil, fmt.Errorf("unexpected %q", t)
	case string:
		return &Node{Kind: String, Line: line, Str: t}, nil
	case json.Number:
		return &Node{Kind: Number, Line: line, Num: string(t)}, nil
	case bool:
		return &Node{Kind: Bool, Line: line, Bool: t}, nil
	case nil:
		return &Node{Kind: Null, Line: line}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// Get returns the member named key, matched case-insensitively, or nil when
// n is not an object or has no such member. When several keys match, the last
// wins, as JSON decoders do.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	var found *Node
	for i := range n.Fields {
		if strings.EqualFold(n.Fields[i].Key, key) {
			found = n.Fields[i].Value
		}
	}
	return found
}

// Path follows a dotted path of member names ("properties.aadProfile.managed"),
// each matched case-insensitively. It returns nil when a step is missing, and
// the Unknown node itself when the path runs into an unresolved value.
func (n *Node) Path(path string) *Node {
	cur := n
	for _, k := range strings.Split(path, ".") {
		if cur == nil {
			return nil
		}
		if cur.Kind == Unknown {
			return cur
		}
		cur = cur.Get(k)
	}
	return cur
}

// Set adds or replaces the member key (matched case-insensitively).
func (n *Node) Set(key string, v *Node) {
	for i := range n.Fields {
		if strings.EqualFold(n.Fields[i].Key, key) {
			n.Fields[i].Value = v
			return
		}
	}
	n.Fields = append(n.Fields, Field{Key: key, Line: v.Line, Value: v})
}

// Int returns the node as an int when it is a whole number (or a string
// holding one, as some exports write).
func (n *Node) Int() (int, bool) {
	if n == nil {
		return 0, false
	}
	s := n.Num
	if n.Kind == String {
		s = n.Str
	} else if n.Kind != Number {
		return 0, false
	}
	if i, err := strconv.Atoi(s); err == nil {
		return i, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int(f)) {
		return 0, false
	}
	return int(f), true
}

// AsBool returns the node as a bool, accepting "true"/"false" strings as ARM
// does for string-typed booleans.
func (n *Node) AsBool() (bool, bool) {
	if n == nil {
		return false, false
	}
	switch n.Kind {
	case Bool:
		return n.Bool, true
	case String:
		if b, err := strconv.ParseBool(strings.ToLower(n.Str)); err == nil {
			return b, true
		}
	}
	return false, false
}

// AsString returns the node's string value; numbers and bools are rendered.
func (n *Node) AsString() (string, bool) {
	if n == nil {
		return "", false
	}
	switch n.Kind {
	case String:
		return n.Str, true
	case Number:
		return n.Num, true
	case Bool:
		return strconv.FormatBool(n.Bool), true
	}
	return "", false
}

// Interface converts the tree to plain Go values (map[string]any, []any,
// string, float64, bool, nil). Unknown nodes become nil.
func (n *Node) Interface() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Bool:
		return n.Bool
	case Number:
		f, _ := strconv.ParseFloat(n.Num, 64)
		return f
	case String:
		return n.Str
	case Array:
		out := make([]any, len(n.Items))
		for i, it := range n.Items {
			out[i] = it.Interface()
		}
		return out
	case Object:
		out := make(map[string]any, len(n.Fields))
		for _, f := range n.Fields {
			out[f.Key] = f.Value.Interface()
		}
		return out
	}
	return nil
}

// FromInterface builds a Node tree from plain Go values, every node at line.
func FromInterface(v any, line int) *Node {
	switch x := v.(type) {
	case nil:
		return &Node{Kind: Null, Line: line}
	case *Node:
		return x
	case bool:
		return &Node{Kind: Bool, Line: line, Bool: x}
	case string:
		return &Node{Kind: String, Line: line, Str: x}
	case int:
		return &Node{Kind: Number, Line: line, Num: strconv.Itoa(x)}
	case int64:
		return &Node{Kind: Number, Line: line, Num: strconv.FormatInt(x, 10)}
	case float64:
		return &Node{Kind: Number, Line: line, Num: strconv.FormatFloat(x, 'f', -1, 64)}
	case json.Number:
		return &Node{Kind: Number, Line: line, Num: string(x)}
	case []any:
		n := &Node{Kind: Array, Line: line}
		for _, it := range x {
			n.Items = append(n.Items, FromInterface(it, line))
		}
		return n
	case map[string]any:
		n := &Node{Kind: Object, Line: line}
		for k, it := range x {
			n.Fields = append(n.Fields, Field{Key: k, Line: line, Value: FromInterface(it, line)})
		}
		return n
	}
	return &Node{Kind: Unknown, Line: line, Reason: fmt.Sprintf("unsupported value %T", v)}
}

// UnknownNode returns an Unknown node with the reason it is unresolved.
func UnknownNode(line int, reason string) *Node {
	return &Node{Kind: Unknown, Line: line, Reason: reason}
}
