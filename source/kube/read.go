package kube

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// Read reads a manifest file: multi-document YAML or JSON, with List kinds
// (v1 List, DeploymentList, ...). Objects of the modelled kinds become
// estate resources located at name and the line of each value. Documents that
// are not Kubernetes objects (no apiVersion and kind) and objects of other
// kinds are skipped without a diagnostic. Malformed YAML, and a modelled
// object whose fields have the wrong type, give error diagnostics with the
// line; the file's other documents are still read. A document with Go
// template actions ({{ }}, an unrendered Helm chart) that cannot be read is
// skipped with a warning instead.
func Read(name string, data []byte) source.Result {
	r := &reader{name: name, est: &estate.Estate{}}
	for _, c := range chunks(data) {
		r.chunk(c)
	}
	return source.Result{Estate: r.est, Diagnostics: r.diags}
}

type reader struct {
	name  string
	est   *estate.Estate
	diags source.Diagnostics
	// templated is set while reading a chunk with Go template actions
	// ("{{ .Values.image }}"): a Helm chart's templates are not manifests yet.
	templated bool
}

// fail records that a document could not be read: an error, or a warning
// when the document is an unrendered template, which no one can apply as is.
func (r *reader) fail(line int, format string, a ...any) {
	if r.templated {
		r.diags = append(r.diags, source.Warnf(r.name, line,
			"skipped a document with template actions ({{ }}); audit its rendered output (helm template, ...): "+format, a...))
		return
	}
	r.diags = append(r.diags, source.Errorf(r.name, line, format, a...))
}

// chunk is a piece of the file parsed on its own, so that a syntax error in
// one YAML document does not hide the others.
type chunk struct {
	text  []byte
	shift int // lines of the file before the chunk
}

// chunks splits data at YAML document markers ("---" at the start of a line,
// which ends any scalar, so the split is exact). A JSON file is one chunk;
// its tabs become spaces, which JSON allows only between tokens and YAML
// does not allow as indentation.
func chunks(data []byte) []chunk {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if t := bytes.TrimSpace(data); len(t) > 0 && (t[0] == '{' || t[0] == '[') && json.Valid(t) {
		return []chunk{{text: bytes.ReplaceAll(data, []byte("\t"), []byte(" "))}}
	}
	var out []chunk
	start, startLine, line := 0, 0, 0
	for i := 0; i < len(data); {
		end := bytes.IndexByte(data[i:], '\n')
		next := len(data)
		if end >= 0 {
			next = i + end + 1
		}
		if i > start && isDocumentMarker(data[i:next]) {
			out = append(out, chunk{text: data[start:i], shift: startLine})
			start, startLine = i, line
		}
		line++
		i = next
	}
	return append(out, chunk{text: data[start:], shift: startLine})
}

func isDocumentMarker(l []byte) bool {
	if !bytes.HasPrefix(l, []byte("---")) {
		return false
	}
	return len(l) == 3 || l[3] == ' ' || l[3] == '\t' || l[3] == '\n' || l[3] == '\r'
}

var (
	yamlErrLine       = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	yamlUnknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
)

func (r *reader) chunk(c chunk) {
	defer func() {
		// The YAML parser must not take the scan down on a hostile input.
		if p := recover(); p != nil {
			r.fail(c.shift+1, "invalid YAML: parser failed: %v", p)
		}
	}()
	r.templated = bytes.Contains(c.text, []byte("{{"))
	dec := yaml.NewDecoder(bytes.NewReader(c.text))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			line, msg := c.shift+1, strings.TrimPrefix(err.Error(), "yaml: ")
			if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
				n, _ := strconv.Atoi(m[1])
				if parserProblem(m[2]) {
					n++ // the YAML parser counts its lines from 0, its scanner from 1
				}
				line, msg = c.shift+n, m[2]
			} else if m := yamlUnknownAnchor.FindStringSubmatch(msg); m != nil {
				if i := bytes.Index(c.text, []byte("*"+m[1])); i >= 0 {
					line = c.shift + 1 + bytes.Count(c.text[:i], []byte("\n"))
				}
			}
			r.fail(line, "invalid YAML: %s", msg)
			return
		}
		if len(doc.Content) > 0 {
			r.object(doc.Content[0], c.shift, "", "")
		}
	}
}

// parserProblem reports whether a YAML error comes from go-yaml's parser
// (as opposed to its scanner): those carry a 0-based line.
func parserProblem(msg string) bool {
	return strings.HasPrefix(msg, "did not find expected") ||
		strings.HasPrefix(msg, "found duplicate %") ||
		msg == "found incompatible YAML document" ||
		msg == "found undefined tag handle"
}

