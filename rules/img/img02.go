package img

import (
	"fmt"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// IMG02 checks that every workload image is pinned by digest.
var IMG02 = &rules.Rule{
	ID:       "AKS-IMG-02",
	Title:    "Workload images are pinned by digest",
	Severity: rules.Medium,
	Section:  rules.Compliance,
	Practice: "Images pinned by digest",
	Doc: `A tag is a movable pointer: whoever can push to the repository can make
"latest", or "1.4", point at a different image tomorrow, and nodes pulling
later run it without any change to the manifest. A digest (image@sha256:...)
names exactly one image.

The rule reads the image of every container, init container and ephemeral
container of each workload. A reference with a digest passes (a tag beside
the digest, "repo:1.4@sha256:...", is allowed and only documents it). A
reference without a tag (which means latest) or with the latest tag fails,
and so does any other tag without a digest: RULES asks for a digest, and a
tag such as "1.4" is no more immutable than "latest", only less surprising.
An unresolved or unreadable image is unknown.`,
	Fix: rules.Fix{
		CLI:        "az acr repository show --name <registry> --image <repository>:<tag> --query digest --output tsv, then reference the image as <registry>.azurecr.io/<repository>@<digest>",
		Terraform:  "Set image in the kubernetes_* resource's container block to <registry>/<repository>@sha256:<digest>.",
		Kubernetes: "Set spec.containers[].image (and initContainers, ephemeralContainers) to <registry>/<repository>@sha256:<digest>.",
	},
	Check: func(p *rules.Pass) {
		for _, w := range p.Estate.Workloads {
			reportWorkload(p, w, judgePin, nil)
		}
	},
}

func judgePin(c estate.Container) verdict {
	img, bad, ok := imageOf(c)
	if !ok {
		return bad
	}
	at := c.Image.Loc
	prefix := label(c) + ": image " + quote(c.Image.V)
	switch {
	case img.Digest != "":
		return verdict{rules.Passed, prefix + " is pinned by digest", at}
	case img.Tag == "":
		return verdict{rules.Failed, prefix + " has no tag, so it runs whatever latest points at", at}
	case img.Tag == "latest":
		return verdict{rules.Failed, prefix + " uses the latest tag", at}
	}
	return verdict{rules.Failed, fmt.Sprintf("%s is pinned by tag %q, not by digest: the tag can be moved to another image", prefix, img.Tag), at}
}
