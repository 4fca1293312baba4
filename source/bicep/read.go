package bicep

import (
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
	"github.com/aksguard/aksguard/source/armtemplate"
)

// Options are the inputs of a Bicep evaluation besides the file. The
// deployment context fields default to the ARM evaluator's deterministic
// placeholders, so that a Bicep file and the ARM JSON it compiles to give
// the same IDs.
type Options struct {
	// Parameters is the content of a parameters file: a .bicepparam file
	// or a JSON deployment parameters file (told apart by content), or nil.
	Parameters []byte
	// ParametersName names that file in diagnostics.
	ParametersName string

	// SubscriptionID, ResourceGroup, Location, TenantID, ManagementGroup
	// and DeploymentName are as in armtemplate.Options.
	SubscriptionID  string
	ResourceGroup   string
	Location        string
	TenantID        string
	ManagementGroup string
	DeploymentName  string

	// FS, when set, is read instead of the operating system's files for
	// what a file refers to (modules, imports, the template of a
	// .bicepparam file, load*Content() files); the names given to Read and
	// ReadParams are then paths inside it. Referenced paths are resolved
	// relative to the referring file.
	FS fs.FS
}

// Read evaluates a Bicep file (with the parameters in opts, and the local
// modules it calls) and adapts the resources it deploys into the estate. A
// .bicepparam file is read as ReadParams reads it.
func Read(name string, data []byte, opts Options) source.Result {
	rs, diags := Evaluate(name, data, opts)
	res := armjson.Adapt(rs)
	if res.Estate == nil {
		res.Estate = &estate.Estate{}
	}
	res.Diagnostics = append(diags, res.Diagnostics...)
	return res
}

// Evaluate evaluates a Bicep file and returns the ARM resource JSON of every
// resource it and its modules deploy, each with its computed "id", its
// file and its inline ignores, as armtemplate.Evaluate does for the
// template the file compiles to. Values known only at deployment are
// armjson Unknown nodes. Syntax errors are error diagnostics with line and
// column (the declarations around them are still evaluated); what cannot
// be evaluated is a warning.
func Evaluate(name string, data []byte, opts Options) ([]armjson.Resource, source.Diagnostics) {
	if isParamsName(name) {
		return evaluateParams(name, data, opts)
	}
	ev := newEvaluator(name, opts)
	f := ev.parse(name, data)
	ev.run(f, opts)
	return ev.out, ev.diags
}

// run evaluates the file f with the parameters in opts.
func (ev *evaluator) run(f *file, opts Options) {
	dep := deploymentFor(f, opts)
	lib := armtemplate.NewLibrary(dep)
	g := ev.parameters(f, dep, lib, opts)
	s := ev.newScope(f, dep, lib, g, 0, marks{})
	if kind, bad := targetScope(f); bad != nil {
		ev.warn(f.name, bad.p.Line, "targetScope must be 'resourceGroup', 'subscription', 'managementGroup' or 'tenant'; the file is read as %s-scoped", scopeWord(kind))
	}
	s.emit()
}

func scopeWord(k armtemplate.ScopeKind) string {
	switch k {
	case armtemplate.SubscriptionScope:
		return "subscription"
	case armtemplate.ManagementGroupScope:
		return "management-group"
	case armtemplate.TenantScope:
		return "tenant"
	}
	return "resource-group"
}

