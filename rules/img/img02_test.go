package img

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestIMG02(t *testing.T) {
	const w = "k8s:Deployment/default/web"
	const dig = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	tests := []struct {
		name       string
		containers []estate.Container
		want       rules.Verdict
		evidence   string
	}{
		{"digest", []estate.Container{ctr("app", "myacr.azurecr.io/app"+dig)}, rules.Passed, "pinned by digest"},
		{"tag and digest", []estate.Container{ctr("app", "myacr.azurecr.io/app:1.4"+dig)}, rules.Passed, "pinned by digest"},
		{"no tag", []estate.Container{ctr("app", "nginx")}, rules.Failed, "no tag"},
		{"latest", []estate.Container{ctr("app", "nginx:latest")}, rules.Failed, "latest tag"},
		{"a version tag is still not a digest", []estate.Container{ctr("app", "nginx:1.27")}, rules.Failed, `tag "1.27"`},
		{"registry port is not a tag", []estate.Container{ctr("app", "localhost:5000/app")}, rules.Failed, "no tag"},
		{"one unpinned init container fails the workload", []estate.Container{ctr("app", "myacr.azurecr.io/app"+dig), initCtr("init", "busybox:1")}, rules.Failed, "initContainers[init]"},
		{"unresolved image", []estate.Container{{Name: "app", Kind: estate.RegularContainer, Image: unk[string]("var.image")}}, rules.Unknown, "var.image"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &estate.Estate{Workloads: []*estate.Workload{workload("web", tc.containers...)}}
			check(t, IMG02, e, rules.DefaultConfig(), []want{{w, tc.want, tc.evidence}})
		})
	}
}
