package img

import (
	"fmt"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
)

// Image is a parsed container image reference.
type Image struct {
	// Raw is the reference as written.
	Raw string
	// Registry is the lower-case registry host; Docker Hub is
	// "index.docker.io", as for the container runtime.
	Registry string
	// Repository is the path under the registry ("library/nginx" for an
	// official Docker Hub image written "nginx").
	Repository string
	// Tag is the tag the reference names explicitly, "" when it names none
	// (which the runtime reads as "latest").
	Tag string
	// Digest is the "sha256:..." digest, "" when the reference has none.
	Digest string
}

// ParseImage parses an image reference as the container runtime does: a bare
// name means Docker Hub ("nginx" is index.docker.io/library/nginx), a
// reference may carry a tag, a digest or both ("repo:tag@sha256:...").
func ParseImage(s string) (Image, error) {
	raw := s
	s = strings.TrimSpace(s)
	if s == "" {
		return Image{}, fmt.Errorf("empty image reference")
	}
	base, digest, hasDigest := strings.Cut(s, "@")
	img := Image{Raw: raw}
	var repo name.Repository
	if hasDigest {
		d, err := name.NewDigest(s)
		if err != nil {
			return Image{}, err
		}
		repo, img.Digest = d.Context(), digest
	} else {
		t, err := name.NewTag(s)
		if err != nil {
			return Image{}, err
		}
		repo = t.Context()
	}
	if hasTag(base) {
		t, err := name.NewTag(base)
		if err != nil {
			return Image{}, err
		}
		img.Tag = t.TagStr()
	}
	img.Registry = strings.ToLower(repo.RegistryStr())
	img.Repository = repo.RepositoryStr()
	return img, nil
}

// hasTag reports whether a reference without digest names a tag: a colon
// after the last slash (a colon before it is a registry port).
func hasTag(ref string) bool {
	return strings.Contains(ref[strings.LastIndexByte(ref, '/')+1:], ":")
}

// Name returns registry/repository.
func (i Image) Name() string { return i.Registry + "/" + i.Repository }

// keys returns the forms under which a scan report may name the image: the
// full name with its tag (latest when none is written) and with its digest.
func (i Image) keys() []string {
	var out []string
	tag := i.Tag
	if tag == "" && i.Digest == "" {
		tag = "latest"
	}
	if tag != "" {
		out = append(out, i.Name()+":"+tag)
	}
	if i.Digest != "" {
		out = append(out, i.Name()+"@"+strings.ToLower(i.Digest))
	}
	return out
}

// SameImage reports whether two references name the same image: the same
// registry and repository (so "nginx:1.27" and
// "docker.io/library/nginx:1.27" match) and a tag or digest in common.
func SameImage(a, b Image) bool {
	for _, x := range a.keys() {
		for _, y := range b.keys() {
			if x == y {
				return true
			}
		}
	}
	return false
}

// hostLabel names a registry for evidence, spelling out Docker Hub.
func hostLabel(host string) string {
	if host == name.DefaultRegistry {
		return host + " (Docker Hub)"
	}
	return host
}
