package img

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func scan(image string, vulns ...estate.Vulnerability) *estate.ImageScan {
	return &estate.ImageScan{
		Meta:  estate.Meta{ID: estate.ResourceID("scan:" + image), Name: image, Source: estate.SourceScanReport, Loc: estate.Loc{File: "trivy.json", Line: 1}},
		Image: image,
		Vulns: vulns,
	}
}

func TestIMG05(t *testing.T) {
	const w = "k8s:Deployment/default/web"
	critFixed := estate.Vulnerability{ID: "CVE-2024-0001", Package: "openssl", Severity: "CRITICAL", FixedVersion: "3.0.14"}
	critNoFix := estate.Vulnerability{ID: "CVE-2024-0002", Package: "zlib", Severity: "CRITICAL"}
	highFixed := estate.Vulnerability{ID: "CVE-2024-0003", Package: "curl", Severity: "HIGH", FixedVersion: "8.9"}
	tests := []struct {
		name       string
		containers []estate.Container
		scans      []*estate.ImageScan
		want       []want
	}{
		{"critical with a fix", []estate.Container{ctr("web", "nginx:1.27")},
			[]*estate.ImageScan{scan("docker.io/library/nginx:1.27", critFixed, highFixed)},
			[]want{{w, rules.Failed, "CVE-2024-0001 in openssl (fixed in 3.0.14)"}}},
		{"critical without a fix, high with one", []estate.Container{ctr("web", "nginx:1.27")},
			[]*estate.ImageScan{scan("nginx:1.27", critNoFix, highFixed)},
			[]want{{w, rules.Passed, "no critical vulnerability with a fix"}}},
		{"no report at all", []estate.Container{ctr("web", "nginx:1.27")}, nil,
			[]want{{w, rules.Manual, "trivy image"}}},
		{"a report on another tag", []estate.Container{ctr("web", "nginx:1.27")},
			[]*estate.ImageScan{scan("nginx:1.26", critFixed)},
			[]want{{w, rules.Manual, "no vulnerability report"}, {"scan:nginx:1.26", rules.Failed, "no workload of the inputs runs it"}}},
		{"one image scanned, another not", []estate.Container{ctr("web", "nginx:1.27"), initCtr("init", "busybox:1")},
			[]*estate.ImageScan{scan("nginx:1.27")},
			[]want{{w, rules.Manual, "initContainers[init]"}}},
		{"unresolved image", []estate.Container{{Name: "web", Kind: estate.RegularContainer, Image: unk[string]("var.image")}},
			[]*estate.ImageScan{scan("nginx:1.27")},
			[]want{{w, rules.Unknown, "var.image"}, {"scan:nginx:1.27", rules.Passed, ""}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &estate.Estate{Workloads: []*estate.Workload{workload("web", tc.containers...)}, ImageScans: tc.scans}
			check(t, IMG05, e, rules.DefaultConfig(), tc.want)
		})
	}
}
