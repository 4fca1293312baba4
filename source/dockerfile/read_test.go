package dockerfile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

func at(line int) estate.Loc                      { return estate.Loc{File: "Dockerfile", Line: line} }
func from(line int) estate.Loc                    { return at(line).At("FROM") }
func set(v string, line int) estate.Value[string] { return estate.Set(v, from(line)) }

func TestReadStages(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []estate.Stage
	}{{
		name: "single stage",
		in:   "FROM node:20\nWORKDIR /app\nCMD [\"node\"]\n",
		want: []estate.Stage{{Base: set("node:20", 1), FromStage: -1, Loc: at(1)}},
	}, {
		name: "multi-stage to scratch with a stage reference",
		in: `FROM golang:1.26 AS build
RUN go build -o /app .

FROM scratch
COPY --from=build /app /app
`,
		want: []estate.Stage{
			{Name: "build", Base: set("golang:1.26", 1), FromStage: -1, Loc: at(1)},
			{Base: set("scratch", 4), FromStage: -1, Loc: at(4)},
		},
	}, {
		name: "FROM an earlier stage, names compared case-insensitively",
		in:   "FROM alpine:3.20 AS Base\nFROM BASE AS app\nFROM app\n",
		want: []estate.Stage{
			{Name: "base", Base: set("alpine:3.20", 1), FromStage: -1, Loc: at(1)},
			{Name: "app", Base: set("BASE", 2), FromStage: 0, Loc: at(2)},
			{Base: set("app", 3), FromStage: 1, Loc: at(3)},
		},
	}, {
		name: "a later stage's name is an image, not a reference",
		in:   "FROM later\nFROM alpine AS later\n",
		want: []estate.Stage{
			{Base: set("later", 1), FromStage: -1, Loc: at(1)},
			{Name: "later", Base: set("alpine", 2), FromStage: -1, Loc: at(2)},
		},
	}, {
		name: "global ARG defaults are substituted",
		in: `ARG REGISTRY=contoso.azurecr.io
ARG IMAGE=${REGISTRY}/base/node
ARG TAG="20-alpine"
FROM ${IMAGE}:$TAG
`,
		want: []estate.Stage{{Base: set("contoso.azurecr.io/base/node:20-alpine", 4), FromStage: -1, Loc: at(4)}},
	}, {
		name: "an ARG without default makes the base unresolved",
		in:   "ARG BASE\nFROM ${BASE}\n",
		want: []estate.Stage{{Base: estate.Unresolved[string](from(2), "ARG BASE has no default: only --build-arg BASE sets it"), FromStage: -1, Loc: at(2)}},
	}, {
		name: "an ARG declared after FROM is not global",
		in:   "FROM alpine AS a\nARG IMG=nginx\nFROM ${IMG:-busybox}\n",
		want: []estate.Stage{
			{Name: "a", Base: set("alpine", 1), FromStage: -1, Loc: at(1)},
			{Base: set("busybox", 3), FromStage: -1, Loc: at(3)},
		},
	}, {
		name: "a builder platform ARG in the base is unresolved",
		in:   "ARG ARCH_IMAGE=contoso.azurecr.io/base-${TARGETARCH}\nFROM $ARCH_IMAGE\n",
		want: []estate.Stage{{Base: estate.Unresolved[string](from(2), "TARGETARCH is set by the builder for the build or target platform"), FromStage: -1, Loc: at(2)}},
	}, {
		name: "platform flag, resolved and not",
		in:   "ARG PLATFORM=linux/arm64\nFROM --platform=$BUILDPLATFORM golang:1.26 AS build\nFROM --platform=${PLATFORM} gcr.io/distroless/static\n",
		want: []estate.Stage{
			{Name: "build", Base: set("golang:1.26", 2), FromStage: -1, Platform: "$BUILDPLATFORM", Loc: at(2)},
			{Base: set("gcr.io/distroless/static", 3), FromStage: -1, Platform: "linux/arm64", Loc: at(3)},
		},
	}, {
		name: "continuation lines and lower-case instructions",
		in:   "# syntax=docker/dockerfile:1\n\nfrom \\\n  mcr.microsoft.com/dotnet/aspnet:8.0 \\\n  as final\n",
		want: []estate.Stage{{Name: "final", Base: set("mcr.microsoft.com/dotnet/aspnet:8.0", 3), FromStage: -1, Loc: at(3)}},
	}, {
		name: "digest-pinned base",
		in:   "FROM contoso.azurecr.io/app@sha256:4f2d\n",
		want: []estate.Stage{{Base: set("contoso.azurecr.io/app@sha256:4f2d", 1), FromStage: -1, Loc: at(1)}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Read("Dockerfile", []byte(tt.in))
			if len(r.Diagnostics) > 0 {
				t.Fatalf("diagnostics: %v", r.Diagnostics)
			}
			if len(r.Estate.Dockerfiles) != 1 {
				t.Fatalf("got %d Dockerfiles, want 1", len(r.Estate.Dockerfiles))
			}
			df := r.Estate.Dockerfiles[0]
			if diff := cmp.Diff(tt.want, df.Stages); diff != "" {
				t.Errorf("stages (-want +got):\n%s", diff)
			}
			wantMeta := estate.Meta{ID: "dockerfile:Dockerfile", Name: "Dockerfile", Source: estate.SourceDockerfile, Loc: estate.Loc{File: "Dockerfile"}}
			if diff := cmp.Diff(wantMeta, df.Meta); diff != "" {
				t.Errorf("meta (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want      source.Diagnostics
		wantFiles int // whether the Dockerfile is still returned
	}{{
		name: "FROM with two arguments",
		in:   "FROM alpine\nRUN true\nFROM alpine extra\n",
		want: source.Diagnostics{{Severity: source.Error, Input: "Dockerfile", Line: 3, Message: "FROM requires either one or three arguments"}},
	}, {
		name: "invalid stage name",
		in:   "FROM alpine AS 1st\n",
		want: source.Diagnostics{{Severity: source.Error, Input: "Dockerfile", Line: 1,
			Message: `invalid name for build stage: "1st", name can't start with a number or contain symbols`}},
	}, {
		name: "unknown instruction",
		in:   "FROM alpine\n\nRUNN apk add curl\n",
		want: source.Diagnostics{{Severity: source.Error, Input: "Dockerfile", Line: 3, Message: "unknown instruction: RUNN (did you mean RUN?)"}},
		// the stage is unaffected: the Dockerfile is still audited
		wantFiles: 1,
	}, {
		name: "unterminated heredoc",
		in:   "FROM alpine\nRUN <<EOF\necho hi\n",
		want: source.Diagnostics{{Severity: source.Error, Input: "Dockerfile", Line: 2, Message: "unterminated heredoc"}},
	}, {
		name:      "instruction before FROM",
		in:        "RUN echo hi\nFROM alpine\n",
		want:      source.Diagnostics{{Severity: source.Error, Input: "Dockerfile", Line: 1, Message: "RUN before the first FROM: only ARG may come before FROM"}},
		wantFiles: 1,
	}, {
		name: "empty file",
		in:   "\n# nothing here\n",
		want: source.Diagnostics{{Severity: source.Error, Input: "Dockerfile", Line: 2, Message: "file with no instructions"}},
	}, {
		name: "only ARGs",
		in:   "ARG A=1\n",
		want: source.Diagnostics{{Severity: source.Error, Input: "Dockerfile", Line: 1, Message: "no FROM instruction: the Dockerfile has no build stage"}},
	}, {
		name:      "base expands to nothing",
		in:        "FROM $UNDECLARED\n",
		want:      source.Diagnostics{{Severity: source.Error, Input: "Dockerfile", Line: 1, Message: "FROM $UNDECLARED: the base name expands to nothing"}},
		wantFiles: 1,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Read("Dockerfile", []byte(tt.in))
			if diff := cmp.Diff(tt.want, r.Diagnostics); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			if got := len(r.Estate.Dockerfiles); got != tt.wantFiles {
				t.Errorf("got %d Dockerfiles, want %d", got, tt.wantFiles)
			}
		})
	}
}

func TestReadTestdata(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "multistage.Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	const name = "svc/multistage.Dockerfile"
	r := Read(name, data)
	if len(r.Diagnostics) > 0 {
		t.Fatal(r.Diagnostics)
	}
	l := func(n int) estate.Loc { return estate.Loc{File: name, Line: n} }
	want := &estate.Dockerfile{
		Meta: estate.Meta{ID: "dockerfile:" + name, Name: name, Source: estate.SourceDockerfile, Loc: estate.Loc{File: name},
			Ignores: []estate.InlineIgnore{{Rule: "AKS-IMG-04", Reason: "scratch has no shell; the debug stage is never pushed", Loc: l(22)}}},
		Stages: []estate.Stage{
			{Name: "build", Base: estate.Set("contoso.azurecr.io/mirror/golang:1.26", l(7).At("FROM")), FromStage: -1, Platform: "$BUILDPLATFORM", Loc: l(7)},
			{Name: "test", Base: estate.Set("build", l(16).At("FROM")), FromStage: 0, Loc: l(16)},
			{Name: "debug", Base: estate.Unresolved[string](l(19).At("FROM"), "ARG DEBIAN_DIGEST has no default: only --build-arg DEBIAN_DIGEST sets it"), FromStage: -1, Loc: l(19)},
			{Base: estate.Set("scratch", l(23).At("FROM")), FromStage: -1, Loc: l(23)},
		},
	}
	if diff := cmp.Diff(want, r.Estate.Dockerfiles[0]); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if f := r.Estate.Dockerfiles[0].Final(); f == nil || !estate.Is(f.Base, "scratch") {
		t.Errorf("final stage = %+v, want scratch", f)
	}
}

func TestReadEscapeDirectiveAndHeredoc(t *testing.T) {
	for file, want := range map[string]string{
		"windows.Dockerfile": "mcr.microsoft.com/windows/servercore:ltsc2022",
		"heredoc.Dockerfile": "docker.io/library/python:3.12-alpine",
	} {
		data, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		r := Read(file, data)
		if len(r.Diagnostics) > 0 || len(r.Estate.Dockerfiles) != 1 {
			t.Fatalf("%s: %v", file, r.Diagnostics)
		}
		if got := r.Estate.Dockerfiles[0].Final().Base; !estate.Is(got, want) {
			t.Errorf("%s: final base = %+v, want %q", file, got, want)
		}
	}
}

func TestLooks(t *testing.T) {
	tests := []struct {
		name, data string
		want       bool
	}{
		{"Dockerfile", "", true},
		{"build/Containerfile", "", true},
		{"api.Dockerfile", "", true},
		{"Dockerfile.prod", "", true},
		{`C:\src\dockerfile`, "", true},
		{"notes.txt", "# syntax=docker/dockerfile:1\nFROM alpine\n", true},
		{"build", "\n# comment\nARG BASE=alpine\nFROM $BASE\n", true},
		{"image", "from alpine\n", true},
		{"compose.yaml", "services:\n  web:\n    image: nginx\n", false},
		{"main.tf", "# FROM is a word\nresource \"x\" \"y\" {}\n", false},
		{"README.md", "FROM:\n", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := Looks(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("Looks(%q, %q) = %v, want %v", tt.name, tt.data, got, tt.want)
		}
	}
}

func TestIgnoreComments(t *testing.T) {
	got := ignores("Dockerfile", []byte("FROM node:20\n# aksguard:ignore AKS-IMG-04: mirrored nightly\n  #aksguard:ignore aks-img-02\n# unrelated\n"))
	want := []estate.InlineIgnore{
		{Rule: "AKS-IMG-04", Reason: "mirrored nightly", Loc: at(2)},
		{Rule: "AKS-IMG-02", Loc: at(3)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
