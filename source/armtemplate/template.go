package armtemplate

import (
	"bytes"
	"encoding/json"
	"errors"
	"path"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
)

// Options are the inputs of a template evaluation besides the template.
// The deployment context fields default to deterministic placeholders (see
// the package documentation).
type Options struct {
	// Parameters is the content of a deployment parameters file, or nil.
	Parameters []byte
	// ParametersName names that file in diagnostics.
	ParametersName string

	// SubscriptionID is the subscription deployed to; default
	// PlaceholderSubscriptionID.
	SubscriptionID string
	// ResourceGroup is the resource group deployed to; default
	// PlaceholderResourceGroup.
	ResourceGroup string
	// Location is the resource group's (and deployment's) location. When
	// empty, resourceGroup().location and deployment().location are
	// Unknown: a placeholder region would send lookups keyed by region
	// (a map of short names) astray.
	Location string
	// TenantID is the tenant's ID; default PlaceholderTenantID.
	TenantID string
	// ManagementGroup names the management group a management group
	// template deploys to; default PlaceholderManagementGroup.
	ManagementGroup string
	// DeploymentName is deployment().name; default the template file's
	// name without its extension, as the Azure CLI names deployments.
	DeploymentName string
}

// Placeholders for the deployment context a template file does not say.
// They are deterministic, so that IDs computed from them (resourceId(), the
// template's own resources) are consistent within a scan.
const (
	PlaceholderSubscriptionID  = "00000000-0000-0000-0000-000000000000"
	PlaceholderTenantID        = "00000000-0000-0000-0000-000000000000"
	PlaceholderResourceGroup   = "rg"
	PlaceholderManagementGroup = "managementgroup"
)

// Read evaluates the template in data (with the parameters file in opts)
// and adapts the resources it deploys into the estate.
func Read(name string, data []byte, opts Options) source.Result {
	nodes, diags := Evaluate(name, data, opts)
	rs := make([]armjson.Resource, len(nodes))
	for i, n := range nodes {
		rs[i] = armjson.Resource{Node: n, File: name, Source: estate.SourceARM}
	}
	res := armjson.Adapt(rs)
	if res.Estate == nil {
		res.Estate = &estate.Estate{}
	}
	res.Diagnostics = append(diags, res.Diagnostics...)
	return res
}

// Evaluate evaluates the template in data and returns the ARM resource JSON
// of every resource it deploys, nested deployments included, each with its
// computed "id". Values that cannot be known before deployment are
// armjson.Unknown nodes. Diagnostics are errors for input that cannot be read
// (malformed JSON, a template of the wrong shape) and warnings for what could
// not be evaluated.
func Evaluate(name string, data []byte, opts Options) ([]*armjson.Node, source.Diagnostics) {
	ev := newEvaluator(name)
	tmpl, err := armjson.Parse(data)
	if err != nil {
		return nil, source.Diagnostics{syntaxDiagnostic(name, err)}
	}
	if tmpl.Kind != armjson.Object {
		ev.errorf(name, tmpl.Line, "an ARM template must be a JSON object, not %s", kindName(tmpl))
		return nil, ev.diags
	}
	dep := deploymentFor(name, tmpl, opts)
	values, lines := ev.parameterFile(opts)
	pname := opts.ParametersName
	if pname == "" {
		pname = "parameters"
	}
	s := ev.newScope(tmpl, NewLibrary(dep), values, lines, pname, 0)
	s.resources(ev.resourceList(tmpl), dep, nil, nil)
	return ev.out, ev.diags
}

func syntaxDiagnostic(name string, err error) source.Diagnostic {
	d := source.Errorf(name, 0, "malformed JSON: %v", err)
	var se *armjson.SyntaxError
	if errors.As(err, &se) {
		d.Line, d.Column, d.Message = se.Line, se.Column, "malformed JSON: "+se.Msg
	}
	return d
}

