package iam

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func kubeMeta(kind, name string) estate.Meta {
	return estate.Meta{ID: estate.KubeID(kind, "web", name), Name: name, Source: estate.SourceKubernetes,
		Loc: estate.Loc{File: "k8s/" + name + ".yaml", Line: 1}}
}

func TestIAM07Ingress(t *testing.T) {
	tests := []struct {
		name string
		in   estate.Ingress
		want *expect // nil: not reported
	}{
		{"no tls", estate.Ingress{Hosts: []string{"shop.example.com"}},
			&expect{verdict: rules.Failed, has: []string{"spec.tls is absent", `"shop.example.com"`}}},
		{"tls covers every host", estate.Ingress{Hosts: []string{"a.example.com", "B.example.com"}, HasTLS: true, TLSHosts: []string{"a.example.com", "b.example.com"}},
			&expect{verdict: rules.Passed, has: []string{"cover"}}},
		{"wildcard covers one label", estate.Ingress{Hosts: []string{"a.example.com"}, HasTLS: true, TLSHosts: []string{"*.example.com"}},
			&expect{verdict: rules.Passed}},
		{"wildcard does not cover two labels", estate.Ingress{Hosts: []string{"x.a.example.com"}, HasTLS: true, TLSHosts: []string{"*.example.com"}},
			&expect{verdict: rules.Failed, has: []string{`do not cover "x.a.example.com"`}}},
		{"one host left out", estate.Ingress{Hosts: []string{"a.example.com", "admin.example.com"}, HasTLS: true, TLSHosts: []string{"a.example.com"}},
			&expect{verdict: rules.Failed, has: []string{`do not cover "admin.example.com"`}, hasNot: []string{`cover "a.example.com"`}}},
		{"tls entry without hosts covers all", estate.Ingress{Hosts: []string{"a.example.com", ""}, HasTLS: true},
			&expect{verdict: rules.Passed, has: []string{"any host"}}},
		{"rule without host and no tls", estate.Ingress{Hosts: []string{""}},
			&expect{verdict: rules.Failed, has: []string{"any host (a rule without host)"}}},
		{"default backend only", estate.Ingress{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Meta = kubeMeta("Ingress", "shop")
			var want []expect
			if tt.want != nil {
				w := *tt.want
				w.res = in.ID
				want = append(want, w)
			}
			got := run(IAM07, estateOf(&in), rules.DefaultConfig())
			assertFindings(t, got, want)
			if len(got) == 1 && (got[0].Path != "spec.tls" || got[0].Location.File != "k8s/shop.yaml" || got[0].Remediation != IAM07.Fix.Kubernetes) {
				t.Errorf("finding points at %+v path %q, remediation %q", got[0].Location, got[0].Path, got[0].Remediation)
			}
		})
	}
}

func TestIAM07LoadBalancerServices(t *testing.T) {
	tcp := func(port int, name, appProtocol string) estate.ServicePort {
		return estate.ServicePort{Port: port, Name: name, AppProtocol: appProtocol, Protocol: "TCP"}
	}
	tests := []struct {
		name  string
		typ   string
		ports []estate.ServicePort
		ann   map[string]string
		want  *expect
	}{
		{"port 80", "LoadBalancer", []estate.ServicePort{tcp(80, "", "")}, nil,
			&expect{verdict: rules.Failed, has: []string{"plain-HTTP port(s) 80/TCP"}}},
		{"internal load balancer still plain", "LoadBalancer", []estate.ServicePort{tcp(8080, "web", "")},
			map[string]string{"service.beta.kubernetes.io/azure-load-balancer-internal": "true"},
			&expect{verdict: rules.Failed, has: []string{"8080/TCP"}}},
		{"named http on another port", "LoadBalancer", []estate.ServicePort{tcp(8000, "http-api", "")}, nil,
			&expect{verdict: rules.Failed, has: []string{`name "http-api"`}}},
		{"appProtocol http", "LoadBalancer", []estate.ServicePort{tcp(9000, "", "http")}, nil,
			&expect{verdict: rules.Failed}},
		{"appProtocol https on port 80 wins", "LoadBalancer", []estate.ServicePort{tcp(80, "", "https")}, nil,
			&expect{verdict: rules.Passed}},
		{"https only", "LoadBalancer", []estate.ServicePort{tcp(443, "https", "")}, nil,
			&expect{verdict: rules.Passed, has: []string{"no plain-HTTP port", "443/TCP"}}},
		{"80 beside 443, like an ingress controller", "LoadBalancer", []estate.ServicePort{tcp(80, "http", ""), tcp(443, "https", "")}, nil,
			&expect{verdict: rules.Unknown, has: []string{"redirects to HTTPS"}}},
		{"a database port is not HTTP", "LoadBalancer", []estate.ServicePort{tcp(5432, "postgres", "")}, nil,
			&expect{verdict: rules.Passed}},
		{"UDP 80 is not HTTP", "LoadBalancer", []estate.ServicePort{{Port: 80, Protocol: "UDP"}}, nil,
			&expect{verdict: rules.Passed}},
		{"ClusterIP is not reported", "ClusterIP", []estate.ServicePort{tcp(80, "http", "")}, nil, nil},
		{"NodePort is not reported", "NodePort", []estate.ServicePort{tcp(80, "http", "")}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &estate.Service{Meta: kubeMeta("Service", "front"), Namespace: "web", Type: tt.typ, Ports: tt.ports, Annotations: tt.ann}
			var want []expect
			if tt.want != nil {
				w := *tt.want
				w.res = s.ID
				want = append(want, w)
			}
			assertFindings(t, run(IAM07, estateOf(s), rules.DefaultConfig()), want)
		})
	}
}
