package vulnreport

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestReadSamples(t *testing.T) {
	tests := []struct {
		file string
		want *estate.ImageScan
	}{{
		file: "trivy-web.json",
		want: &estate.ImageScan{
			Meta:        estate.Meta{ID: "scan:trivy-web.json", Name: "trivy-web.json", Source: estate.SourceScanReport, Loc: estate.Loc{File: "trivy-web.json"}},
			Image:       "contoso.azurecr.io/shop/web:1.4.2",
			RepoDigests: []string{"contoso.azurecr.io/shop/web@sha256:0c6f0e5e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6"},
			Vulns: []estate.Vulnerability{
				{ID: "CVE-2024-5535", Package: "libssl3", Severity: "CRITICAL", FixedVersion: "3.0.14-1~deb12u1"},
				{ID: "CVE-2023-45853", Package: "zlib1g", Severity: "CRITICAL"},
				{ID: "CVE-2024-2511", Package: "libssl3", Severity: "LOW", FixedVersion: "3.0.14-1~deb12u1"},
				{ID: "GHSA-952p-6rrq-rcjv", Package: "micromatch", Severity: "MEDIUM", FixedVersion: "4.0.8"},
			},
		},
	}, {
		file: "grype-api.json",
		want: &estate.ImageScan{
			Meta:        estate.Meta{ID: "scan:grype-api.json", Name: "grype-api.json", Source: estate.SourceScanReport, Loc: estate.Loc{File: "grype-api.json"}},
			Image:       "contoso.azurecr.io/shop/api:2.0.1",
			RepoDigests: []string{"contoso.azurecr.io/shop/api@sha256:4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b"},
			Vulns: []estate.Vulnerability{
				{ID: "CVE-2024-45337", Package: "golang.org/x/crypto", Severity: "CRITICAL", FixedVersion: "0.31.0"},
				{ID: "CVE-2024-26458", Package: "libkrb5-3", Severity: "NEGLIGIBLE"},
				{ID: "CVE-2024-0727", Package: "libssl3", Severity: "HIGH", FixedVersion: "3.0.13-1~deb12u1, 3.1.5-1"},
			},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := readFile(t, tt.file)
			if !Looks(data) {
				t.Error("Looks = false")
			}
			r := Read(tt.file, data)
			if len(r.Diagnostics) > 0 {
				t.Fatalf("diagnostics: %v", r.Diagnostics)
			}
			if diff := cmp.Diff([]*estate.ImageScan{tt.want}, r.Estate.ImageScans); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadInline(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantImage string
		wantVulns []estate.Vulnerability
		wantDiags source.Diagnostics
	}{{
		name:      "trivy report of a clean image",
		in:        `{"SchemaVersion": 2, "ArtifactName": "mcr.microsoft.com/cbl-mariner/distroless/minimal:2.0", "ArtifactType": "container_image", "Results": [{"Target": "x (cbl-mariner 2.0.20240628)", "Class": "os-pkgs", "Type": "cbl-mariner"}]}`,
		wantImage: "mcr.microsoft.com/cbl-mariner/distroless/minimal:2.0",
	}, {
		name:      "grype severity without rating",
		in:        `{"matches": [{"vulnerability": {"id": "CVE-2025-1", "severity": "", "fix": {"versions": ["1.2"], "state": "not-fixed"}}, "artifact": {"name": "curl"}}], "source": {"type": "image", "target": {"userInput": "nginx:1.27"}}}`,
		wantImage: "nginx:1.27",
		wantVulns: []estate.Vulnerability{{ID: "CVE-2025-1", Package: "curl", Severity: "UNKNOWN"}},
	}, {
		name:      "trivy filesystem scan",
		in:        `{"SchemaVersion": 2, "ArtifactName": "./app", "ArtifactType": "filesystem", "Results": []}`,
		wantImage: "./app",
		wantDiags: source.Diagnostics{{Severity: source.Warning, Input: "r.json",
			Message: `the report scans a filesystem ("./app"), not a container image: no workload image matches it`}},
	}, {
		name:      "grype directory scan",
		in:        `{"matches": [], "source": {"type": "directory", "target": "/src"}, "descriptor": {"name": "grype"}}`,
		wantImage: "/src",
		wantDiags: source.Diagnostics{{Severity: source.Warning, Input: "r.json",
			Message: `the report scans a directory ("/src"), not a container image: no workload image matches it`}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Read("r.json", []byte(tt.in))
			if diff := cmp.Diff(tt.wantDiags, r.Diagnostics); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			if len(r.Estate.ImageScans) != 1 {
				t.Fatalf("got %d scans, want 1", len(r.Estate.ImageScans))
			}
			s := r.Estate.ImageScans[0]
			if s.Image != tt.wantImage {
				t.Errorf("Image = %q, want %q", s.Image, tt.wantImage)
			}
			if diff := cmp.Diff(tt.wantVulns, s.Vulns); diff != "" {
				t.Errorf("vulns (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want source.Diagnostic
	}{{
		name: "truncated JSON",
		in:   "{\n  \"SchemaVersion\": 2,\n  \"Results\": [\n",
		want: source.Diagnostic{Severity: source.Error, Input: "r.json", Line: 4, Column: 1, Message: "invalid JSON: unexpected end of JSON input"},
	}, {
		name: "syntax error",
		in:   "{\n  \"SchemaVersion\": 2,\n  \"Results\": [}\n}",
		want: source.Diagnostic{Severity: source.Error, Input: "r.json", Line: 3, Column: 15, Message: "invalid JSON: invalid character '}' looking for beginning of value"},
	}, {
		name: "field of the wrong type",
		in:   "{\n  \"SchemaVersion\": 2,\n  \"ArtifactName\": \"x\",\n  \"Results\": [{\"Vulnerabilities\": [{\"Severity\": 4}]}]\n}",
		want: source.Diagnostic{Severity: source.Error, Input: "r.json", Line: 4, Message: "Results.Vulnerabilities.Severity: want a string, found a JSON number"},
	}, {
		name: "some other JSON",
		in:   `{"name": "package.json"}`,
		want: source.Diagnostic{Severity: source.Error, Input: "r.json", Line: 1, Message: "not a Trivy (SchemaVersion, ArtifactName, Results) or Grype (matches, source) JSON report"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Read("r.json", []byte(tt.in))
			if diff := cmp.Diff(source.Diagnostics{tt.want}, r.Diagnostics); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			if len(r.Estate.ImageScans) != 0 {
				t.Errorf("got %d scans from a broken report", len(r.Estate.ImageScans))
			}
		})
	}
}

func TestLooks(t *testing.T) {
	tests := map[string]struct {
		in   string
		want bool
	}{
		"trivy":              {`{"SchemaVersion": 2, "ArtifactName": "x", "Results": []}`, true},
		"grype":              {`{"matches": [], "source": {"type": "image"}}`, true},
		"kubernetes object":  {`{"apiVersion": "v1", "kind": "Pod"}`, false},
		"ARM template":       {`{"$schema": "https://schema.management.azure.com/", "resources": []}`, false},
		"SARIF":              {`{"version": "2.1.0", "runs": [{"results": []}]}`, false},
		"YAML":               {"matches: []\nsource: {}\n", false},
		"broken JSON":        {`{"SchemaVersion": 2,`, false},
		"JSON schema itself": {`{"$schema": "x", "properties": {"SchemaVersion": {}}}`, false},
	}
	for name, tt := range tests {
		if got := Looks([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: Looks = %v, want %v", name, got, tt.want)
		}
	}
}