// object reads one YAML node. apiVersion and kind are inherited by the items
// of a typed list (a DeploymentList's items need not repeat their kind).
func (r *reader) object(n *yaml.Node, shift int, apiVersion, kind string) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		return // not a Kubernetes object: a scalar, a list, an empty document
	}
	if v, ok := scalar(n, "apiVersion"); ok {
		apiVersion = v
	}
	if v, ok := scalar(n, "kind"); ok {
		kind = v
	}
	if apiVersion == "" || kind == "" {
		return // YAML that is not a Kubernetes object (CI configs, Helm values)
	}
	if kind == "List" || strings.HasSuffix(kind, "List") {
		if items := get(n, "items"); items != nil && resolve(items).Kind == yaml.SequenceNode {
			itemKind, itemVersion := "", ""
			if kind != "List" { // a typed list: items default to its kind
				itemKind, itemVersion = strings.TrimSuffix(kind, "List"), apiVersion
			}
			for _, it := range resolve(items).Content {
				r.object(it, shift, itemVersion, itemKind)
			}
			return
		}
	}
	obj := newObject(apiVersion, kind)
	if obj == nil {
		return // a kind the estate does not model (RBAC, CRDs, ...)
	}
	line := n.Line + shift
	what := kind
	if name, ok := scalar(get(n, "metadata"), "name"); ok {
		what = kind + " " + name
	}
	doc, err := toJSON(n, shift)
	if err != nil {
		var ce *convError
		if errors.As(err, &ce) {
			line = ce.line
		}
		r.fail(line, "%s: %v", what, err)
		return
	}
	// Kubernetes objects are defined by their JSON form: decode that into the
	// k8s.io/api types, as the API server does.
	if err := json.Unmarshal(doc.data, obj); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			if m, ok := doc.markAt(te.Offset); ok {
				r.fail(m.line, "%s: %s: %s is not %s", what, m.path, describeJSON(te.Value), describeGo(te.Type))
				return
			}
		}
		if m, ok := doc.locate(newObject(apiVersion, kind), err); ok {
			r.fail(m.line, "%s: %s: %v", what, m.path, err)
			return
		}
		r.fail(line, "%s: %v", what, err)
		return
	}
	base := estate.Loc{File: r.name, Line: line}
	at := func(path string) estate.Loc { return base.AtLine(doc.line(path)).At(path) }
	adapt(obj, at, r.est)
	if _, ok := scalar(get(get(n, "metadata"), "annotations"), IgnoreAnnotation); ok {
		r.checkIgnore(what, doc, get(get(n, "metadata"), "annotations"))
	}
}

// checkIgnore warns about an ignore annotation that names no rule: the user
// meant to suppress something and nothing is.
func (r *reader) checkIgnore(what string, doc *jsonDoc, annotations *yaml.Node) {
	v, _ := scalar(annotations, IgnoreAnnotation)
	if len(ignores(map[string]string{IgnoreAnnotation: v}, estate.Loc{})) == 0 {
		r.diags = append(r.diags, source.Warnf(r.name, doc.line(ignorePath),
			"%s: annotation %s names no rule; write \"AKS-IMG-02: reason\"", what, IgnoreAnnotation))
	}
}

// resolve follows aliases.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxDepth; i++ {
		n = n.Alias
	}
	if n == nil {
		return &yaml.Node{}
	}
	return n
}

// get returns the value of key in mapping n, or nil.
func get(n *yaml.Node, key string) *yaml.Node {
	if n == nil {
		return nil
	}
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := resolve(n.Content[i]); k.Kind == yaml.ScalarNode && k.Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// scalar returns the text of a scalar member of mapping n.
func scalar(n *yaml.Node, key string) (string, bool) {
	v := get(n, key)
	if v == nil {
		return "", false
	}
	v = resolve(v)
	if v.Kind != yaml.ScalarNode || v.ShortTag() == "!!null" {
		return "", false
	}
	return v.Value, true
}

// describeJSON names the JSON value encoding/json found ("number 1.5", "object").
func describeJSON(v string) string {
	switch {
	case v == "object":
		return "a mapping"
	case v == "array":
		return "a list"
	case v == "bool":
		return "a boolean"
	case v == "string":
		return "a string"
	case strings.HasPrefix(v, "number"):
		return "a number"
	}
	return v
}

// describeGo names the type a field wants, in manifest terms.
func describeGo(t reflect.Type) string {
	if t == nil {
		return "of the expected type"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return describeGo(t.Elem())
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "base64 data"
		}
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a mapping"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return fmt.Sprintf("a %s", t)
}
