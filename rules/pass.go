package rules

import (
	"fmt"

	"github.com/aksguard/aksguard/estate"
)

// Config is what the user can tune for the rules.
type Config struct {
	// TrustedRegistries are registry hosts (e.g. "myacr.azurecr.io") images may
	// come from. Empty means the ACR login servers of the estate, or else any
	// *.azurecr.io registry.
	TrustedRegistries []string
	// NodeThreshold is the node count above which kubenet fails AKS-NET-04.
	NodeThreshold int
	// AdminThreshold is the most principals with admin (or log write/delete)
	// roles AKS-IAM-04 and AKS-LOG-04 accept.
	AdminThreshold int
	// AdminPrincipals are principal IDs counted as the expected admins
	// (informational; the threshold still applies).
	AdminPrincipals []string
	// ReviewedAdminGroups are object IDs of Entra ID groups whose membership
	// the user has reviewed and keeps small. AKS-IAM-04 counts each as one
	// known principal, as it counts a user, instead of an unknown (a
	// group's membership is never in the inputs); the evidence names the
	// declaration. The threshold and the scope checks still apply.
	ReviewedAdminGroups []string
	// Profile is "baseline" (default) or "sensitive".
	Profile string
}

// DefaultConfig returns the defaults RULES.md gives.
func DefaultConfig() Config {
	return Config{NodeThreshold: 50, AdminThreshold: 3, Profile: "baseline"}
}

// ResourceRef names the resource of a finding.
type ResourceRef struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Name string `json:"name"`
}

// Location is where a finding points: a file and line, or nothing for live
// resources (the resource ID says it).
type Location struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// Finding is the verdict of one rule on one resource.
type Finding struct {
	Rule        string      `json:"rule"`
	Verdict     Verdict     `json:"verdict"`
	Severity    Severity    `json:"severity"`
	Section     Section     `json:"section"`
	Title       string      `json:"title"`
	Resource    ResourceRef `json:"resource"`
	Location    Location    `json:"location"`
	Evidence    string      `json:"evidence"`
	Remediation string      `json:"remediation"`
	Suppressed  bool        `json:"suppressed"`
	// SuppressedBy says which ignore suppressed the finding and why.
	SuppressedBy string `json:"suppressedBy,omitempty"`
	// Source is the kind of input the resource came from.
	Source estate.SourceKind `json:"source,omitempty"`
	// Path is the property path that decided the verdict, when there is one.
	Path string `json:"path,omitempty"`
	// Baseline is set when the scan was compared with an earlier report
	// (scan --baseline, diff): BaselineNew or BaselineUnchanged on a fail or
	// unknown finding, BaselineFixed on a baseline finding that no longer
	// fails. Empty otherwise, so reports without a baseline are unchanged.
	Baseline string `json:"baseline,omitempty"`
}

// Baseline states of a finding (Finding.Baseline).
const (
	// BaselineNew: the finding fails (or is unknown) now and the baseline
	// report did not hold it.
	BaselineNew = "new"
	// BaselineUnchanged: the baseline report held the same failure; it
	// does not fail a run compared with that baseline.
	BaselineUnchanged = "unchanged"
	// BaselineFixed: the finding failed in the baseline report and now
	// passes or is gone.
	BaselineFixed = "fixed"
)

// Pass is what a rule's Check receives: the estate, the configuration and a
// way to report findings.
type Pass struct {
	Estate *estate.Estate
	Config Config
	rule   *Rule
	out    []Finding
	// full are filled chunks of findings before out: a rule over a big
	// estate reports hundreds of thousands, which a growing slice would
	// copy again and again.
	full [][]Finding
}

// findingsChunk is the size of the chunks a pass collects its findings in
// once it has this many.
const findingsChunk = 1024

// NewPass prepares a pass of rule r over e. Evaluate uses it; tests of a
// single rule may too.
func NewPass(r *Rule, e *estate.Estate, cfg Config) *Pass {
	e.Link()
	return &Pass{Estate: e, Config: cfg, rule: r}
}

// Findings returns what the pass reported so far.
func (p *Pass) Findings() []Finding {
	if len(p.full) == 0 {
		return p.out
	}
	return p.appendTo(make([]Finding, 0, p.len()))
}

// len is the number of findings reported so far.
func (p *Pass) len() int {
	return len(p.full)*findingsChunk + len(p.out)
}

// appendTo appends the findings reported so far to dst.
func (p *Pass) appendTo(dst []Finding) []Finding {
	for _, c := range p.full {
		dst = append(dst, c...)
	}
	return append(dst, p.out...)
}

