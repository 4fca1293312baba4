package iam

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// IAM07 flags Ingresses and load-balanced Services that serve plain HTTP.
var IAM07 = &rules.Rule{
	ID:       "AKS-IAM-07",
	Title:    "Secrets travel over TLS: every Ingress host has TLS, no LoadBalancer Service exposes plain HTTP",
	Severity: rules.Medium,
	Section:  rules.IAM,
	Practice: "Encryption of secrets in transit",
	Doc: `Passwords, tokens and session cookies sent over plain HTTP can be read
and replayed by anyone on the path. An Ingress terminates TLS for the hosts
listed in its spec.tls; a Service of type LoadBalancer is an Azure Load
Balancer rule, which forwards TCP and terminates no TLS.

Reads Kubernetes Ingresses and Services. An Ingress with rules fails when
it has no spec.tls, or when a host of its rules is not covered by a
spec.tls host (wildcards "*.example.com" cover one label); a tls entry
without hosts covers every host; an Ingress with only a default backend
serves no host and is not reported. A LoadBalancer Service fails when it
exposes a plain-HTTP port (port 80 or 8080, a port named "http" or
"http-…", or appProtocol http or kubernetes.io/h2c) and no TLS port; with
a TLS port (443, 8443, named or appProtocol https) beside it the plain
port is often an HTTP-to-HTTPS redirect of an ingress controller, which
the objects do not show, so the verdict is unknown. Annotations such as
service.beta.kubernetes.io/azure-load-balancer-internal change who can
reach the port, not whether it is encrypted, and do not count. ClusterIP
and NodePort Services are not reported.`,
	Fix: rules.Fix{
		Kubernetes: "add spec.tls to the Ingress listing every host of spec.rules with a certificate secret (for example issued by cert-manager or synced from Key Vault); " +
			"serve HTTP through an Ingress or Application Gateway that terminates TLS instead of a LoadBalancer Service port 80",
		Terraform: "add a tls block listing every host to kubernetes_ingress_v1.spec; expose only TLS ports on kubernetes_service with type = \"LoadBalancer\"",
	},
	Check: func(p *rules.Pass) {
		for _, in := range p.Estate.Ingresses {
			if len(in.Hosts) > 0 {
				checkIngressTLS(p, in)
			}
		}
		for _, s := range p.Estate.Services {
			if strings.EqualFold(s.Type, "LoadBalancer") {
				checkServicePorts(p, s)
			}
		}
	},
}

func checkIngressTLS(p *rules.Pass, in *estate.Ingress) {
	at := in.Loc.At("spec.tls")
	hosts := named(in.Hosts)
	if !in.HasTLS {
		p.Failf(in, at, "spec.tls is absent: %s served over plain HTTP", hostList(in.Hosts))
		return
	}
	if len(in.TLSHosts) == 0 {
		p.Passf(in, at, "spec.tls has an entry without hosts, which covers %s", hostList(in.Hosts))
		return
	}
	var uncovered []string
	for _, h := range hosts {
		if !coveredBy(h, in.TLSHosts) {
			uncovered = append(uncovered, h)
		}
	}
	if len(uncovered) > 0 {
		p.Failf(in, at, "spec.tls hosts %s do not cover %s, served over plain HTTP",
			strings.Join(quoteAll(in.TLSHosts), ", "), strings.Join(quoteAll(uncovered), ", "))
		return
	}
	p.Passf(in, at, "spec.tls hosts %s cover %s", strings.Join(quoteAll(in.TLSHosts), ", "), hostList(in.Hosts))
}

func named(hosts []string) []string {
	var out []string
	for _, h := range hosts {
		if h != "" {
			out = append(out, h)
		}
	}
	return out
}

func hostList(hosts []string) string {
	parts := quoteAll(named(hosts))
	if len(parts) < len(hosts) {
		parts = append(parts, "any host (a rule without host)")
	}
	return "hosts " + strings.Join(parts, ", ")
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

// coveredBy reports whether a TLS host list covers host; "*.example.com"
// covers exactly one label, as in a certificate.
func coveredBy(host string, tls []string) bool {
	host = strings.ToLower(host)
	for _, t := range tls {
		t = strings.ToLower(t)
		if t == host {
			return true
		}
		if rest, ok := strings.CutPrefix(t, "*."); ok {
			if i := strings.IndexByte(host, '.'); i > 0 && host[i+1:] == rest {
				return true
			}
		}
	}
	return false
}

func checkServicePorts(p *rules.Pass, s *estate.Service) {
	at := s.Loc.At("spec.ports")
	var plain, tls, other []string
	for _, sp := range s.Ports {
		d := describePort(sp)
		switch {
		case isTLSPort(sp):
			tls = append(tls, d)
		case isPlainHTTP(sp):
			plain = append(plain, d)
		default:
			other = append(other, d)
		}
	}
	switch {
	case len(plain) > 0 && len(tls) == 0:
		p.Failf(s, at, "type LoadBalancer exposes plain-HTTP port(s) %s with no TLS termination in front (an Azure Load Balancer forwards TCP)",
			strings.Join(plain, ", "))
	case len(plain) > 0:
		p.Unknownf(s, at, "type LoadBalancer exposes plain-HTTP port(s) %s beside TLS port(s) %s: whether the plain port only redirects to HTTPS is not in the inputs",
			strings.Join(plain, ", "), strings.Join(tls, ", "))
	default:
		p.Passf(s, at, "type LoadBalancer exposes no plain-HTTP port: %s", strings.Join(append(tls, other...), ", "))
	}
}

func describePort(sp estate.ServicePort) string {
	d := fmt.Sprintf("%d", sp.Port)
	if sp.Protocol != "" {
		d += "/" + sp.Protocol
	}
	var extra []string
	if sp.Name != "" {
		extra = append(extra, "name "+strconv.Quote(sp.Name))
	}
	if sp.AppProtocol != "" {
		extra = append(extra, "appProtocol "+strconv.Quote(sp.AppProtocol))
	}
	if len(extra) > 0 {
		d += " (" + strings.Join(extra, ", ") + ")"
	}
	return d
}

// isTLSPort and isPlainHTTP read appProtocol when set, else the port's
// name when it says http or https, else the port number.
func isTLSPort(sp estate.ServicePort) bool {
	if ap := strings.ToLower(sp.AppProtocol); ap != "" {
		return ap == "https" || ap == "tls" || ap == "kubernetes.io/wss"
	}
	switch portNameKind(sp.Name) {
	case "https":
		return true
	case "http":
		return false
	}
	return sp.Port == 443 || sp.Port == 8443
}

func isPlainHTTP(sp estate.ServicePort) bool {
	if strings.EqualFold(sp.Protocol, "UDP") || strings.EqualFold(sp.Protocol, "SCTP") {
		return false
	}
	if ap := strings.ToLower(sp.AppProtocol); ap != "" {
		return ap == "http" || ap == "h2c" || ap == "kubernetes.io/h2c" || ap == "kubernetes.io/ws"
	}
	switch portNameKind(sp.Name) {
	case "http":
		return true
	case "https":
		return false
	}
	return sp.Port == 80 || sp.Port == 8080
}

// portNameKind classifies a port name by the Istio-style convention
// ("http", "http-web", "https", "https-api", "tls").
func portNameKind(name string) string {
	n := strings.ToLower(name)
	for _, k := range []string{"https", "tls"} {
		if n == k || strings.HasPrefix(n, k+"-") {
			return "https"
		}
	}
	if n == "http" || strings.HasPrefix(n, "http-") {
		return "http"
	}
	return ""
}
