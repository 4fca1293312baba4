package terraform

import (
	"context"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/source"
)

// module is one module directory, parsed: what its blocks declare, not yet
// evaluated. A module called several times (or with count/for_each) is
// parsed once and evaluated once per instance.
type module struct {
	dir     string
	files   map[string]*hcl.File // by file name as shown to the user
	vars    map[string]*variable
	locals  map[string]*local
	outputs map[string]*output
	// resources holds managed resources and data sources in file order;
	// byKey finds them by "type.name" or "data.type.name".
	resources []*resource
	byKey     map[string]*resource
	calls     map[string]*call
	ignores   map[string][]lineIgnore // by file
	diags     source.Diagnostics
	// names are the names of the files in dir, for the tfvars files.
	names []string
}

type variable struct {
	name string
	decl *hcl.Block
	// typeExpr is nil when the declaration gives no type.
	typeExpr hcl.Expression
	def      hcl.Expression
	nullable hcl.Expression
}

type local struct {
	name string
	attr *hcl.Attribute
	refs []ref
}

type output struct {
	name string
	attr *hcl.Attribute // the value attribute; nil when missing
	decl *hcl.Block
	refs []ref
}

// resource is a resource or data block.
type resource struct {
	data     bool
	typ      string
	name     string
	decl     *hcl.Block
	file     string
	count    hcl.Expression
	forEach  hcl.Expression
	body     hcl.Body // the block body; meta-arguments are skipped when it is read
	isNative bool
	// refs are the references of count, for_each and the body.
	refs []ref
}

// key is "type.name" or "data.type.name", as references name it.
func (r *resource) key() string {
	if r.data {
		return "data." + r.typ + "." + r.name
	}
	return r.typ + "." + r.name
}

type call struct {
	name      string
	decl      *hcl.Block
	file      string
	source    string
	sourceAtt *hcl.Attribute
	count     hcl.Expression
	forEach   hcl.Expression
	inputs    hcl.Attributes
	// refs are the references of count, for_each and the arguments;
	// inputRefs those of each argument.
	refs      []ref
	inputRefs map[string][]ref
}

var fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "terraform"},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "moved"},
	{Type: "import"},
	{Type: "removed"},
	{Type: "check", LabelNames: []string{"name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
}}

var variableSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "type"}, {Name: "default"}, {Name: "description"}, {Name: "sensitive"}, {Name: "nullable"}, {Name: "ephemeral"},
}}

var outputSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "value"}, {Name: "description"}, {Name: "sensitive"}, {Name: "depends_on"}, {Name: "ephemeral"},
}}

var callSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "source"}, {Name: "version"}, {Name: "count"}, {Name: "for_each"}, {Name: "providers"}, {Name: "depends_on"},
}}

// tfFile is one configuration file of a module directory.
type tfFile struct {
	name string // as shown to the user
	json bool
}

