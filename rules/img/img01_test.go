package img

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func workload(name string, cs ...estate.Container) *estate.Workload {
	id := string(estate.KubeID("Deployment", "default", name))
	return &estate.Workload{
		Meta:       estate.Meta{ID: estate.ResourceID(id), Name: name, Source: estate.SourceKubernetes, Loc: estate.Loc{File: "deploy.yaml", Line: 1}},
		Kind:       "Deployment",
		Namespace:  "default",
		Containers: cs,
	}
}

func ctr(name, image string) estate.Container {
	return estate.Container{Name: name, Kind: estate.RegularContainer, Image: set(image)}
}

func initCtr(name, image string) estate.Container {
	c := ctr(name, image)
	c.Kind = estate.InitContainer
	return c
}

func registry(name string, login estate.Value[string]) *estate.Registry {
	return &estate.Registry{Meta: meta(rg + "/providers/Microsoft.ContainerRegistry/registries/" + name), LoginServer: login}
}

func TestIMG01(t *testing.T) {
	const w = "k8s:Deployment/default/web"
	acr := []*estate.Registry{registry("myacr", set("myacr.azurecr.io"))}
	tests := []struct {
		name       string
		cfg        rules.Config
		registries []*estate.Registry
		containers []estate.Container
		want       rules.Verdict
		evidence   string
	}{
		{"configured registry, case-insensitive", rules.Config{TrustedRegistries: []string{"MyACR.azurecr.io"}}, nil,
			[]estate.Container{ctr("app", "myacr.azurecr.io/app:1")}, rules.Passed, "configured"},
		{"configured path prefix", rules.Config{TrustedRegistries: []string{"mcr.microsoft.com/oss"}}, nil,
			[]estate.Container{ctr("pause", "mcr.microsoft.com/oss/kubernetes/pause:3.9")}, rules.Passed, ""},
		{"configured path prefix stops at a segment", rules.Config{TrustedRegistries: []string{"mcr.microsoft.com/oss"}}, nil,
			[]estate.Container{ctr("x", "mcr.microsoft.com/ossevil/x:1")}, rules.Failed, "mcr.microsoft.com"},
		{"configured docker.io trusts bare names", rules.Config{TrustedRegistries: []string{"docker.io/library"}}, nil,
			[]estate.Container{ctr("web", "nginx:1.27")}, rules.Passed, ""},
		{"configured wildcard", rules.Config{TrustedRegistries: []string{"*.azurecr.io"}}, nil,
			[]estate.Container{ctr("app", "someacr.azurecr.io/app:1")}, rules.Passed, ""},
		{"the configured list overrides the estate", rules.Config{TrustedRegistries: []string{"corp.example.com"}}, acr,
			[]estate.Container{ctr("app", "myacr.azurecr.io/app:1")}, rules.Failed, "not a trusted registry"},
		{"estate login server", rules.DefaultConfig(), acr,
			[]estate.Container{ctr("app", "myacr.azurecr.io/app:1"), initCtr("init", "myacr.azurecr.io/init:1")}, rules.Passed, "login servers in the inputs"},
		{"another ACR than the estate's", rules.DefaultConfig(), acr,
			[]estate.Container{ctr("app", "otheracr.azurecr.io/app:1")}, rules.Failed, "otheracr.azurecr.io"},
		{"Docker Hub bare name", rules.DefaultConfig(), acr,
			[]estate.Container{ctr("app", "myacr.azurecr.io/app:1"), initCtr("init", "busybox")}, rules.Failed, "initContainers[init]"},
		{"no registry anywhere: any ACR, said so", rules.DefaultConfig(), nil,
			[]estate.Container{ctr("app", "someacr.azurecr.io/app:1")}, rules.Passed, "assumption"},
		{"no registry anywhere: Docker Hub fails", rules.DefaultConfig(), nil,
			[]estate.Container{ctr("app", "nginx")}, rules.Failed, "Docker Hub"},
		{"unresolved image", rules.DefaultConfig(), acr,
			[]estate.Container{{Name: "app", Kind: estate.RegularContainer, Image: unk[string]("{{ .Values.image }}")}}, rules.Unknown, ".Values.image"},
		{"unreadable image", rules.DefaultConfig(), acr,
			[]estate.Container{ctr("app", "${IMAGE}")}, rules.Unknown, "not a reference"},
		{"a failing container outweighs an unknown one", rules.DefaultConfig(), acr,
			[]estate.Container{ctr("app", "${IMAGE}"), ctr("side", "quay.io/x/y:1")}, rules.Failed, "quay.io"},
		{"ACR of a registry whose login server is unresolved", rules.DefaultConfig(),
			[]*estate.Registry{acr[0], registry("second", unk[string]("known after apply"))},
			[]estate.Container{ctr("app", "second.azurecr.io/app:1")}, rules.Unknown, "second"},
		{"no containers", rules.DefaultConfig(), acr, nil, rules.Unknown, "no containers"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &estate.Estate{Registries: tc.registries, Workloads: []*estate.Workload{workload("web", tc.containers...)}}
			check(t, IMG01, e, tc.cfg, []want{{w, tc.want, tc.evidence}})
		})
	}
}
