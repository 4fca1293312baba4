package load

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source/armjson"
	"github.com/aksguard/aksguard/source/armtemplate"
	"github.com/aksguard/aksguard/source/bicep"
	"github.com/aksguard/aksguard/source/dockerfile"
	"github.com/aksguard/aksguard/source/kube"
	"github.com/aksguard/aksguard/source/tfplan"
	"github.com/aksguard/aksguard/source/vulnreport"
)

// Kind is the kind of input a file holds, decided by its content.
type Kind uint8

// Kinds of input. Unknown files are skipped.
const (
	Unknown Kind = iota
	// ARMTemplate is an ARM deployment template ($schema …deploymentTemplate.json#).
	ARMTemplate
	// ARMParameters is a deployment parameters file: read with its template,
	// never scanned alone.
	ARMParameters
	// AzureJSON is exported Azure resource JSON (one resource, an array, a
	// list response, Resource Graph output, a REST API example).
	AzureJSON
	// Kubernetes is a manifest: YAML (multi-document) or JSON objects with
	// apiVersion and kind.
	Kubernetes
	// Dockerfile is a Dockerfile or Containerfile.
	Dockerfile
	// VulnReport is a Trivy or Grype JSON report.
	VulnReport
	// Bicep is a Bicep file, read on its own (with <name>.parameters.json).
	Bicep
	// BicepParams is a .bicepparam file, read with the Bicep file it uses.
	BicepParams
	// Terraform is a Terraform root module: a directory of .tf and .tf.json
	// files, read with the local modules it calls.
	Terraform
	// TerraformPlan is a plan in JSON (`terraform show -json plan.out`).
	TerraformPlan
)

var kindNames = [...]string{
	Unknown:       "unknown",
	ARMTemplate:   "arm-template",
	ARMParameters: "arm-parameters",
	AzureJSON:     "azure-json",
	Kubernetes:    "kubernetes",
	Dockerfile:    "dockerfile",
	VulnReport:    "vulnerability-report",
	Bicep:         "bicep",
	BicepParams:   "bicepparam",
	Terraform:     "terraform",
	TerraformPlan: "terraform-plan",
}

// String returns the kind's name ("arm-template", "kubernetes", ...).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Detect returns the kind of input data holds. name helps only where content
// alone is ambiguous (a Dockerfile is recognised more readily when named
// like one; Markdown and source files are never read as manifests even when
// they quote one). data must be UTF-8 text; see Files for the handling of
// encodings, empty files and malformed JSON.
func Detect(name string, data []byte) Kind {
	k, _ := detect(name, data)
	return k
}

// detect returns the kind and, for JSON-looking content that does not parse,
// the syntax error.
func detect(name string, data []byte) (Kind, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if neverInput[ext] {
		return Unknown, nil
	}
	switch {
	case isTerraformName(name):
		return Terraform, nil
	case bicep.IsParams(name, data):
		return BicepParams, nil
	case bicep.Looks(name, data):
		return Bicep, nil
	}
	if !textExts[ext] {
		// dockerfile.Looks accepts any file named like a Dockerfile, so that
		// its reader reports one without FROM; a file not named like one
		// must also open with an upper-case FROM or ARG (as Dockerfiles are
		// written) and have a FROM, so that prose starting "From ..." stays
		// prose.
		named := looksLikeDockerfileName(name)
		if dockerfile.Looks(name, data) && (named || looksLikeDockerfile(data)) {
			return Dockerfile, nil
		}
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		clean := stripComments(data)
		n, err := armjson.Parse(clean)
		if err == nil {
			return detectJSON(clean, n), nil
		}
		// JSON that does not parse: if it carries the marks of an input
		// aksguard reads, it is a broken input; otherwise it is someone
		// else's file (or flow-style YAML, tried below).
		if k := sniffBrokenJSON(data); k != Unknown {
			return k, err
		}
		if ext == ".json" {
			return Unknown, err
		}
	}
	if ext == ".yaml" || ext == ".yml" || ext == "" || name == "-" {
		if kube.Looks(data) {
			return Kubernetes, nil
		}
	}
	return Unknown, nil
}

