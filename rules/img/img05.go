package img

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// IMG05 checks that running images have no critical vulnerability with a fix.
var IMG05 = &rules.Rule{
	ID:       "AKS-IMG-05",
	Title:    "Running images have no critical vulnerability with a fix available",
	Severity: rules.High,
	Section:  rules.Compliance,
	Practice: "Images scanned and kept fresh",
	Doc: `A critical vulnerability with a published fix is the easiest kind to
exploit and the cheapest to remove: rebuilding on the patched base or
package closes it. No cluster or IaC setting shows what an image contains, so
the rule needs a vulnerability report: Trivy JSON (trivy image --format json)
or Grype JSON (grype -o json), given to aksguard beside the manifests.

For every workload the rule matches each container image to the reports by
registry, repository and tag or digest (a bare "nginx:1.27" matches a report
on "docker.io/library/nginx:1.27"). An image whose report lists a CRITICAL
vulnerability with a fixed version fails; an image whose report lists none
passes; an image with no report is manual, with what to scan. A report that
matches no workload of the inputs is judged on its own, so that a scan of
reports alone still says what it found.`,
	Fix: rules.Fix{
		CLI:        "az acr build --registry <registry> --image <repository>:<new-tag> . (rebuild on the patched base and upgraded packages), then deploy the new digest",
		Kubernetes: "Rebuild the image on a patched base with the fixed package versions and set spec.containers[].image to the new <registry>/<repository>@sha256:<digest>.",
		Terraform:  "Rebuild the image with the fixed package versions and set image in the kubernetes_* resource's container block to the new digest.",
		Dockerfile: "Move FROM to a patched base digest and upgrade the vulnerable packages, then rebuild and redeploy.",
	},
	Check: func(p *rules.Pass) {
		scans := parseScans(p.Estate.ImageScans)
		used := make([]bool, len(scans))
		for _, w := range p.Estate.Workloads {
			reportWorkload(p, w, func(c estate.Container) verdict {
				img, bad, ok := imageOf(c)
				if !ok {
					return bad
				}
				var found []*estate.ImageScan
				for i, s := range scans {
					if s.ok && SameImage(img, s.img) {
						found = append(found, s.scan)
						used[i] = true
					}
				}
				if len(found) == 0 {
					return verdict{rules.Manual, fmt.Sprintf("%s: no vulnerability report for image %q in the inputs", label(c), c.Image.V), c.Image.Loc}
				}
				v, msg := judgeScans(found)
				return verdict{v, fmt.Sprintf("%s: image %q: %s", label(c), c.Image.V, msg), c.Image.Loc}
			}, func(v rules.Verdict) string {
				if v != rules.Manual {
					return ""
				}
				return ". Scan each image (trivy image --format json <image>, grype <image> -o json, or Defender for Cloud's " +
					"vulnerability assessment) and give the JSON report to aksguard with the manifests; fix any critical vulnerability that has a fixed version"
			})
		}
		for i, s := range scans {
			if used[i] {
				continue
			}
			v, msg := judgeScans([]*estate.ImageScan{s.scan})
			p.Report(s.scan, v, estate.Loc{}, fmt.Sprintf("report on image %q (no workload of the inputs runs it): %s", s.scan.Image, msg))
		}
	},
}

type parsedScan struct {
	scan *estate.ImageScan
	img  Image
	ok   bool
}

func parseScans(in []*estate.ImageScan) []parsedScan {
	out := make([]parsedScan, len(in))
	for i, s := range in {
		img, err := ParseImage(s.Image)
		out[i] = parsedScan{scan: s, img: img, ok: err == nil}
	}
	return out
}

// judgeScans fails when a report lists a critical vulnerability with a fix.
func judgeScans(scans []*estate.ImageScan) (rules.Verdict, string) {
	var fixable []string
	seen := map[string]bool{}
	total := 0
	for _, s := range scans {
		total += len(s.Vulns)
		for _, v := range s.Vulns {
			if !strings.EqualFold(v.Severity, "CRITICAL") || v.FixedVersion == "" || seen[v.ID+v.Package] {
				continue
			}
			seen[v.ID+v.Package] = true
			fixable = append(fixable, fmt.Sprintf("%s in %s (fixed in %s)", v.ID, v.Package, v.FixedVersion))
		}
	}
	if len(fixable) > 0 {
		shown := fixable
		more := ""
		if len(shown) > 5 {
			shown, more = shown[:5], fmt.Sprintf(" and %d more", len(fixable)-5)
		}
		return rules.Failed, fmt.Sprintf("%d critical vulnerabilities with a fix: %s%s", len(fixable), strings.Join(shown, ", "), more)
	}
	return rules.Passed, fmt.Sprintf("no critical vulnerability with a fix among the %d the report lists", total)
}
