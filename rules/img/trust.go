package img

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
	"github.com/google/go-containerregistry/pkg/name"
)

// Trust is the list of registries images may come from, resolved once per
// pass, in this order:
//
//  1. the configured list (rules.Config.TrustedRegistries);
//  2. else the login servers of the registries in the inputs;
//  3. else any Azure Container Registry (*.azurecr.io), which evidence
//     reports as an assumption.
//
// A configured entry is a registry host ("myacr.azurecr.io", matched
// case-insensitively; "docker.io" means Docker Hub), a host with a path
// prefix ("mcr.microsoft.com/oss" trusts mcr.microsoft.com/oss/... only, at a
// path-segment boundary), or a wildcard host ("*.azurecr.io").
type Trust struct {
	entries []trustEntry
	basis   string
	// assumed is the fallback of step 3.
	assumed bool
	// unresolved names registries of the inputs whose login server is not
	// determined: an unlisted ACR host may be one of them.
	unresolved []string
}

type trustEntry struct {
	host string // lower case; for a wildcard, the suffix (".azurecr.io")
	path string // repository prefix, "" for the whole registry
	wild bool
}

// acrSuffixes are the login-server domains of Azure Container Registry in the
// public and sovereign clouds.
var acrSuffixes = []string{".azurecr.io", ".azurecr.cn", ".azurecr.us"}

// NewTrust resolves the trusted registries from the configuration and the
// estate.
func NewTrust(cfg rules.Config, e *estate.Estate) *Trust {
	t := &Trust{}
	if len(cfg.TrustedRegistries) > 0 {
		for _, s := range cfg.TrustedRegistries {
			if en, ok := parseEntry(s); ok {
				t.entries = append(t.entries, en)
			}
		}
		t.basis = "the configured trusted registries: " + strings.Join(cfg.TrustedRegistries, ", ")
		return t
	}
	var servers []string
	for _, r := range e.Registries {
		switch {
		case !r.LoginServer.Known():
			t.unresolved = append(t.unresolved, r.Name)
		case r.LoginServer.V != "":
			if en, ok := parseEntry(r.LoginServer.V); ok && !slices.Contains(servers, en.host) {
				t.entries = append(t.entries, en)
				servers = append(servers, en.host)
			}
		}
	}
	if len(t.entries) > 0 {
		t.basis = "the registry login servers in the inputs: " + strings.Join(servers, ", ")
		return t
	}
	t.assumed = true
	t.basis = "any *.azurecr.io registry (an assumption: no trusted registries are configured and the inputs hold no registry with a known login server)"
	return t
}

// parseEntry reads one trusted-registry entry.
func parseEntry(s string) (trustEntry, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	s = strings.Trim(s, "/")
	host, path, _ := strings.Cut(s, "/")
	if host == "" {
		return trustEntry{}, false
	}
	if host == "docker.io" || host == "registry-1.docker.io" {
		host = name.DefaultRegistry
	}
	if rest, ok := strings.CutPrefix(host, "*"); ok {
		return trustEntry{host: rest, path: path, wild: true}, rest != ""
	}
	return trustEntry{host: host, path: path}, true
}

func (en trustEntry) allows(img Image) bool {
	if en.wild {
		if !strings.HasSuffix(img.Registry, en.host) {
			return false
		}
	} else if img.Registry != en.host {
		return false
	}
	return en.path == "" || img.Repository == en.path || strings.HasPrefix(img.Repository, en.path+"/")
}

// Basis says where the trusted list came from, for evidence.
func (t *Trust) Basis() string { return t.basis }

// Decide says whether img comes from a trusted registry: Passed, Failed, or
// Unknown when it is an ACR whose login server may be one the inputs leave
// unresolved. The text says why, for evidence.
func (t *Trust) Decide(img Image) (rules.Verdict, string) {
	for _, en := range t.entries {
		if en.allows(img) {
			return rules.Passed, fmt.Sprintf("%s is trusted", img.Registry)
		}
	}
	acr := isACR(img.Registry)
	switch {
	case t.assumed && acr:
		return rules.Passed, fmt.Sprintf("%s is an Azure Container Registry, assumed trusted", img.Registry)
	case len(t.unresolved) > 0 && acr:
		return rules.Unknown, fmt.Sprintf("%s may be the login server of registry %s, which the inputs do not determine",
			img.Registry, strings.Join(t.unresolved, ", "))
	}
	return rules.Failed, fmt.Sprintf("%s is not a trusted registry", hostLabel(img.Registry))
}

func isACR(host string) bool {
	for _, s := range acrSuffixes {
		if strings.HasSuffix(host, s) {
			return true
		}
	}
	return false
}
