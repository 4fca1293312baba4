// Package vulnreport reads image vulnerability reports (Trivy and Grype JSON)
// into the estate, for AKS-IMG-05: one estate.ImageScan per report, naming
// the scanned image and listing its vulnerabilities with the fixed version.
package vulnreport

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// trivyReport is the part of `trivy image --format json` (schema version 2)
// that is read.
type trivyReport struct {
	SchemaVersion int
	ArtifactName  string
	ArtifactType  string // "container_image" for images
	Metadata      struct {
		RepoDigests []string
	}
	Results []trivyResult
}

type trivyResult struct {
	Target          string
	Vulnerabilities []struct {
		VulnerabilityID string
		PkgName         string
		FixedVersion    string
		Severity        string
	}
}

// grypeReport is the part of `grype -o json` that is read.
type grypeReport struct {
	Matches []struct {
		Vulnerability struct {
			ID       string `json:"id"`
			Severity string `json:"severity"`
			Fix      struct {
				Versions []string `json:"versions"`
				State    string   `json:"state"` // fixed, not-fixed, wont-fix, unknown
			} `json:"fix"`
		} `json:"vulnerability"`
		Artifact struct {
			Name string `json:"name"`
		} `json:"artifact"`
	} `json:"matches"`
	Source struct {
		Type string `json:"type"` // image, directory, file, ...
		// Target is an object for images and a path string otherwise.
		Target json.RawMessage `json:"target"`
	} `json:"source"`
}

type grypeImage struct {
	UserInput   string   `json:"userInput"`
	RepoDigests []string `json:"repoDigests"`
}

// head tells the formats apart by their top-level members.
type head struct {
	SchemaVersion json.RawMessage `json:"SchemaVersion"`
	ArtifactName  json.RawMessage `json:"ArtifactName"`
	Results       json.RawMessage `json:"Results"`
	Matches       json.RawMessage `json:"matches"`
	Source        json.RawMessage `json:"source"`
	Descriptor    json.RawMessage `json:"descriptor"`
}

func (h head) trivy() bool {
	return h.SchemaVersion != nil && (h.ArtifactName != nil || h.Results != nil)
}
func (h head) grype() bool { return h.Matches != nil && (h.Source != nil || h.Descriptor != nil) }

// Looks reports whether data is a Trivy or Grype JSON report.
func Looks(data []byte) bool {
	t := bytes.TrimSpace(data)
	if len(t) == 0 || t[0] != '{' {
		return false
	}
	var h head
	if json.Unmarshal(t, &h) != nil {
		return false
	}
	return h.trivy() || h.grype()
}

// Read reads one Trivy or Grype JSON report. Severities are upper-cased
// (Grype writes "Critical"); FixedVersion is empty when no fix exists.
func Read(name string, data []byte) source.Result {
	res := source.Result{Estate: &estate.Estate{}}
	fail := func(err error) source.Result {
		res.Diagnostics = append(res.Diagnostics, jsonError(name, data, err))
		return res
	}
	var h head
	if err := json.Unmarshal(data, &h); err != nil {
		return fail(err)
	}
	scan := &estate.ImageScan{Meta: estate.Meta{
		ID:     estate.ResourceID("scan:" + name),
		Name:   name,
		Source: estate.SourceScanReport,
		Loc:    estate.Loc{File: name},
	}}
	var kind string
	switch {
	case h.trivy():
		var r trivyReport
		if err := json.Unmarshal(data, &r); err != nil {
			return fail(err)
		}
		scan.Image, scan.RepoDigests = r.ArtifactName, r.Metadata.RepoDigests
		for _, result := range r.Results {
			for _, v := range result.Vulnerabilities {
				scan.Vulns = append(scan.Vulns, estate.Vulnerability{
					ID: v.VulnerabilityID, Package: v.PkgName, Severity: severity(v.Severity), FixedVersion: v.FixedVersion,
				})
			}
		}
		if r.ArtifactType != "" && r.ArtifactType != "container_image" {
			kind = r.ArtifactType
		}
	case h.grype():
		var r grypeReport
		if err := json.Unmarshal(data, &r); err != nil {
			return fail(err)
		}
		var img grypeImage
		if json.Unmarshal(r.Source.Target, &img) == nil {
			scan.Image, scan.RepoDigests = img.UserInput, img.RepoDigests
		} else {
			_ = json.Unmarshal(r.Source.Target, &scan.Image) // a directory or file path
		}
		for _, m := range r.Matches {
			v := estate.Vulnerability{ID: m.Vulnerability.ID, Package: m.Artifact.Name, Severity: severity(m.Vulnerability.Severity)}
			if m.Vulnerability.Fix.State == "fixed" {
				v.FixedVersion = strings.Join(m.Vulnerability.Fix.Versions, ", ")
			}
			scan.Vulns = append(scan.Vulns, v)
		}
		if r.Source.Type != "" && r.Source.Type != "image" {
			kind = r.Source.Type
		}
	default:
		res.Diagnostics = append(res.Diagnostics, source.Errorf(name, 1,
			"not a Trivy (SchemaVersion, ArtifactName, Results) or Grype (matches, source) JSON report"))
		return res
	}
	if kind != "" {
		res.Diagnostics = append(res.Diagnostics, source.Warnf(name, 0,
			"the report scans a %s (%q), not a container image: no workload image matches it", kind, scan.Image))
	} else if scan.Image == "" {
		res.Diagnostics = append(res.Diagnostics, source.Warnf(name, 0,
			"the report does not name the scanned image: no workload image matches it"))
	}
	res.Estate.ImageScans = []*estate.ImageScan{scan}
	return res
}

// severity upper-cases a severity; a missing one is UNKNOWN, as both tools
// call a vulnerability whose severity is not rated.
func severity(s string) string {
	if s = strings.ToUpper(strings.TrimSpace(s)); s == "" {
		return "UNKNOWN"
	}
	return s
}

// jsonError turns a decoding error into a diagnostic at its line.
func jsonError(name string, data []byte, err error) source.Diagnostic {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off := syn.Offset
		if off > 0 && off <= int64(len(data)) && !strings.HasPrefix(syn.Error(), "unexpected end") {
			off-- // the offending byte is the last one read
		}
		line, col := position(data, off)
		d := source.Errorf(name, line, "invalid JSON: %v", syn)
		d.Column = col
		return d
	case errors.As(err, &typ):
		line, _ := position(data, typ.Offset)
		return source.Errorf(name, line, "%s: want %s, found a JSON %s", typ.Field, describe(typ.Type), typ.Value)
	}
	return source.Errorf(name, 1, "invalid JSON: %v", err)
}

// position converts a byte offset to a 1-based line and column.
func position(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	before := data[:off]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// describe names a Go type in JSON terms.
func describe(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	}
	return "a number"
}