// Report records a verdict on resource res. at is where the deciding value was
// found (its Loc.Path becomes the finding's path); a zero at falls back to the
// resource's own location. evidence says what decided, in words a user can
// check against the input.
func (p *Pass) Report(res estate.Resource, v Verdict, at estate.Loc, evidence string) {
	m := res.M()
	if at.File == "" && at.Resource == "" {
		at = estate.Loc{File: m.Loc.File, Line: m.Loc.Line, Resource: m.Loc.Resource, Path: at.Path}
	}
	if at.File != "" && at.Line == 0 {
		at.Line = m.Loc.Line
	}
	sev := p.rule.Severity
	if p.rule.SensitiveOnly && p.Config.Profile != "sensitive" {
		sev = Info
	}
	if len(p.out) == findingsChunk {
		p.full = append(p.full, p.out)
		p.out = make([]Finding, 0, findingsChunk)
	}
	p.out = append(p.out, Finding{
		Rule:        p.rule.ID,
		Verdict:     v,
		Severity:    sev,
		Section:     p.rule.Section,
		Title:       p.rule.Title,
		Resource:    ResourceRef{ID: string(m.ID), Type: TypeName(res), Name: m.Name},
		Location:    Location{File: at.File, Line: at.Line},
		Evidence:    evidence,
		Remediation: p.rule.Fix.For(m.Source),
		Source:      m.Source,
		Path:        at.Path,
	})
}

// Passf, Failf, Unknownf and Manualf report with a formatted evidence.
func (p *Pass) Passf(res estate.Resource, at estate.Loc, format string, a ...any) {
	p.Report(res, Passed, at, fmt.Sprintf(format, a...))
}

// Failf reports a failure; see Passf.
func (p *Pass) Failf(res estate.Resource, at estate.Loc, format string, a ...any) {
	p.Report(res, Failed, at, fmt.Sprintf(format, a...))
}

// Unknownf reports an unknown verdict; see Passf.
func (p *Pass) Unknownf(res estate.Resource, at estate.Loc, format string, a ...any) {
	p.Report(res, Unknown, at, fmt.Sprintf(format, a...))
}

// Manualf reports a manual verdict; see Passf.
func (p *Pass) Manualf(res estate.Resource, at estate.Loc, format string, a ...any) {
	p.Report(res, Manual, at, fmt.Sprintf(format, a...))
}

// Expect is the one place the tri-state logic of a single value lives, so that
// no rule can turn an unknown into a pass: unknown → Unknown, equal to want →
// Pass, otherwise Fail. The evidence is the value's own (path = value, with
// "default" or the reason it is unknown).
func Expect[T comparable](p *Pass, res estate.Resource, v estate.Value[T], want T) {
	switch {
	case !v.Known():
		p.Report(res, Unknown, v.Loc, v.Evidence())
	case v.V == want:
		p.Report(res, Passed, v.Loc, v.Evidence())
	default:
		p.Report(res, Failed, v.Loc, v.Evidence())
	}
}

// TypeName is the short resource type used in reports ("cluster", "registry",
// "nsg", "workload", ...).
func TypeName(r estate.Resource) string {
	switch r.(type) {
	case *estate.Cluster:
		return "cluster"
	case *estate.NodePool:
		return "nodepool"
	case *estate.Registry:
		return "registry"
	case *estate.VirtualNetwork:
		return "vnet"
	case *estate.Subnet:
		return "subnet"
	case *estate.NSG:
		return "nsg"
	case *estate.SecurityRule:
		return "nsg-rule"
	case *estate.RouteTable:
		return "route-table"
	case *estate.Firewall:
		return "firewall"
	case *estate.KeyVault:
		return "key-vault"
	case *estate.DiskEncryptionSet:
		return "disk-encryption-set"
	case *estate.Workspace:
		return "workspace"
	case *estate.DiagnosticSetting:
		return "diagnostic-setting"
	case *estate.RoleAssignment:
		return "role-assignment"
	case *estate.Lock:
		return "lock"
	case *estate.DefenderPlan:
		return "defender-plan"
	case *estate.AppGateway:
		return "application-gateway"
	case *estate.StorageAccount:
		return "storage-account"
	case *estate.Namespace:
		return "namespace"
	case *estate.Workload:
		return "workload"
	case *estate.NetworkPolicy:
		return "network-policy"
	case *estate.Ingress:
		return "ingress"
	case *estate.Service:
		return "service"
	case *estate.Secret:
		return "secret"
	case *estate.ConfigMap:
		return "configmap"
	case *estate.Dockerfile:
		return "dockerfile"
	case *estate.ImageScan:
		return "image-scan"
	}
	return "resource"
}