// neverInput are extensions of files that may quote an input (a manifest in
// a README, a template in a test) but never are one.
var neverInput = map[string]bool{
	".md": true, ".markdown": true, ".txt": true, ".rst": true, ".adoc": true,
	".html": true, ".htm": true, ".go": true, ".py": true, ".js": true, ".ts": true,
	".sh": true, ".ps1": true, ".psm1": true, ".tfvars": true, ".hcl": true,
	".java": true, ".cs": true, ".rb": true,
	".xml": true, ".toml": true, ".ini": true, ".cfg": true, ".conf": true,
	".lock": true, ".sum": true, ".mod": true, ".tpl": true, ".csv": true,
	".svg": true, ".png": true, ".jpg": true, ".gif": true, ".pdf": true,
	".zip": true, ".gz": true, ".tgz": true, ".tar": true,
}

// detectJSON classifies a JSON document. Each reader's own sniffer has the
// last word on its kind (armtemplate.IsTemplate, armjson.Looks, kube.Looks),
// so that a file is handed only to a reader that accepts its shape; the
// structural checks here catch what those leave out (a template without
// $schema, a child resource exported without a type).
//
// The sniffers each decode the document again, so they run only when the
// parsed tree has the members they look for: a large file of no known kind
// then costs one parse, not five.
func detectJSON(data []byte, n *armjson.Node) Kind {
	if n.Get("format_version") != nil && tfplan.Looks(data) {
		return TerraformPlan
	}
	if n.Get("$schema") != nil {
		switch {
		case armtemplate.IsTemplate(data):
			return ARMTemplate
		case armtemplate.IsParameters(data):
			return ARMParameters
		}
	}
	if n.Kind == armjson.Object {
		if n.Get("$schema") == nil && n.Get("contentVersion") != nil {
			if r := n.Get("resources"); r != nil && (r.Kind == armjson.Array || r.Kind == armjson.Object) {
				return ARMTemplate
			}
			if p := n.Get("parameters"); p != nil && p.Kind == armjson.Object {
				return ARMParameters
			}
		}
		if (isTrivy(n) || isGrype(n)) && vulnreport.Looks(data) {
			return VulnReport
		}
	}
	if hasAzureResource(n) || (mayBeAzure(n) && armjson.Looks(data)) {
		return AzureJSON
	}
	if n.Get("apiVersion") != nil && n.Get("kind") != nil && kube.Looks(data) {
		return Kubernetes
	}
	return Unknown
}

// mayBeAzure reports whether n has a shape armjson.Looks may accept: a list,
// or an object with the members it reads.
func mayBeAzure(n *armjson.Node) bool {
	if n.Kind == armjson.Array {
		return true
	}
	for _, k := range []string{"id", "value", "data", "responses"} {
		if n.Get(k) != nil {
			return true
		}
	}
	return false
}

// isTrivy recognises `trivy image --format json` output.
func isTrivy(n *armjson.Node) bool {
	return n.Get("SchemaVersion") != nil && (n.Get("ArtifactName") != nil || n.Get("Results") != nil)
}

// isGrype recognises `grype -o json` output.
func isGrype(n *armjson.Node) bool {
	m := n.Get("matches")
	if m == nil || m.Kind != armjson.Array {
		return false
	}
	if name, _ := n.Path("descriptor.name").AsString(); strings.EqualFold(name, "grype") {
		return true
	}
	return n.Get("source") != nil
}

// hasAzureResource looks for ARM resource objects where exports put them: the
// document itself, an array, a list response's "value", Resource Graph's
// "data", or a REST API example's responses.<code>.body.
func hasAzureResource(n *armjson.Node) bool {
	if n == nil {
		return false
	}
	if isAzureResource(n) {
		return true
	}
	anyOf := func(list *armjson.Node) bool {
		if list == nil || list.Kind != armjson.Array {
			return false
		}
		for _, it := range list.Items {
			if isAzureResource(it) {
				return true
			}
		}
		return false
	}
	switch n.Kind {
	case armjson.Array:
		return anyOf(n)
	case armjson.Object:
		if anyOf(n.Get("value")) || anyOf(n.Get("data")) {
			return true
		}
		if rs := n.Get("responses"); rs != nil && rs.Kind == armjson.Object {
			for _, f := range rs.Fields {
				body := f.Value.Get("body")
				if isAzureResource(body) || (body != nil && anyOf(body.Get("value"))) {
					return true
				}
			}
		}
	}
	return false
}

