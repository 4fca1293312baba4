package estate

// Dockerfile is one Dockerfile and its build stages.
type Dockerfile struct {
	Meta
	Stages []Stage
}

// Stage is one FROM of a Dockerfile.
type Stage struct {
	// Name is the stage's alias (FROM x AS name), or "".
	Name string
	// Base is the image reference after ARG substitution; unknown when an ARG
	// has no default. "scratch" for FROM scratch.
	Base Value[string]
	// FromStage is the index of an earlier stage this one builds on, or -1.
	FromStage int
	Platform  string
	Loc       Loc
}

// Final returns the last stage, the one that becomes the image, or nil.
func (d *Dockerfile) Final() *Stage {
	if len(d.Stages) == 0 {
		return nil
	}
	return &d.Stages[len(d.Stages)-1]
}

// ImageScan is a vulnerability report for one image (Trivy or Grype JSON).
type ImageScan struct {
	Meta
	Image string
	// RepoDigests are the scanned image's "repository@sha256:..." references,
	// when the report gives them, so that a workload pinned by digest can be
	// matched to a report that names the image by tag.
	RepoDigests []string
	Vulns       []Vulnerability
}

// Vulnerability is one finding of an image scan.
type Vulnerability struct {
	ID           string
	Package      string
	Severity     string // "CRITICAL", "HIGH", ... upper case
	FixedVersion string // "" when no fix is available
}
