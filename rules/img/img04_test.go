package img

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func stage(name, base string, from int) estate.Stage {
	return estate.Stage{Name: name, Base: set(base), FromStage: from, Loc: estate.Loc{File: "Dockerfile", Line: 1}}
}

func dockerfile(stages ...estate.Stage) *estate.Dockerfile {
	return &estate.Dockerfile{
		Meta:   estate.Meta{ID: "Dockerfile", Name: "Dockerfile", Source: estate.SourceDockerfile, Loc: estate.Loc{File: "Dockerfile", Line: 1}},
		Stages: stages,
	}
}

func TestIMG04(t *testing.T) {
	trusted := rules.Config{TrustedRegistries: []string{"myacr.azurecr.io"}}
	argBase := estate.Stage{Base: unk[string]("ARG BASE has no default"), FromStage: -1}
	tests := []struct {
		name     string
		cfg      rules.Config
		df       *estate.Dockerfile
		want     rules.Verdict
		evidence string
	}{
		{"scratch", trusted, dockerfile(stage("build", "golang:1.22", -1), stage("", "scratch", -1)), rules.Passed, "untrusted bases"},
		{"trusted base", trusted, dockerfile(stage("", "myacr.azurecr.io/base/distroless:1", -1)), rules.Passed, "myacr.azurecr.io is trusted"},
		{"public base", trusted, dockerfile(stage("", "ubuntu:24.04", -1)), rules.Failed, "Docker Hub"},
		{"a chain of stages ends at a public base", trusted,
			dockerfile(stage("base", "node:22", -1), stage("deps", "", 0), stage("app", "", 1)), rules.Failed, `final stage "app" → stage "deps" → stage "base"`},
		{"a chain of stages ends at a trusted base", trusted,
			dockerfile(stage("base", "myacr.azurecr.io/node:22", -1), stage("app", "", 0)), rules.Passed, ""},
		{"only the final image counts", trusted,
			dockerfile(stage("build", "golang:1.22", -1), stage("", "myacr.azurecr.io/runtime:1", -1)), rules.Passed, `stage "build" FROM "golang:1.22"`},
		{"unresolved ARG", trusted, dockerfile(argBase), rules.Unknown, "ARG BASE"},
		{"no FROM", trusted, dockerfile(), rules.Unknown, "no FROM"},
		{"no configuration and no registry: any ACR", rules.DefaultConfig(), dockerfile(stage("", "myacr.azurecr.io/base:1", -1)), rules.Passed, "assumption"},
		{"a stage that names a later stage", trusted, dockerfile(stage("a", "", 1), stage("b", "", 0)), rules.Unknown, "not an earlier one"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			check(t, IMG04, &estate.Estate{Dockerfiles: []*estate.Dockerfile{tc.df}}, tc.cfg, []want{{"Dockerfile", tc.want, tc.evidence}})
		})
	}
}