// moduleFiles lists the configuration files of dir in lexical order, as
// Terraform loads them. Override files are reported, not merged.
func moduleFiles(fsys files, dir string) ([]tfFile, []string, source.Diagnostics, error) {
	ents, err := fsys.readDir(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	var out []tfFile
	var names []string
	var diags source.Diagnostics
	for _, e := range ents {
		n := e.Name()
		if !e.IsDir() {
			names = append(names, n)
		}
		if e.IsDir() || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "#") || strings.HasSuffix(n, "~") {
			continue
		}
		isJSON := strings.HasSuffix(n, ".tf.json")
		if !isJSON && !strings.HasSuffix(n, ".tf") {
			continue
		}
		stem := strings.TrimSuffix(strings.TrimSuffix(n, ".json"), ".tf")
		if stem == "override" || strings.HasSuffix(stem, "_override") {
			diags = append(diags, source.Warnf(fsys.join(dir, n), 0,
				"override files are not merged into the configuration; this file is not scanned"))
			continue
		}
		out = append(out, tfFile{name: fsys.join(dir, n), json: isJSON})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, names, diags, nil
}

// parseModule reads and parses the module in dir. Files are parsed
// concurrently; a file that does not parse is reported with its position
// and left out, and the other files are still read.
func parseModule(ctx context.Context, fsys files, dir string) (*module, error) {
	list, names, diags, err := moduleFiles(fsys, dir)
	if err != nil {
		return nil, err
	}
	m := &module{
		dir:     dir,
		files:   make(map[string]*hcl.File, len(list)),
		vars:    map[string]*variable{},
		locals:  map[string]*local{},
		outputs: map[string]*output{},
		byKey:   map[string]*resource{},
		calls:   map[string]*call{},
		ignores: map[string][]lineIgnore{},
		diags:   diags,
		names:   names,
	}
	parsed := make([]*hcl.File, len(list))
	fileDiags := make([]source.Diagnostics, len(list))
	ignores := make([][]lineIgnore, len(list))
	parse := func(i int) {
		f := &list[i]
		src, err := fsys.readFile(f.name)
		if err != nil {
			fileDiags[i] = source.Diagnostics{source.Errorf(f.name, 0, "%v", err)}
			return
		}
		var hf *hcl.File
		var hd hcl.Diagnostics
		if f.json {
			hf, hd = hcljson.Parse(src, f.name)
		} else {
			hf, hd = hclsyntax.ParseConfig(src, f.name, hcl.InitialPos)
			ignores[i] = scanIgnores(src)
		}
		if hd.HasErrors() {
			fileDiags[i] = fromHCL(hd, f.name, source.Error)
			return
		}
		parsed[i] = hf
	}
	if len(list) < 3 {
		for i := range list {
			parse(i)
		}
	} else {
		var wg sync.WaitGroup
		sem := make(chan struct{}, runtime.GOMAXPROCS(0))
		for i := range list {
			if ctx.Err() != nil {
				break
			}
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				parse(i)
			}()
		}
		wg.Wait()
	}
	for i, f := range list {
		m.diags = append(m.diags, fileDiags[i]...)
		if parsed[i] == nil {
			continue
		}
		m.files[f.name] = parsed[i]
		if len(ignores[i]) > 0 {
			m.ignores[f.name] = ignores[i]
		}
		m.declare(f.name, parsed[i])
	}
	return m, ctx.Err()
}

// declare records the blocks of one file.
func (m *module) declare(name string, f *hcl.File) {
	content, hd := f.Body.Content(fileSchema)
	m.diags = append(m.diags, fromHCL(hd, name, source.Warning)...)
	for _, b := range content.Blocks {
		if !validLabels(b) {
			m.diags = append(m.diags, source.Warnf(name, b.DefRange.Start.Line,
				"%s block labels must be identifiers (letters, digits, _ and -, not starting with a digit); the block is not read", b.Type))
			continue
		}
		switch b.Type {
		case "variable":
			m.declareVariable(name, b)
		case "locals":
			attrs, hd := b.Body.JustAttributes()
			m.diags = append(m.diags, fromHCL(hd, name, source.Warning)...)
			for _, a := range sortedAttrs(attrs) {
				if _, dup := m.locals[a.Name]; dup {
					m.diags = append(m.diags, source.Warnf(name, a.Range.Start.Line, "duplicate local value %q", a.Name))
					continue
				}
				m.locals[a.Name] = &local{name: a.Name, attr: a, refs: exprRefs(a.Expr)}
			}
		case "output":
			c, _, hd := b.Body.PartialContent(outputSchema)
			m.diags = append(m.diags, fromHCL(hd, name, source.Warning)...)
			o := &output{name: b.Labels[0], attr: c.Attributes["value"], decl: b}
			if o.attr != nil {
				o.refs = exprRefs(o.attr.Expr)
			}
			m.outputs[o.name] = o
		case "resource", "data":
			m.declareResource(name, b)
		case "module":
			m.declareCall(name, b)
		}
	}
}

func (m *module) declareVariable(file string, b *hcl.Block) {
	c, _, hd := b.Body.PartialContent(variableSchema)
	m.diags = append(m.diags, fromHCL(hd, file, source.Warning)...)
	v := &variable{name: b.Labels[0], decl: b}
	if a := c.Attributes["type"]; a != nil {
		v.typeExpr = a.Expr
	}
	if a := c.Attributes["default"]; a != nil {
		v.def = a.Expr
	}
	if a := c.Attributes["nullable"]; a != nil {
		v.nullable = a.Expr
	}
	if _, dup := m.vars[v.name]; dup {
		m.diags = append(m.diags, source.Warnf(file, b.DefRange.Start.Line, "duplicate variable %q", v.name))
		return
	}
	m.vars[v.name] = v
}

var metaSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}}}

// reservedTypes are names Terraform reserves for its own references; no
// resource type may take them.
var reservedTypes = map[string]bool{
	"var": true, "local": true, "module": true, "data": true, "output": true, "path": true,
	"terraform": true, "count": true, "each": true, "self": true,
}

func (m *module) declareResource(file string, b *hcl.Block) {
	if reservedTypes[b.Labels[0]] {
		m.diags = append(m.diags, source.Warnf(file, b.DefRange.Start.Line, "resource type %q is reserved by Terraform; the block is not read", b.Labels[0]))
		return
	}
	r := &resource{data: b.Type == "data", typ: b.Labels[0], name: b.Labels[1], decl: b, file: file, body: b.Body}
	_, r.isNative = b.Body.(*hclsyntax.Body)
	c, _, _ := b.Body.PartialContent(metaSchema)
	if a := c.Attributes["count"]; a != nil {
		r.count = a.Expr
	}
	if a := c.Attributes["for_each"]; a != nil {
		r.forEach = a.Expr
	}
	r.refs = append(exprRefs(r.count), exprRefs(r.forEach)...)
	r.refs = append(r.refs, bodyRefs(r.body)...)
	if _, dup := m.byKey[r.key()]; dup {
		m.diags = append(m.diags, source.Warnf(file, b.DefRange.Start.Line, "duplicate %s block %q", b.Type, r.key()))
		return
	}
	m.byKey[r.key()] = r
	m.resources = append(m.resources, r)
}

func (m *module) declareCall(file string, b *hcl.Block) {
	c := &call{name: b.Labels[0], decl: b, file: file}
	content, remain, hd := b.Body.PartialContent(callSchema)
	m.diags = append(m.diags, fromHCL(hd, file, source.Warning)...)
	if a := content.Attributes["source"]; a != nil {
		c.sourceAtt = a
		if v, d := a.Expr.Value(nil); !d.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
			c.source = v.AsString()
		}
	}
	if a := content.Attributes["count"]; a != nil {
		c.count = a.Expr
	}
	if a := content.Attributes["for_each"]; a != nil {
		c.forEach = a.Expr
	}
	inputs, hd := remain.JustAttributes()
	m.diags = append(m.diags, fromHCL(hd, file, source.Warning)...)
	c.inputs = inputs
	c.refs = append(exprRefs(c.count), exprRefs(c.forEach)...)
	c.inputRefs = make(map[string][]ref, len(inputs))
	for name, a := range inputs {
		c.inputRefs[name] = exprRefs(a.Expr)
		c.refs = append(c.refs, c.inputRefs[name]...)
	}
	if _, dup := m.calls[c.name]; dup {
		m.diags = append(m.diags, source.Warnf(file, b.DefRange.Start.Line, "duplicate module call %q", c.name))
		return
	}
	m.calls[c.name] = c
}

// validLabels reports whether the labels of a block that names something
// referenceable are identifiers, as Terraform requires.
func validLabels(b *hcl.Block) bool {
	switch b.Type {
	case "variable", "output", "module", "resource", "data":
		for _, l := range b.Labels {
			if !hclsyntax.ValidIdentifier(l) {
				return false
			}
		}
	}
	return true
}

// sortedAttrs returns attributes in source order, so that evaluation and
// diagnostics do not depend on map order.
func sortedAttrs(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Range.Start.Byte < out[j].Range.Start.Byte })
	return out
}

// fromHCL converts HCL diagnostics to ours. file names the input when a
// diagnostic has no subject.
func fromHCL(hd hcl.Diagnostics, file string, sev source.Severity) source.Diagnostics {
	var out source.Diagnostics
	for _, d := range hd {
		s := sev
		if d.Severity == hcl.DiagWarning {
			s = source.Warning
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		o := source.Diagnostic{Severity: s, Input: file, Message: msg}
		if d.Subject != nil {
			if d.Subject.Filename != "" {
				o.Input = d.Subject.Filename
			}
			o.Line, o.Column = d.Subject.Start.Line, d.Subject.Start.Column
		}
		out = append(out, o)
	}
	return out
}
