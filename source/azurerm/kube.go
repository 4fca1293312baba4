package azurerm

import (
	"sort"

	"github.com/aksguard/aksguard/estate"
)

// podSpecPaths are where each workload kind of the kubernetes provider
// holds its pod spec (every level a block).
var podSpecPaths = map[string]string{
	"Pod":                   "spec",
	"Deployment":            "spec.template.spec",
	"StatefulSet":           "spec.template.spec",
	"DaemonSet":             "spec.template.spec",
	"ReplicationController": "spec.template.spec",
	"Job":                   "spec.template.spec",
	"CronJob":               "spec.job_template.spec.template.spec",
}

// kubeObject adapts a kubernetes provider resource (kubernetes_deployment,
// kubernetes_namespace_v1, ...) as the manifests reader adapts the same
// object in YAML, with Terraform locations.
func (a *adapter) kubeObject(r *resource, kind string) {
	root := r.root()
	md := root.at("metadata")
	name := a.kubeName(r, md)
	namespaced := kind != "Namespace"
	ns := ""
	if namespaced {
		ns = a.kubeNamespace(r, md)
	}
	m := estate.Meta{
		ID:      estate.KubeID(kind, ns, name),
		Name:    name,
		Source:  estate.SourceTerraform,
		Loc:     estate.Loc{File: r.File, Line: r.Line},
		Ignores: r.Ignores,
	}
	spec := root.at("spec")
	switch kind {
	case "Namespace":
		a.out.Namespaces = append(a.out.Namespaces, &estate.Namespace{Meta: m, Labels: md.strMap("labels")})
	case "NetworkPolicy":
		a.out.NetworkPolicies = append(a.out.NetworkPolicies, networkPolicy(m, ns, spec))
	case "Ingress":
		a.out.Ingresses = append(a.out.Ingresses, ingress(m, ns, md, spec))
	case "Service":
		a.out.Services = append(a.out.Services, service(m, ns, md, spec))
	case "Secret":
		a.out.Secrets = append(a.out.Secrets, a.secret(r, m, ns))
	case "ConfigMap":
		a.out.ConfigMaps = append(a.out.ConfigMaps, &estate.ConfigMap{Meta: m, Namespace: ns, Data: root.strMap("data")})
	default:
		w := &estate.Workload{Meta: m, Kind: kind, Namespace: ns, Labels: md.strMap("labels")}
		pod := root.walk(podSpecPaths[kind])
		for _, c := range []struct {
			block string
			kind  estate.ContainerKind
		}{{"init_container", estate.InitContainer}, {"container", estate.RegularContainer}} {
			w.Containers = append(w.Containers, containers(r, pod, c.block, c.kind)...)
		}
		a.out.Workloads = append(a.out.Workloads, w)
	}
}

// kubeName is the object's metadata.name; the address stands in for a
// name that is not known.
func (a *adapter) kubeName(r *resource, md node) string {
	f := md.str("name")
	switch {
	case f.reason != "":
		r.warnf(f.loc.Line, "metadata.name is not known (%s): the object is named by its address", f.reason)
	case f.present && f.v != "":
		return f.v
	}
	if g := md.str("generate_name"); g.present && g.reason == "" {
		return g.v
	}
	return r.Address
}

// kubeNamespace is metadata.namespace, "default" when absent as for the
// provider; an unknown namespace is named after its reason.
func (a *adapter) kubeNamespace(r *resource, md node) string {
	f := md.str("namespace")
	switch {
	case f.reason != "":
		r.warnf(f.loc.Line, "metadata.namespace is not known (%s)", f.reason)
		return "(unresolved: " + f.reason + ")"
	case f.present && f.v != "":
		return f.v
	}
	return "default"
}

// containers reads the container (or init_container) blocks of a pod spec.
// Blocks that are not known (a dynamic block over an unknown collection)
// give one container whose image is unresolved, so that image rules say
// unknown rather than pass.
func containers(r *resource, pod node, block string, kind estate.ContainerKind) []estate.Container {
	elems, at, why := pod.blocks(block)
	if why != "" {
		return []estate.Container{{Name: at.path, Kind: kind, Image: estate.Unresolved[string](at.loc(), why), Loc: at.loc()}}
	}
	var out []estate.Container
	for _, e := range elems {
		c := estate.Container{Kind: kind, Loc: e.loc()}
		if n := e.str("name"); n.present && n.reason == "" {
			c.Name = n.v
		}
		c.Image = e.str("image").OrUnknown("image is not set")
		envs, envAt, why := e.blocks("env")
		if why != "" {
			r.warnf(envAt.line, "the env blocks of %s are not known (%s)", e.path, why)
		}
		for _, v := range envs {
			ev := estate.EnvVar{Literal: !v.has("value_from"), Loc: v.loc()}
			if n := v.str("name"); n.present && n.reason == "" {
				ev.Name = n.v
			}
			if ev.Literal {
				if val := v.str("value"); val.present && val.reason == "" {
					ev.Value = val.v
				}
			} else {
				ev.FromSecret = v.at("value_from").has("secret_key_ref")
			}
			c.Env = append(c.Env, ev)
		}
		out = append(out, c)
	}
	return out
}

