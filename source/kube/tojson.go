package kube

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Limits that keep a hostile manifest from exhausting memory or the stack:
// YAML aliases can expand a small file into a huge tree ("billion laughs").
const (
	maxDepth  = 1000
	maxVisits = 1 << 20
)

// jsonDoc is one YAML object rewritten as JSON for the typed k8s.io/api
// decoders, with what is needed to point back into the YAML: the line of
// every value by property path, and the JSON offset where each value starts
// (encoding/json reports type errors by offset).
type jsonDoc struct {
	data  []byte
	lines map[string]int // "spec.template.spec.containers[0].image" → line
	marks []mark         // in increasing offset order
}

// mark records where a value starts in the JSON and where it is in the YAML.
type mark struct {
	off    int
	line   int
	path   string
	parent int    // index of the enclosing value's mark, -1 for the root
	key    string // the member name in the parent mapping, "" for a list item
}

// convError is a YAML construct that has no JSON form (or is too large).
type convError struct {
	line int
	msg  string
}

func (e *convError) Error() string { return e.msg }

type converter struct {
	buf       bytes.Buffer
	doc       *jsonDoc
	lineShift int // lines before the YAML chunk the node was parsed from
	visits    int
}

// toJSON converts n (a node of a YAML chunk that starts after lineShift
// lines of the file) to JSON.
func toJSON(n *yaml.Node, lineShift int) (*jsonDoc, error) {
	c := &converter{doc: &jsonDoc{lines: make(map[string]int)}, lineShift: lineShift}
	if err := c.value(n, "", "", -1, n.Line+lineShift, 0); err != nil {
		return nil, err
	}
	c.doc.data = c.buf.Bytes()
	return c.doc, nil
}

// value writes n; line is where the value is declared (the key's line for a
// mapping value, so that "containers:" points at the key, not the first item).
func (c *converter) value(n *yaml.Node, path, key string, parent, line, depth int) error {
	c.visits++
	if depth > maxDepth || c.visits > maxVisits {
		return &convError{line: line, msg: "document nests or expands (through aliases) too deeply"}
	}
	for n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return &convError{line: line, msg: "alias to an unknown anchor"}
		}
		n = n.Alias
	}
	self := len(c.doc.marks)
	c.doc.marks = append(c.doc.marks, mark{off: c.buf.Len(), line: line, path: path, parent: parent, key: key})
	if _, ok := c.doc.lines[path]; !ok {
		c.doc.lines[path] = line
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			c.buf.WriteString("null")
			return nil
		}
		c.doc.marks = c.doc.marks[:self] // the document is its content
		return c.value(n.Content[0], path, key, parent, line, depth+1)
	case yaml.SequenceNode:
		c.buf.WriteByte('[')
		for i, item := range n.Content {
			if i > 0 {
				c.buf.WriteByte(',')
			}
			if err := c.value(item, fmt.Sprintf("%s[%d]", path, i), "", self, item.Line+c.lineShift, depth+1); err != nil {
				return err
			}
		}
		c.buf.WriteByte(']')
		return nil
	case yaml.MappingNode:
		fields, err := c.fields(n, 0)
		if err != nil {
			return err
		}
		c.buf.WriteByte('{')
		for i, f := range fields {
			if i > 0 {
				c.buf.WriteByte(',')
			}
			writeString(&c.buf, f.key)
			c.buf.WriteByte(':')
			p := f.key
			if path != "" {
				p = path + "." + f.key
			}
			if err := c.value(f.val, p, f.key, self, f.line+c.lineShift, depth+1); err != nil {
				return err
			}
		}
		c.buf.WriteByte('}')
		return nil
	case yaml.ScalarNode:
		return c.scalar(n, line)
	}
	return &convError{line: line, msg: fmt.Sprintf("unexpected YAML node kind %d", n.Kind)}
}

type field struct {
	key  string
	line int
	val  *yaml.Node
}