// isAzureResource: an object whose type is an ARM resource type
// ("Microsoft.ContainerService/managedClusters") with an ID or properties,
// or (child resources such as NSG rules often come without a type) an
// object with an ARM resource ID and properties.
func isAzureResource(n *armjson.Node) bool {
	if n == nil || n.Kind != armjson.Object {
		return false
	}
	id, _ := n.Get("id").AsString()
	props := n.Get("properties")
	typ, _ := n.Get("type").AsString()
	if ns, _, ok := strings.Cut(typ, "/"); ok && strings.Contains(ns, ".") {
		return id != "" || props != nil
	}
	return estate.ResourceID(id).IsARM() && props != nil && props.Kind == armjson.Object
}

var (
	reTemplateMark   = regexp.MustCompile(`(?i)deployment(template|parameters)\.json#`)
	reAzureTypeMark  = regexp.MustCompile(`"type"\s*:\s*"Microsoft\.[A-Za-z]+/`)
	reKubeMark       = regexp.MustCompile(`"apiVersion"\s*:\s*"[^"]+"[\s\S]*"kind"\s*:|"kind"\s*:\s*"[^"]+"[\s\S]*"apiVersion"\s*:`)
	reVulnReportMark = regexp.MustCompile(`"SchemaVersion"\s*:|"matches"\s*:\s*\[`)
)

// sniffBrokenJSON guesses the kind of JSON that does not parse, from marks
// in its text, so that a broken input is reported rather than skipped.
func sniffBrokenJSON(data []byte) Kind {
	head := data
	if len(head) > 1<<20 {
		head = head[:1<<20]
	}
	switch {
	case bytes.Contains(head, []byte(`"format_version"`)) && bytes.Contains(head, []byte(`"planned_values"`)):
		return TerraformPlan
	case reTemplateMark.Match(head):
		if bytes.Contains(bytes.ToLower(head), []byte("deploymentparameters")) {
			return ARMParameters
		}
		return ARMTemplate
	case reAzureTypeMark.Match(head):
		return AzureJSON
	case reKubeMark.Match(head):
		return Kubernetes
	case reVulnReportMark.Match(head):
		return VulnReport
	}
	return Unknown
}

// IsHelmTemplate reports whether a manifest is an unrendered Helm (Go)
// template: its text is not YAML until `helm template` renders it.
func IsHelmTemplate(data []byte) bool { return bytes.Contains(data, []byte("{{")) }

// looksLikeDockerfileName: Dockerfile, Dockerfile.dev, app.Dockerfile,
// Containerfile (case-insensitive).
func looksLikeDockerfileName(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	for _, n := range []string{"dockerfile", "containerfile"} {
		if base == n || strings.HasPrefix(base, n+".") || strings.HasSuffix(base, "."+n) {
			return true
		}
	}
	return false
}

var (
	reFromLine = regexp.MustCompile(`(?m)^\s*FROM\s+\S`)
	// A Dockerfile not named like one must look like one from its first
	// instruction: FROM, or ARG before FROM, after comments and parser
	// directives.
	reFirstInstruction = regexp.MustCompile(`^(FROM|ARG)\s+\S`)
)

func looksLikeDockerfile(data []byte) bool {
	for line := range bytes.Lines(data) {
		l := bytes.TrimSpace(line)
		if len(l) == 0 || l[0] == '#' {
			continue
		}
		return reFirstInstruction.Match(l) && reFromLine.Match(data)
	}
	return false
}

// stripComments blanks // and /* */ comments outside strings, keeping every
// newline so that line numbers stay right. ARM templates may carry comments
// (Azure's deployment engine accepts them); JSON parsers do not.
func stripComments(data []byte) []byte {
	if !bytes.Contains(data, []byte("//")) && !bytes.Contains(data, []byte("/*")) {
		return data
	}
	out := bytes.Clone(data)
	inStr := false
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case inStr:
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for i < len(out) && out[i] != '\n' {
				out[i] = ' '
				i++
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			j := i
			for ; j < len(out); j++ {
				if out[j] == '*' && j+1 < len(out) && out[j+1] == '/' {
					out[j], out[j+1] = ' ', ' '
					j++
					break
				}
				if out[j] != '\n' {
					out[j] = ' '
				}
			}
			i = j
		}
	}
	return out
}
