package estate

// SourceKind says what kind of input a resource was read from. It decides
// which remediation a finding shows (an az command, a Terraform attribute,
// an ARM property, a manifest field).
type SourceKind string

// Source kinds.
const (
	SourceAzure      SourceKind = "azure"      // exported resource JSON or the live Azure API
	SourceARM        SourceKind = "arm"        // an ARM deployment template
	SourceBicep      SourceKind = "bicep"      // a Bicep file
	SourceTerraform  SourceKind = "terraform"  // HCL or plan JSON
	SourceKubernetes SourceKind = "kubernetes" // manifests, the live cluster, admission requests
	SourceDockerfile SourceKind = "dockerfile"
	SourceScanReport SourceKind = "scan-report" // a Trivy or Grype vulnerability report
)

// Meta is what every resource has: identity, where it was declared, and the
// kind of input it came from.
type Meta struct {
	ID     ResourceID `json:"id"`
	Name   string     `json:"name"`
	Source SourceKind `json:"source"`
	// Loc is where the resource is declared: the file and line of the block or
	// object, or the resource ID for exported and live resources.
	Loc Loc `json:"loc"`
	// Ignores are inline suppressions found on the resource in its source
	// (for example "# aksguard:ignore AKS-NET-01 reason" in Terraform).
	Ignores []InlineIgnore `json:"ignores,omitempty"`
}

// M returns the Meta itself, so that every resource type satisfies Resource.
func (m *Meta) M() *Meta { return m }

// Resource is implemented by every resource type of the estate.
type Resource interface{ M() *Meta }

// InlineIgnore is a suppression written in an input next to a resource or
// attribute. Reason is required; an ignore without one is not honoured.
type InlineIgnore struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
	Loc    Loc    `json:"loc"`
}