// deploymentFor builds the top-level deployment context: the scope from
// targetScope, the rest from opts or the ARM evaluator's placeholders.
func deploymentFor(f *file, opts Options) armtemplate.Deployment {
	d := armtemplate.Deployment{
		SubscriptionID:  or(opts.SubscriptionID, armtemplate.PlaceholderSubscriptionID),
		ResourceGroup:   or(opts.ResourceGroup, armtemplate.PlaceholderResourceGroup),
		ManagementGroup: or(opts.ManagementGroup, armtemplate.PlaceholderManagementGroup),
		TenantID:        or(opts.TenantID, armtemplate.PlaceholderTenantID),
		Location:        opts.Location,
		Name:            opts.DeploymentName,
	}
	if d.Name == "" {
		base := path.Base(strings.ReplaceAll(f.name, "\\", "/"))
		d.Name = strings.TrimSuffix(base, path.Ext(base))
	}
	d.Scope, _ = targetScope(f)
	return d
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// ReadParams reads a .bicepparam file: it evaluates the Bicep file its
// using declaration names (relative to it) with its parameter values.
func ReadParams(name string, data []byte, opts Options) source.Result {
	rs, diags := evaluateParams(name, data, opts)
	res := armjson.Adapt(rs)
	if res.Estate == nil {
		res.Estate = &estate.Estate{}
	}
	res.Diagnostics = append(diags, res.Diagnostics...)
	return res
}

func evaluateParams(name string, data []byte, opts Options) ([]armjson.Resource, source.Diagnostics) {
	ev := newEvaluator(name, opts)
	pf := ev.parse(name, data)
	u := usingOf(pf)
	switch {
	case u == nil:
		ev.errorf(name, Pos{Line: 1, Col: 1}, "a .bicepparam file needs a using declaration naming its Bicep file")
		return nil, ev.diags
	case u.path == "":
		ev.warn(name, u.p.Line, "the parameters file uses no Bicep file (using none); nothing is scanned")
		return nil, ev.diags
	case isRegistry(u.path):
		ev.errorf(name, u.p, "%s not scanned: registry modules and template specs cannot be fetched", u.path)
		return nil, ev.diags
	}
	tmpl := resolvePath(name, u.path)
	if ext := strings.ToLower(path.Ext(tmpl)); ext == ".json" || ext == ".jsonc" {
		ev.errorf(name, u.p, "%s is an ARM template: scan it with its JSON parameters file", u.path)
		return nil, ev.diags
	}
	tdata, err := ev.readFile(tmpl)
	if err != nil {
		ev.errorf(name, u.p, "%s not scanned: %v", u.path, err)
		return nil, ev.diags
	}
	f := ev.parse(tmpl, tdata)
	ev.root = tmpl
	opts.Parameters, opts.ParametersName = data, name
	ev.opts = opts
	ev.run(f, opts)
	return ev.out, ev.diags
}

func usingOf(f *file) *usingDecl {
	for _, d := range f.decls {
		if u, ok := d.(*usingDecl); ok {
			return u
		}
	}
	return nil
}

// Using returns the Bicep file a .bicepparam file names in its using
// declaration, resolved relative to name, so that a loader can scan the
// pair once. ok is false when data is not a parameters file naming a local
// Bicep file.
func Using(name string, data []byte) (template string, ok bool) {
	m := usingLine.FindSubmatch(data)
	if m == nil || isRegistry(string(m[1])) {
		return "", false
	}
	return resolvePath(name, string(m[1])), true
}

var (
	usingLine = regexp.MustCompile(`(?m)^\s*using\s+'([^'\r\n]+)'`)
	// bicepLine matches declarations only Bicep has, at the start of a line.
	bicepLine = regexp.MustCompile(`(?m)^(?:(?:resource|module)\s+[A-Za-z_][A-Za-z0-9_]*\s+'[^'\r\n]*'\s*(?:existing\s*)?=|targetScope\s*=\s*'|param\s+[A-Za-z_][A-Za-z0-9_]*\s+(?:string|int|bool|object|array)\b|using\s+'[^'\r\n]*\.bicep')`)
)

func isParamsName(name string) bool {
	return strings.EqualFold(path.Ext(name), ".bicepparam")
}

// Looks reports whether a file is Bicep: by its .bicep or .bicepparam
// extension, or, for files without one (stdin), by declarations only Bicep
// has at the start of a line.
func Looks(name string, data []byte) bool {
	switch strings.ToLower(path.Ext(strings.ReplaceAll(name, "\\", "/"))) {
	case ".bicep", ".bicepparam":
		return true
	case "", ".txt":
	default:
		return false
	}
	head := data
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	t := strings.TrimSpace(string(head))
	if strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
		return false
	}
	return bicepLine.Match(head)
}

// IsParams reports whether a file is a .bicepparam file.
func IsParams(name string, data []byte) bool {
	if isParamsName(name) {
		return true
	}
	return path.Ext(name) == "" && usingLine.Match(data) && Looks(name, data)
}

// References returns the local files a Bicep or .bicepparam file refers to
// (its modules, imports and the template of its using declaration),
// resolved relative to name, so that a loader scanning a directory can read
// a module through the file that calls it, with its parameters, rather than
// on its own.
func References(name string, data []byte) []string {
	f := parse(name, string(data))
	var out []string
	add := func(p string) {
		if p != "" && !isRegistry(p) {
			out = append(out, resolvePath(name, p))
		}
	}
	for _, d := range f.decls {
		switch d := d.(type) {
		case *moduleDecl:
			add(d.path)
		case *importDecl:
			add(d.path)
		case *usingDecl:
			add(d.path)
		}
	}
	return out
}
