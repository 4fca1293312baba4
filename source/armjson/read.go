package armjson

import (
	"errors"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// Read reads a file of exported Azure resource JSON in any shape users
// export: one resource (`az aks show -o json`, `az resource show`), an array
// of them (`az aks list`, `az resource list`), possibly nested, an ARM list
// response ({"value": [...], "nextLink": ...}) and Resource Graph output
// ({"count": n, "data": [...]}, or "data" as a table of columns and rows).
// It also reads the Azure REST API reference's example files, whose
// responses.<code>.body holds what the API returns.
// Malformed JSON gives an error diagnostic at its line and column; JSON that
// holds no Azure resource gives an error diagnostic saying so.
func Read(name string, data []byte) source.Result {
	n, err := Parse(data)
	if err != nil {
		d := source.Diagnostic{Severity: source.Error, Input: name, Message: "invalid JSON: " + err.Error()}
		var se *SyntaxError
		if errors.As(err, &se) {
			d.Line, d.Column, d.Message = se.Line, se.Column, "invalid JSON: "+se.Msg
		}
		return source.Result{Estate: &estate.Estate{}, Diagnostics: source.Diagnostics{d}}
	}
	return readNode(name, n)
}

// readNode adapts the resources of a parsed file.
func readNode(name string, n *Node) source.Result {
	c := &collector{name: name}
	wrapper := c.collect(n)
	if len(c.resources) == 0 && (!wrapper || c.junk > 0) {
		return source.Result{Estate: &estate.Estate{}, Diagnostics: source.Diagnostics{source.Errorf(name, n.Line,
			"not Azure resource JSON: expected a resource object with \"id\" and \"type\", an array of them, "+
				"an ARM list response ({\"value\": [...]}) or Resource Graph output ({\"data\": [...]})")}}
	}
	rs := make([]Resource, len(c.resources))
	for i, r := range c.resources {
		rs[i] = Resource{Node: r, File: name, Source: estate.SourceAzure}
	}
	out := Adapt(rs)
	out.Diagnostics = append(c.diags, out.Diagnostics...)
	return out
}

// collector gathers the resource objects of a file.
type collector struct {
	name      string
	resources []*Node
	diags     source.Diagnostics
	junk      int // elements of a list that are not resources
}

// collect adds the resources n is or holds. It reports whether n is a list
// shape (an array or a wrapper), which may be empty.
func (c *collector) collect(n *Node) bool {
	switch {
	case n == nil:
		return false
	case n.Kind == Array:
		for _, it := range n.Items {
			c.element(it)
		}
		return true
	case n.Kind != Object:
		return false
	case isResource(n):
		c.resources = append(c.resources, n)
		return true
	}
	if v := n.Get("value"); v != nil && v.Kind == Array {
		if next := n.Get("nextLink"); next != nil && next.Kind == String && next.Str != "" {
			c.diags = append(c.diags, source.Warnf(c.name, next.Line,
				"the list has more pages (nextLink); only the resources in this file are audited"))
		}
		c.collect(v)
		return true
	}
	if body := exampleBody(n); body != nil {
		c.collect(body)
		return true
	}
	data := n.Get("data")
	if data == nil {
		return false
	}
	c.truncated(n)
	switch data.Kind {
	case Array:
		c.collect(data)
		return true
	case Object:
		return c.table(data)
	}
	return false
}

// element adds one element of a list.
func (c *collector) element(n *Node) {
	if n != nil && (n.Kind == Array || isResource(n) || n.Get("value") != nil || n.Get("data") != nil) && c.collect(n) {
		return
	}
	c.junk++
	line := 0
	if n != nil {
		line = n.Line
	}
	c.diags = append(c.diags, source.Warnf(c.name, line, "list element is not an Azure resource (no \"id\" or \"type\"); skipped"))
}

// truncated warns when Resource Graph says it returned only part of the result.
func (c *collector) truncated(n *Node) {
	for _, k := range []string{"$skipToken", "skipToken", "skip_token"} {
		if t := n.Get(k); t != nil && t.Kind == String && t.Str != "" {
			c.diags = append(c.diags, source.Warnf(c.name, t.Line,
				"the query result has more pages (%s); only the resources in this file are audited", k))
			return
		}
	}
	if t := n.Get("resultTruncated"); t != nil {
		if b, ok := t.AsBool(); ok && b {
			c.diags = append(c.diags, source.Warnf(c.name, t.Line,
				"the query result is truncated (resultTruncated); only the resources in this file are audited"))
		}
	}
}

// table adds the rows of Resource Graph's table format:
// {"columns": [{"name": "id", ...}], "rows": [[...], ...]}.
func (c *collector) table(t *Node) bool {
	cols, rows := t.Get("columns"), t.Get("rows")
	if cols == nil || rows == nil || cols.Kind != Array || rows.Kind != Array {
		return false
	}
	names := make([]string, len(cols.Items))
	for i, col := range cols.Items {
		switch {
		case col != nil && col.Kind == String:
			names[i] = col.Str
		case col != nil && col.Get("name") != nil && col.Get("name").Kind == String:
			names[i] = col.Get("name").Str
		default:
			c.diags = append(c.diags, source.Errorf(c.name, t.Line, "Resource Graph column %d has no name", i))
			return true
		}
	}
	for _, row := range rows.Items {
		if row == nil || row.Kind != Array || len(row.Items) != len(names) {
			c.element(row)
			continue
		}
		obj := &Node{Kind: Object, Line: row.Line}
		for i, cell := range row.Items {
			obj.Fields = append(obj.Fields, Field{Key: names[i], Line: cell.Line, Value: cell})
		}
		c.element(obj)
	}
	return true
}

// isResource reports whether n is an ARM resource object: it has an "id" or
// a "type" that names a provider namespace ("Microsoft.Network/...").
func isResource(n *Node) bool {
	if n == nil || n.Kind != Object {
		return false
	}
	if id := n.Get("id"); id != nil && id.Kind == String && strings.TrimSpace(id.Str) != "" {
		return true
	}
	t := n.Get("type")
	return t != nil && t.Kind == String && strings.Contains(t.Str, "/")
}

// isARMID reports whether s is an ARM resource ID with a provider segment.
func isARMID(s string) bool {
	k := strings.ToLower(s)
	return (strings.HasPrefix(k, "/subscriptions/") || strings.HasPrefix(k, "/providers/")) &&
		strings.Contains(k, "/providers/")
}

// exampleBody returns the resource JSON of a REST API reference example file
// ({"parameters": {...}, "responses": {"200": {"body": ...}, "201": ...}}):
// the body of its 200 response, else of its first 2xx response that has one.
// The responses of one example describe the same resource, so one is read.
func exampleBody(n *Node) *Node {
	rs := n.Get("responses")
	if rs == nil || rs.Kind != Object {
		return nil
	}
	var best *Node
	bestCode := ""
	for _, f := range rs.Fields {
		body := f.Value.Get("body")
		if body == nil || (body.Kind != Object && body.Kind != Array) || !strings.HasPrefix(f.Key, "2") {
			continue
		}
		if best == nil || f.Key == "200" || (bestCode != "200" && f.Key < bestCode) {
			best, bestCode = body, f.Key
		}
	}
	return best
}
