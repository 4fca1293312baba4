package armtemplate

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
)

// Nested deployments: a Microsoft.Resources/deployments resource with an
// inline properties.template is evaluated in place, its resources joining
// the estate. Compiled Bicep modules are such deployments.

// deployment evaluates a nested deployment resource r named ref.
func (s *scope) deployment(r *armjson.Node, ref resourceRef, target Deployment, lp *loop) {
	ev := s.ev
	props := r.Get("properties")
	if props == nil || props.Kind != armjson.Object {
		ev.warn(ev.file, r.Line, "deployment %s has no properties object; its resources are not evaluated", ref.name)
		return
	}
	tmpl := props.Get("template")
	if tmpl == nil {
		if link := props.Get("templateLink"); link != nil {
			ev.warn(ev.file, link.Line, "deployment %s links to a template that is not read; its resources are missing from the estate", ref.name)
		} else {
			ev.warn(ev.file, props.Line, "deployment %s has no template", ref.name)
		}
		return
	}
	if tmpl.Kind != armjson.Object {
		ev.warn(ev.file, tmpl.Line, "the template of deployment %s is %s, not an object; its resources are not evaluated", ref.name, kindName(tmpl))
		return
	}
	if s.depth+1 > maxNesting {
		ev.warn(ev.file, r.Line, "deployment %s nests deeper than %d; its resources are not evaluated", ref.name, maxNesting)
		return
	}
	inner := s.nestedTarget(r, ref, target, lp)
	if scopeOption(s.evalValue(props.Path("expressionEvaluationOptions.scope"), lp)) != "inner" {
		// Outer scope: the nested template's expressions are the parent's,
		// evaluated in the parent's context; only where its resources are
		// deployed changes.
		outer := *s
		outer.depth++
		outer.resources(ev.resourceList(tmpl), inner, nil, lp)
		return
	}
	values, lines := s.deploymentParameters(props.Get("parameters"), ref.name, lp)
	ns := ev.newScope(tmpl, s.lib.WithDeployment(inner), values, lines, ev.file, s.depth+1)
	ns.resources(ev.resourceList(tmpl), inner, nil, nil)
}

// scopeOption reads expressionEvaluationOptions.scope; outer is ARM's
// default.
func scopeOption(v *armjson.Node) string {
	if v != nil && v.Kind == armjson.String {
		return strings.ToLower(v.Str)
	}
	return "outer"
}

// deploymentParameters evaluates the parameter values a deployment passes to
// its template, in the parent's scope. Each is {"value": v}, a Key Vault
// {"reference": ...} (Unknown), or an expression giving either.
func (s *scope) deploymentParameters(ps *armjson.Node, deployment string, lp *loop) (map[string]*armjson.Node, map[string]int) {
	values, lines := map[string]*armjson.Node{}, map[string]int{}
	if ps == nil {
		return values, lines
	}
	ps = s.evalValue(ps, lp)
	if ps.Kind != armjson.Object {
		s.ev.warn(s.ev.file, ps.Line, "the parameters of deployment %s are %s, not an object", deployment, kindName(ps))
		return values, lines
	}
	for _, f := range ps.Fields {
		k := strings.ToLower(f.Key)
		lines[k] = f.Line
		values[k] = parameterValue(f, deployment)
	}
	return values, lines
}

// parameterValue reads one {"value": v} or {"reference": ...} entry.
func parameterValue(f armjson.Field, owner string) *armjson.Node {
	v := f.Value
	switch {
	case v.Kind == armjson.Unknown:
		return v
	case v.Kind != armjson.Object:
	case v.Get("value") != nil:
		return v.Get("value")
	case v.Get("reference") != nil:
		return armjson.UnknownNode(v.Line, fmt.Sprintf("parameter %q is a Key Vault reference, resolved at deployment", f.Key))
	}
	return armjson.UnknownNode(v.Line, fmt.Sprintf("parameter %q in %s has no value", f.Key, owner))
}

// nestedTarget works out where a nested deployment deploys to, from its
// resourceGroup, subscriptionId and scope properties.
func (s *scope) nestedTarget(r *armjson.Node, ref resourceRef, parent Deployment, lp *loop) Deployment {
	d := parent
	d.Name = ref.name
	if i := strings.LastIndex(d.Name, "/"); i >= 0 {
		d.Name = d.Name[i+1:]
	}
	prop := func(key string) (string, bool) {
		n := r.Get(key)
		if n == nil {
			return "", false
		}
		v := s.evalValue(n, lp)
		if v.Kind == armjson.String && v.Str != "" {
			return v.Str, true
		}
		// A placeholder keeps the deployment's resources apart from
		// same-named ones in the parent's scope.
		s.ev.warn(s.ev.file, n.Line, "the %s of deployment %s cannot be resolved (%s); its resources' IDs use a placeholder", key, ref.name, reasonOf(v))
		return fmt.Sprintf("unresolved-%s-line-%d", strings.ToLower(key), n.Line), true
	}
	sub, hasSub := prop("subscriptionId")
	rg, hasRG := prop("resourceGroup")
	if hasSub {
		d.SubscriptionID = sub
	}
	switch {
	case hasRG:
		d.Scope, d.ResourceGroup = ResourceGroupScope, rg
	case parent.Scope == ResourceGroupScope:
		// The parent's resource group, in the given subscription.
	case hasSub:
		d.Scope = SubscriptionScope
	default:
		if sc, ok := prop("scope"); ok {
			const mgPrefix = "providers/microsoft.management/managementgroups/"
			if l := strings.ToLower(strings.Trim(sc, "/")); strings.HasPrefix(l, mgPrefix) {
				d.Scope, d.ManagementGroup = ManagementGroupScope, strings.Trim(sc, "/")[len(mgPrefix):]
			}
		}
	}
	return d
}