func networkPolicy(m estate.Meta, ns string, spec node) *estate.NetworkPolicy {
	sel := spec.at("pod_selector")
	labels, _, _ := sel.keys("match_labels")
	ingress, _, _ := spec.blocks("ingress")
	egress, _, _ := spec.blocks("egress")
	p := &estate.NetworkPolicy{
		Meta:           m,
		Namespace:      ns,
		SelectsAllPods: len(labels) == 0 && !sel.has("match_expressions"),
		IngressRules:   len(ingress),
		EgressRules:    len(egress),
	}
	if t := spec.strs("policy_types"); t.present && t.reason == "" && len(t.v) > 0 {
		p.PolicyTypes = t.v
	} else {
		// The API server's default (the provider requires the attribute).
		p.PolicyTypes = []string{"Ingress"}
		if len(egress) > 0 {
			p.PolicyTypes = append(p.PolicyTypes, "Egress")
		}
	}
	return p
}

func ingress(m estate.Meta, ns string, md, spec node) *estate.Ingress {
	ann := md.strMap("annotations")
	in := &estate.Ingress{Meta: m, Namespace: ns, Class: ann["kubernetes.io/ingress.class"], Annotations: ann}
	if c := spec.str("ingress_class_name"); c.present && c.reason == "" {
		in.Class = c.v
	}
	rules, _, _ := spec.blocks("rule")
	for _, r := range rules {
		h := r.str("host")
		in.Hosts = append(in.Hosts, h.v)
	}
	tls, _, _ := spec.blocks("tls")
	in.HasTLS = len(tls) > 0
	for _, t := range tls {
		if h := t.strs("hosts"); h.reason == "" {
			in.TLSHosts = append(in.TLSHosts, h.v...)
		}
	}
	return in
}

func service(m estate.Meta, ns string, md, spec node) *estate.Service {
	s := &estate.Service{Meta: m, Namespace: ns, Type: "ClusterIP", Annotations: md.strMap("annotations")}
	if t := spec.str("type"); t.present && t.reason == "" && t.v != "" {
		s.Type = t.v
	}
	ports, _, _ := spec.blocks("port")
	for _, p := range ports {
		sp := estate.ServicePort{Protocol: "TCP"}
		if f := p.str("name"); f.reason == "" {
			sp.Name = f.v
		}
		if f := p.integer("port"); f.reason == "" {
			sp.Port = f.v
		}
		if f := p.str("target_port"); f.reason == "" {
			sp.TargetPort = f.v
		}
		if f := p.str("protocol"); f.present && f.reason == "" && f.v != "" {
			sp.Protocol = f.v
		}
		if f := p.str("app_protocol"); f.reason == "" {
			sp.AppProtocol = f.v
		}
		s.Ports = append(s.Ports, sp)
	}
	return s
}

// secret keeps only the key names of data and binary_data: values never
// enter the estate. Data written in the configuration is secret material
// shipped with the IaC (and kept in its state).
func (a *adapter) secret(r *resource, m estate.Meta, ns string) *estate.Secret {
	root := r.root()
	s := &estate.Secret{Meta: m, Namespace: ns, Type: "Opaque"}
	if t := root.str("type"); t.present && t.reason == "" && t.v != "" {
		s.Type = t.v
	}
	seen := map[string]bool{}
	for _, name := range []string{"data", "binary_data"} {
		keys, _, ok := root.keys(name)
		if !ok {
			r.warnf(root.at(name).line, "the keys of %s are not known", name)
			s.HasLiteralData = true
		}
		if len(keys) > 0 {
			s.HasLiteralData = true
		}
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				s.DataKeys = append(s.DataKeys, k)
			}
		}
	}
	sort.Strings(s.DataKeys)
	return s
}
