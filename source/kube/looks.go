package kube

import (
	"bytes"
	"encoding/json"
	"regexp"
)

// apiVersionRE matches a Kubernetes apiVersion ("v1", "apps/v1",
// "networking.k8s.io/v1beta1") and not an ARM one ("2024-02-01"), which
// ARM templates and exports also carry next to a "kind".
const apiVersionRE = `([a-z0-9.-]+/)?v[0-9]+((alpha|beta)[0-9]+)?`

var (
	yamlAPIVersion = regexp.MustCompile(`(?m)^apiVersion:[ \t]*["']?` + apiVersionRE + `["']?[ \t]*(#.*)?\r?$`)
	yamlKind       = regexp.MustCompile(`(?m)^kind:[ \t]*["']?[A-Za-z][A-Za-z0-9]*["']?[ \t]*(#.*)?\r?$`)
	jsonAPIVersion = regexp.MustCompile(`^` + apiVersionRE + `$`)
)

// Looks reports whether data looks like a Kubernetes manifest: a YAML
// document or JSON object with a top-level apiVersion of Kubernetes' form and
// a kind. It is a cheap test for a loader that detects inputs by content.
func Looks(data []byte) bool {
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(t) > 0 && t[0] == '{' {
		var head struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
		}
		if json.Unmarshal(t, &head) == nil {
			return head.Kind != "" && jsonAPIVersion.MatchString(head.APIVersion)
		}
	}
	return yamlAPIVersion.Match(data) && yamlKind.Match(data)
}