// deploymentFor builds the top-level deployment context: the scope from the
// template's $schema, the rest from opts or placeholders.
func deploymentFor(name string, tmpl *armjson.Node, opts Options) Deployment {
	d := Deployment{
		SubscriptionID:  or(opts.SubscriptionID, PlaceholderSubscriptionID),
		ResourceGroup:   or(opts.ResourceGroup, PlaceholderResourceGroup),
		ManagementGroup: or(opts.ManagementGroup, PlaceholderManagementGroup),
		TenantID:        or(opts.TenantID, PlaceholderTenantID),
		Location:        opts.Location,
		Name:            opts.DeploymentName,
	}
	if d.Name == "" {
		base := path.Base(strings.ReplaceAll(name, "\\", "/"))
		d.Name = strings.TrimSuffix(base, path.Ext(base))
	}
	schema := ""
	if s := tmpl.Get("$schema"); s != nil && s.Kind == armjson.String {
		schema = strings.ToLower(s.Str)
	}
	switch {
	case strings.Contains(schema, "subscriptiondeploymenttemplate"):
		d.Scope = SubscriptionScope
	case strings.Contains(schema, "managementgroupdeploymenttemplate"):
		d.Scope = ManagementGroupScope
	case strings.Contains(schema, "tenantdeploymenttemplate"):
		d.Scope = TenantScope
	}
	return d
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// parameterFile reads opts.Parameters: {"parameters": {"x": {"value": v}}}
// or, as the Azure CLI also accepts, the inner object alone. Values are
// relocated to line 0 here and to their declarations' lines by the scope:
// the file's own lines mean nothing in the template.
func (ev *evaluator) parameterFile(opts Options) (map[string]*armjson.Node, map[string]int) {
	values, lines := map[string]*armjson.Node{}, map[string]int{}
	if opts.Parameters == nil {
		return values, lines
	}
	pname := opts.ParametersName
	if pname == "" {
		pname = "parameters"
	}
	n, err := armjson.Parse(opts.Parameters)
	if err != nil {
		ev.add(syntaxDiagnostic(pname, err))
		return values, lines
	}
	if n.Kind != armjson.Object {
		ev.errorf(pname, n.Line, "a parameters file must be a JSON object, not %s", kindName(n))
		return values, lines
	}
	ps := n
	if p := n.Get("parameters"); p != nil && (n.Get("$schema") != nil || n.Get("contentVersion") != nil || len(n.Fields) == 1) {
		ps = p
	}
	if ps.Kind != armjson.Object {
		ev.errorf(pname, ps.Line, "the parameters must be an object, not %s", kindName(ps))
		return values, lines
	}
	for _, f := range ps.Fields {
		if strings.HasPrefix(f.Key, "$") || strings.EqualFold(f.Key, "contentVersion") {
			continue
		}
		k := strings.ToLower(f.Key)
		lines[k] = f.Line
		if f.Value.Kind != armjson.Object || f.Value.Get("value") == nil && f.Value.Get("reference") == nil {
			ev.warn(pname, f.Line, "parameter %q has neither a value nor a reference; it is ignored", f.Key)
			continue
		}
		values[k] = relocate(parameterValue(f, pname), 0)
	}
	return values, lines
}

// IsTemplate reports whether data is an ARM deployment template: a JSON
// object whose $schema is a deploymentTemplate schema (at any scope).
func IsTemplate(data []byte) bool {
	return strings.Contains(strings.ToLower(topSchema(data)), "deploymenttemplate.json")
}

// IsParameters reports whether data is an ARM deployment parameters file: a
// JSON object whose $schema is a deploymentParameters schema.
func IsParameters(data []byte) bool {
	return strings.Contains(strings.ToLower(topSchema(data)), "deploymentparameters.json")
}

// topSchema returns the top-level $schema of a JSON object without building
// the document: nested templates have their own $schema, which must not
// count.
func topSchema(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return ""
		}
		key, _ := t.(string)
		if key == "$schema" {
			t, err := dec.Token()
			if err != nil {
				return ""
			}
			s, _ := t.(string)
			return s
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return ""
		}
	}
	return ""
}
