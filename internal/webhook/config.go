package webhook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/aksguard/aksguard/rules"
)

// Mode is what the webhook does with a rule's failure.
type Mode string

// Modes, from strictest to off.
const (
	// Enforce denies the object, with a message naming the rule and the fix.
	Enforce Mode = "enforce"
	// Warn admits the object with an admission warning (kubectl prints it).
	Warn Mode = "warn"
	// Audit admits the object and logs the finding.
	Audit Mode = "audit"
	// Off does not run the rule.
	Off Mode = "off"
)

var modes = []Mode{Enforce, Warn, Audit, Off}

// RuleIDs are the rules the webhook can run: the ones that judge a single
// workload or Ingress (plus, for AKS-NET-07, the namespace's policies).
var RuleIDs = []string{"AKS-IMG-01", "AKS-IMG-02", "AKS-IAM-08", "AKS-IAM-07", "AKS-NET-07"}

// DefaultModes are the modes of rules the configuration does not name. The
// rules that keep untrusted code and shipped credentials out are enforced;
// the ones a team usually adopts step by step (digests, TLS on every Ingress)
// and NET-07, whose policy may be applied in the same release as the
// workload, warn.
var DefaultModes = map[string]Mode{
	"AKS-IMG-01": Enforce,
	"AKS-IMG-02": Warn,
	"AKS-IAM-08": Enforce,
	"AKS-IAM-07": Warn,
	"AKS-NET-07": Warn,
}

// ExemptLabel is the namespace label that exempts a namespace when no
// exemptNamespaceSelector is configured; the Helm chart uses it too.
const ExemptLabel = "aksguard.io/exempt"

// Config is the webhook's configuration file:
//
//	trustedRegistries: [myacr.azurecr.io]
//	profile: baseline
//	rules:
//	  AKS-IMG-01: enforce     # enforce, warn, audit or off
//	  AKS-IMG-02: warn
//	exemptNamespaces: [kube-system]
//	exemptNamespaceSelector: aksguard.io/exempt=true
//	honorIgnoreAnnotations: false
//
// Decoding is strict: an unknown key, rule or mode is an error with its line.
type Config struct {
	// TrustedRegistries are the registries AKS-IMG-01 trusts, as in
	// .aksguard.yaml. Empty means any *.azurecr.io registry, as for a scan
	// whose inputs hold no registry.
	TrustedRegistries []string `yaml:"trustedRegistries"`
	// Profile is "baseline" (default) or "sensitive"; see rules.Config.
	Profile string `yaml:"profile"`
	// Rules maps rule IDs to modes; rules not named keep DefaultModes.
	Rules map[string]Mode `yaml:"rules"`
	// ExemptNamespaces are namespaces never checked. kube-system is always
	// among them, and the command adds the webhook's own namespace.
	ExemptNamespaces []string `yaml:"exemptNamespaces"`
	// ExemptNamespaceSelector is a label selector ("aksguard.io/exempt=true");
	// namespaces whose labels match it are not checked. Empty means
	// ExemptLabel=true.
	ExemptNamespaceSelector string `yaml:"exemptNamespaceSelector"`
	// HonorIgnoreAnnotations makes the webhook honour the aksguard.io/ignore
	// annotation of the object, as a scan does. Off by default: anyone who
	// may create a Deployment could otherwise lift enforcement on it.
	HonorIgnoreAnnotations bool `yaml:"honorIgnoreAnnotations"`
	// File is where the configuration was read from; "" for the defaults.
	File string `yaml:"-"`

	selector labels.Selector
}

// DefaultConfig returns the configuration used without a file.
func DefaultConfig() *Config {
	c := &Config{}
	if err := c.complete("defaults"); err != nil {
		panic(err) // the defaults are constants
	}
	return c
}

// LoadConfig reads the configuration file at path.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read webhook configuration: %w", err)
	}
	return ParseConfig(path, data)
}

// ParseConfig decodes a configuration; name is the file, for messages.
func ParseConfig(name string, data []byte) (*Config, error) {
	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if err := c.complete(name); err != nil {
		return nil, err
	}
	c.File = name
	return c, nil
}

// complete validates c and fills the defaults.
func (c *Config) complete(name string) error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{name}, a...)...))
	}
	rulesSet := make(map[string]Mode, len(RuleIDs))
	for id, m := range c.Rules {
		key := strings.ToUpper(strings.TrimSpace(id))
		if !slices.Contains(RuleIDs, key) {
			bad("rules: %q is not a rule the webhook runs (want one of %s)", id, strings.Join(RuleIDs, ", "))
			continue
		}
		m = Mode(strings.ToLower(string(m)))
		if !slices.Contains(modes, m) {
			bad("rules.%s: mode %q: want enforce, warn, audit or off", id, m)
			continue
		}
		rulesSet[key] = m
	}
	for _, id := range RuleIDs {
		if _, ok := rulesSet[id]; !ok {
			rulesSet[id] = DefaultModes[id]
		}
	}
	c.Rules = rulesSet
	if c.Profile == "" {
		c.Profile = "baseline"
	}
	if c.Profile != "baseline" && c.Profile != "sensitive" {
		bad("profile %q: want baseline or sensitive", c.Profile)
	}
	for i, r := range c.TrustedRegistries {
		if strings.TrimSpace(r) == "" || strings.ContainsAny(r, " \t@") || strings.Contains(r, "://") {
			bad("trustedRegistries[%d] %q: want a registry host such as myacr.azurecr.io", i, r)
		}
	}
	if !slices.Contains(c.ExemptNamespaces, "kube-system") {
		c.ExemptNamespaces = append(c.ExemptNamespaces, "kube-system")
	}
	sel := c.ExemptNamespaceSelector
	if sel == "" {
		sel = ExemptLabel + "=true"
	}
	s, err := labels.Parse(sel)
	if err != nil {
		bad("exemptNamespaceSelector %q: %v", sel, err)
	}
	c.selector = s
	return errors.Join(errs...)
}

// NeedsCluster reports whether cfg needs a Cluster: AKS-NET-07 reads network
// policies. (Exemption by label uses it when there is one.)
func (c *Config) NeedsCluster() bool { return c.Rules["AKS-NET-07"] != Off }

// rulesConfig is the configuration the rules see.
func (c *Config) rulesConfig() rules.Config {
	rc := rules.DefaultConfig()
	rc.TrustedRegistries = slices.Clone(c.TrustedRegistries)
	rc.Profile = c.Profile
	return rc
}
