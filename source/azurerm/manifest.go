package azurerm

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/zclconf/go-cty/cty"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source/kube"
)

// kubeScheme decodes the kinds source/kube adapts (in their v1 groups).
var kubeScheme = func() *runtime.Scheme {
	s := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		corev1.AddToScheme, appsv1.AddToScheme, batchv1.AddToScheme, networkingv1.AddToScheme,
	} {
		if err := add(s); err != nil {
			panic(err) // the k8s.io/api registrations cannot fail
		}
	}
	return s
}()

// manifest adapts kubernetes_manifest: its manifest attribute is a whole
// Kubernetes object, which source/kube adapts as it adapts YAML. Locations
// are the manifest attribute's, with the object's property path under
// "manifest.". Values not known before apply are left out of the object;
// an image among them is unresolved, with the reason.
func (a *adapter) manifest(r *resource) {
	m := r.root().at("manifest")
	switch {
	case m.reason != "":
		r.warnf(m.line, "manifest is not known (%s): the object is not audited", m.reason)
		return
	case !m.present():
		return
	case !m.v.IsKnown():
		r.warnf(m.line, "manifest is not known (%s): the object is not audited", m.unknownReason())
		return
	}
	unknown := map[string]string{}
	obj, _ := toJSON(r, m.v, "", unknown).(map[string]any)
	apiVersion, _ := obj["apiVersion"].(string)
	kind, _ := obj["kind"].(string)
	typed, err := kubeScheme.New(schema.FromAPIVersionAndKind(apiVersion, kind))
	if err != nil {
		return // a kind the estate does not model (CRDs, RBAC, ...)
	}
	data, err := json.Marshal(obj)
	if err == nil {
		err = json.Unmarshal(data, typed)
	}
	if err != nil {
		r.warnf(m.line, "manifest is not a valid %s %s: %v", apiVersion, kind, err)
		return
	}
	part := &estate.Estate{}
	if err := kube.AdaptObject(typed, estate.Loc{File: r.File, Line: m.line}, part); err != nil {
		return
	}
	fix := func(meta *estate.Meta) {
		meta.Source = estate.SourceTerraform
		meta.Loc.Path = manifestPath(meta.Loc.Path)
		meta.Ignores = append(append([]estate.InlineIgnore(nil), r.Ignores...), meta.Ignores...)
	}
	for _, w := range part.Workloads {
		fix(&w.Meta)
		for i := range w.Containers {
			c := &w.Containers[i]
			img := c.Image.Loc.Path
			c.Loc.Path = manifestPath(c.Loc.Path)
			c.Image.Loc.Path = manifestPath(img)
			if why, ok := unknown[img]; ok {
				c.Image = estate.Unresolved[string](c.Image.Loc, why)
			}
			for j := range c.Env {
				c.Env[j].Loc.Path = manifestPath(c.Env[j].Loc.Path)
			}
		}
	}
	for _, x := range part.Namespaces {
		fix(&x.Meta)
	}
	for _, x := range part.NetworkPolicies {
		fix(&x.Meta)
	}
	for _, x := range part.Ingresses {
		fix(&x.Meta)
	}
	for _, x := range part.Services {
		fix(&x.Meta)
	}
	for _, x := range part.Secrets {
		fix(&x.Meta)
	}
	for _, x := range part.ConfigMaps {
		fix(&x.Meta)
	}
	o := a.out
	o.Workloads = append(o.Workloads, part.Workloads...)
	o.Namespaces = append(o.Namespaces, part.Namespaces...)
	o.NetworkPolicies = append(o.NetworkPolicies, part.NetworkPolicies...)
	o.Ingresses = append(o.Ingresses, part.Ingresses...)
	o.Services = append(o.Services, part.Services...)
	o.Secrets = append(o.Secrets, part.Secrets...)
	o.ConfigMaps = append(o.ConfigMaps, part.ConfigMaps...)
}

func manifestPath(p string) string {
	if p == "" {
		return "manifest"
	}
	return "manifest." + p
}

// toJSON converts a cty value to the JSON shape of a Kubernetes object.
// Unknown values are left out and recorded in unknown by their property path
// ("spec.template.spec.containers[0].image") with the reason.
func toJSON(r *resource, v cty.Value, path string, unknown map[string]string) any {
	v = unmark(v)
	switch {
	case v.IsNull():
		return nil
	case !v.IsKnown():
		why := r.reasonOf("manifest." + strings.NewReplacer("[", ".", "]", "").Replace(path))
		if why == "" {
			why = manifestPath(path) + " is not known before apply"
		}
		unknown[path] = why
		return nil
	}
	t := v.Type()
	switch {
	case t.IsObjectType() || t.IsMapType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			key := unmark(k).AsString()
			if x := toJSON(r, e, join(path, key), unknown); x != nil {
				out[key] = x
			}
		}
		return out
	case isList(t):
		out := []any{}
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			_, e := it.Element()
			out = append(out, toJSON(r, e, fmt.Sprintf("%s[%d]", path, i), unknown))
		}
		return out
	case t == cty.String:
		return v.AsString()
	case t == cty.Bool:
		return v.True()
	case t == cty.Number:
		f := v.AsBigFloat()
		if f.IsInt() {
			i, _ := f.Int64()
			return i
		}
		x, _ := f.Float64()
		return x
	}
	return nil
}
