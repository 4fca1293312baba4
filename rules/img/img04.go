package img

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// IMG04 checks that every Dockerfile's image builds on scratch or a trusted base.
var IMG04 = &rules.Rule{
	ID:       "AKS-IMG-04",
	Title:    "Images build from scratch or from a trusted base image",
	Severity: rules.Medium,
	Section:  rules.Compliance,
	Practice: "Images built from scratch or trusted bases",
	Doc: `The base image is most of what ships: its packages, its shell, its
vulnerabilities. A base pulled straight from a public registry can change or
disappear under the build; one imported into a trusted registry is scanned
and stays put.

The rule reads each Dockerfile's final stage, the one that becomes the image.
When that stage builds on an earlier stage (FROM builder), the rule follows
the chain to the stage whose base is an image, so "FROM base AS app" after
"FROM golang:1.22 AS base" is judged by golang:1.22. The final image passes
when it builds FROM scratch or from an image of a trusted registry, resolved
as for AKS-IMG-01 (the configured list, else the registry login servers of
the inputs, else any *.azurecr.io registry, said in the evidence). Build
stages whose output is only copied from (COPY --from) do not ship in the
image; the evidence names their public bases without failing on them. A base
that depends on an ARG without a default is unknown.`,
	Fix: rules.Fix{
		CLI:        "az acr import --name <registry> --source docker.io/library/<base>:<tag> --image <base>:<tag>, then FROM <registry>.azurecr.io/<base>:<tag>@sha256:<digest>",
		Dockerfile: "Make the final stage FROM scratch or FROM <registry>.azurecr.io/<base>@sha256:<digest> (import public bases into the registry first).",
	},
	Check: func(p *rules.Pass) {
		trust := NewTrust(p.Config, p.Estate)
		for _, d := range p.Estate.Dockerfiles {
			check04(p, d, trust)
		}
	},
}

func stageName(d *estate.Dockerfile, i int) string {
	if n := d.Stages[i].Name; n != "" {
		return fmt.Sprintf("stage %q", n)
	}
	return fmt.Sprintf("stage %d", i)
}

func check04(p *rules.Pass, d *estate.Dockerfile, trust *Trust) {
	if len(d.Stages) == 0 {
		p.Unknownf(d, estate.Loc{}, "the Dockerfile has no FROM instruction")
		return
	}
	i := len(d.Stages) - 1
	chain := []string{"final " + stageName(d, i)}
	inChain := map[int]bool{i: true}
	for d.Stages[i].FromStage >= 0 {
		next := d.Stages[i].FromStage
		if next >= i {
			p.Unknownf(d, d.Stages[i].Loc, "%s builds on a stage that is not an earlier one (index %d)", stageName(d, i), next)
			return
		}
		i = next
		inChain[i] = true
		chain = append(chain, stageName(d, i))
	}
	s := d.Stages[i]
	at := s.Base.Loc
	if at == (estate.Loc{}) {
		at = s.Loc
	}
	path := strings.Join(chain, " → ")
	note := buildStageNote(d, inChain, trust)
	switch {
	case !s.Base.Known():
		p.Unknownf(d, at, "%s: the base image %s", path, s.Base.Evidence())
		return
	case strings.EqualFold(strings.TrimSpace(s.Base.V), "scratch"):
		p.Passf(d, at, "%s: FROM scratch%s", path, note)
		return
	}
	img, err := ParseImage(s.Base.V)
	if err != nil {
		p.Unknownf(d, at, "%s: base %q is not a reference this rule can read (%v)", path, s.Base.V, err)
		return
	}
	v, why := trust.Decide(img)
	p.Report(d, v, at, fmt.Sprintf("%s: FROM %q: %s (trusted: %s)%s", path, s.Base.V, why, trust.Basis(), note))
}

// buildStageNote names the untrusted bases of stages that do not become the
// image, so that a reader sees them without their failing the rule.
func buildStageNote(d *estate.Dockerfile, inChain map[int]bool, trust *Trust) string {
	var public []string
	for i, s := range d.Stages {
		if inChain[i] || !s.Base.Known() || strings.EqualFold(s.Base.V, "scratch") {
			continue
		}
		img, err := ParseImage(s.Base.V)
		if err != nil {
			continue
		}
		if v, _ := trust.Decide(img); v == rules.Failed {
			public = append(public, fmt.Sprintf("%s FROM %q", stageName(d, i), s.Base.V))
		}
	}
	if len(public) == 0 {
		return ""
	}
	return "; build stages that do not ship in the image use untrusted bases: " + strings.Join(public, ", ")
}
