package img

import (
	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// IMG01 checks that every workload image comes from a trusted registry.
var IMG01 = &rules.Rule{
	ID:       "AKS-IMG-01",
	Title:    "Workloads run images from trusted registries only",
	Severity: rules.High,
	Section:  rules.Compliance,
	Practice: "Only trusted images from ACR",
	Doc: `An image pulled from a public registry runs whatever its publisher (or
whoever took over the publisher's account) put in it. Images should come from
registries the organisation controls and scans, such as its own Azure Container
Registry, into which vetted public images are imported.

The rule reads the image of every container, init container and ephemeral
container of each Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job and
CronJob (manifests, the live cluster, or kubernetes_* resources of Terraform).
References are read as the container runtime reads them: a bare name such as
"nginx" is Docker Hub (index.docker.io/library/nginx).

Trusted registries are, in order: the configured list (a host, matched
case-insensitively; a host with a path prefix such as "mcr.microsoft.com/oss",
which trusts only repositories under that path; or a wildcard such as
"*.azurecr.io"); else the login servers of the registries in the inputs; else
any *.azurecr.io registry, and the evidence then says that this was assumed.
An image that is unresolved (a template placeholder) or unreadable is unknown,
as is an ACR image that may belong to a registry of the inputs whose login
server is unresolved.`,
	Fix: rules.Fix{
		CLI:        "az acr import --name <registry> --source docker.io/library/<image>:<tag> --image <image>:<tag>, then point the workload at <registry>.azurecr.io/<image>",
		Terraform:  "Set image in the kubernetes_* resource's container block to an image of a trusted registry (import public images with az acr import or azurerm_container_registry_task).",
		Kubernetes: "Set spec.containers[].image (and initContainers, ephemeralContainers) to an image of a trusted registry, e.g. <registry>.azurecr.io/<image>@sha256:<digest>.",
	},
	Check: func(p *rules.Pass) {
		trust := NewTrust(p.Config, p.Estate)
		suffix := func(rules.Verdict) string { return " (trusted: " + trust.Basis() + ")" }
		for _, w := range p.Estate.Workloads {
			reportWorkload(p, w, func(c estate.Container) verdict {
				img, bad, ok := imageOf(c)
				if !ok {
					return bad
				}
				v, why := trust.Decide(img)
				return verdict{v, label(c) + ": image " + quote(c.Image.V) + ": " + why, c.Image.Loc}
			}, suffix)
		}
	},
}

func quote(s string) string { return `"` + s + `"` }