// fields lists the members of a mapping, applying YAML merge keys ("<<: *base")
// as Kubernetes' YAML decoder does: explicit keys win over merged ones, and a
// key written twice is an error (kubectl rejects it too).
func (c *converter) fields(n *yaml.Node, depth int) ([]field, error) {
	if depth > maxDepth {
		return nil, &convError{line: n.Line + c.lineShift, msg: "merge keys nest too deeply"}
	}
	var own []field
	var merges []*yaml.Node
	seen := make(map[string]int)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		for k.Kind == yaml.AliasNode && k.Alias != nil {
			k = k.Alias
		}
		if k.Kind != yaml.ScalarNode {
			return nil, &convError{line: k.Line + c.lineShift, msg: "a mapping key must be a scalar"}
		}
		if k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			return nil, &convError{line: k.Line + c.lineShift,
				msg: fmt.Sprintf("key %q is already defined at line %d", k.Value, first+c.lineShift)}
		}
		seen[k.Value] = k.Line
		own = append(own, field{key: k.Value, line: k.Line, val: v})
	}
	for _, m := range merges {
		for m.Kind == yaml.AliasNode && m.Alias != nil {
			m = m.Alias
		}
		var sources []*yaml.Node
		switch m.Kind {
		case yaml.MappingNode:
			sources = []*yaml.Node{m}
		case yaml.SequenceNode:
			sources = m.Content
		default:
			return nil, &convError{line: m.Line + c.lineShift, msg: "a merge key (<<) needs a mapping or a list of mappings"}
		}
		for _, s := range sources {
			for s.Kind == yaml.AliasNode && s.Alias != nil {
				s = s.Alias
			}
			if s.Kind != yaml.MappingNode {
				return nil, &convError{line: s.Line + c.lineShift, msg: "a merge key (<<) needs a mapping or a list of mappings"}
			}
			c.visits += len(s.Content)
			if c.visits > maxVisits {
				return nil, &convError{line: s.Line + c.lineShift, msg: "document expands (through aliases) too much"}
			}
			inherited, err := c.fields(s, depth+1)
			if err != nil {
				return nil, err
			}
			for _, f := range inherited {
				if _, ok := seen[f.key]; ok {
					continue
				}
				seen[f.key] = f.line
				own = append(own, f)
			}
		}
	}
	return own, nil
}

// scalar writes a scalar as the JSON type its resolved YAML tag says.
func (c *converter) scalar(n *yaml.Node, line int) error {
	switch n.ShortTag() {
	case "!!null":
		c.buf.WriteString("null")
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			writeString(&c.buf, n.Value)
			return nil
		}
		c.buf.WriteString(strconv.FormatBool(b))
	case "!!int":
		var i int64
		if err := n.Decode(&i); err == nil {
			c.buf.WriteString(strconv.FormatInt(i, 10))
			return nil
		}
		var u uint64
		if err := n.Decode(&u); err == nil {
			c.buf.WriteString(strconv.FormatUint(u, 10))
			return nil
		}
		writeString(&c.buf, n.Value)
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			// JSON has no infinities; a numeric field will report the type.
			writeString(&c.buf, n.Value)
			return nil
		}
		b, err := json.Marshal(f)
		if err != nil {
			return &convError{line: line, msg: err.Error()}
		}
		c.buf.Write(b)
	default: // !!str, !!timestamp, !!binary (base64 text, as Secret data wants) and custom tags
		writeString(&c.buf, n.Value)
	}
	return nil
}

func writeString(buf *bytes.Buffer, s string) {
	b, _ := json.Marshal(s) // a string always marshals
	buf.Write(b)
}

// markAt returns the value that starts last before offset off: where
// encoding/json was when it found a type error.
func (d *jsonDoc) markAt(off int64) (mark, bool) {
	i := sort.Search(len(d.marks), func(i int) bool { return int64(d.marks[i].off) >= off })
	if i == 0 {
		return mark{}, false
	}
	return d.marks[i-1], true
}

// line returns the line of the value at path, or of its nearest ancestor
// present in the YAML (a field the manifest leaves out points at its parent).
func (d *jsonDoc) line(path string) int {
	for {
		if l, ok := d.lines[path]; ok {
			return l
		}
		if path == "" {
			return 0
		}
		path = parentPath(path)
	}
}

// parentPath drops the last segment of a property path.
func parentPath(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}
