// Package config reads .aksguard.yaml: the trusted registries, the
// thresholds, the profile and the ignores of a repository.
//
//	trustedRegistries: [myacr.azurecr.io]
//	thresholds: {nodeCount: 50, adminPrincipals: 3}
//	profile: baseline          # or sensitive
//	reviewedAdminGroups: [6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d]  # small, reviewed admin groups
//	ignores:
//	  - rule: AKS-NET-01
//	    resource: "*/managedClusters/aks-dev-*"   # glob on resource ID or name
//	    reason: dev cluster, public API by design  # required
//	    expires: 2026-06-30                          # optional, inclusive
//
// Decoding is strict: an unknown or misspelt key is an error naming the file
// and line, so that a typo never silently disables a setting.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/aksguard/aksguard/rules"
)

// FileName is the name of the configuration file looked for by default.
const FileName = ".aksguard.yaml"

// Config is the content of .aksguard.yaml.
type Config struct {
	// TrustedRegistries are registry hosts images may come from
	// ("myacr.azurecr.io"); see rules.Config.
	TrustedRegistries []string   `yaml:"trustedRegistries"`
	Thresholds        Thresholds `yaml:"thresholds"`
	// Profile is "baseline" (the default) or "sensitive".
	Profile string `yaml:"profile"`
	// ReviewedAdminGroups are object IDs of admin groups whose membership
	// is reviewed and small; see rules.Config.
	ReviewedAdminGroups []string `yaml:"reviewedAdminGroups"`
	Ignores             []Ignore `yaml:"ignores"`
	// File is where the configuration was read from; "" for the defaults.
	File string `yaml:"-"`
}

// Thresholds tune rules that count. Nil means the rule's default.
type Thresholds struct {
	// NodeCount is the node count above which kubenet fails AKS-NET-04.
	NodeCount *int `yaml:"nodeCount"`
	// AdminPrincipals is the most principals with admin (or log
	// write/delete) roles that AKS-IAM-04 and AKS-LOG-04 accept.
	AdminPrincipals *int `yaml:"adminPrincipals"`
}

// Profiles lists the valid profiles.
var Profiles = []string{"baseline", "sensitive"}

// Default returns the configuration used when there is no file.
func Default() *Config { return &Config{} }

// Rules returns the rule configuration: the defaults of RULES.md, overridden
// by what the file sets.
func (c *Config) Rules() rules.Config {
	rc := rules.DefaultConfig()
	rc.TrustedRegistries = slices.Clone(c.TrustedRegistries)
	rc.ReviewedAdminGroups = slices.Clone(c.ReviewedAdminGroups)
	if c.Thresholds.NodeCount != nil {
		rc.NodeThreshold = *c.Thresholds.NodeCount
	}
	if c.Thresholds.AdminPrincipals != nil {
		rc.AdminThreshold = *c.Thresholds.AdminPrincipals
	}
	if c.Profile != "" {
		rc.Profile = c.Profile
	}
	return rc
}

// Find returns the configuration file a scan of paths uses by default:
// .aksguard.yaml in the first directory among paths, else in cwd, else "".
// With no paths the scan root is cwd.
func Find(paths []string, cwd string) string {
	for _, p := range paths {
		if p == "-" {
			continue
		}
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			if c := filepath.Join(p, FileName); isFile(c) {
				return c
			}
			break
		}
	}
	if c := filepath.Join(cwd, FileName); isFile(c) {
		return c
	}
	return ""
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// Load reads and validates the configuration file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read configuration: %w", err)
	}
	return Parse(path, data)
}

// Error is a problem in a configuration file, with where it is.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Parse decodes and validates a configuration; name is the file, for
// messages. Every problem found is reported (joined), each with its line.
func Parse(name string, data []byte) (*Config, error) {
	cfg := &Config{File: name}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &Error{File: name, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return cfg, nil // an empty file: the defaults
	}
	doc := root.Content[0]
	if doc.Kind == yaml.ScalarNode && doc.Tag == "!!null" {
		return cfg, nil
	}
	if errs := checkKeys(name, doc, schema, ""); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if err := doc.Decode(cfg); err != nil {
		return nil, decodeError(name, err)
	}
	cfg.File = name
	lines := ignoreLines(doc)
	for i := range cfg.Ignores {
		cfg.Ignores[i].File, cfg.Ignores[i].Index = name, i
		if i < len(lines) {
			cfg.Ignores[i].Line = lines[i]
		}
	}
	if errs := cfg.validate(); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return cfg, nil
}

// decodeError rewrites yaml.v3's type errors ("line 3: cannot unmarshal
// !!str `x` into int") as file:line errors.
func decodeError(name string, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return &Error{File: name, Msg: err.Error()}
	}
	var errs []error
	for _, m := range te.Errors {
		line := 0
		if _, err := fmt.Sscanf(m, "line %d:", &line); err == nil {
			m = strings.TrimSpace(m[strings.IndexByte(m, ':')+1:])
		}
		errs = append(errs, &Error{File: name, Line: line, Msg: m})
	}
	return errors.Join(errs...)
}

// ignoreLines returns the line of each item of the ignores list.
func ignoreLines(doc *yaml.Node) []int {
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "ignores" {
			var lines []int
			for _, it := range doc.Content[i+1].Content {
				lines = append(lines, it.Line)
			}
			return lines
		}
	}
	return nil
}

func (c *Config) validate() []error {
	var errs []error
	bad := func(line int, format string, a ...any) {
		errs = append(errs, &Error{File: c.File, Line: line, Msg: fmt.Sprintf(format, a...)})
	}
	if c.Profile != "" && !slices.Contains(Profiles, c.Profile) {
		bad(0, "profile %q: want baseline or sensitive", c.Profile)
	}
	if n := c.Thresholds.NodeCount; n != nil && *n < 1 {
		bad(0, "thresholds.nodeCount must be at least 1, not %d", *n)
	}
	if n := c.Thresholds.AdminPrincipals; n != nil && *n < 0 {
		bad(0, "thresholds.adminPrincipals must not be negative, not %d", *n)
	}
	for i, r := range c.TrustedRegistries {
		if msg := checkRegistry(r); msg != "" {
			bad(0, "trustedRegistries[%d] %q: %s", i, r, msg)
		}
	}
	for i, g := range c.ReviewedAdminGroups {
		if strings.TrimSpace(g) == "" || strings.ContainsAny(g, " \t*/") {
			bad(0, "reviewedAdminGroups[%d] %q: want a group's object ID", i, g)
		}
	}
	for i := range c.Ignores {
		if err := c.Ignores[i].compile(); err != nil {
			bad(c.Ignores[i].Line, "ignores[%d]: %v", i, err)
		}
	}
	return errs
}

// checkRegistry wants a registry host, optionally with a repository prefix:
// "myacr.azurecr.io", "ghcr.io/myorg".
func checkRegistry(r string) string {
	switch {
	case strings.TrimSpace(r) == "":
		return "empty"
	case strings.Contains(r, "://"):
		return "give the registry host without a scheme (myacr.azurecr.io)"
	case strings.ContainsAny(r, " \t@"):
		return "not a registry host"
	}
	return ""
}

// Expiry returns the time an ignore stops working: the end of its expires
// date, in UTC (an ignore that expires on 2026-06-30 works all that day).
func expiry(date string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return time.Time{}, fmt.Errorf("expires %q: want a date as YYYY-MM-DD", date)
	}
	return d.AddDate(0, 0, 1), nil
}
