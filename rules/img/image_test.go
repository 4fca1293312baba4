package img

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseImage(t *testing.T) {
	const dig = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	tests := []struct {
		in   string
		want Image
	}{
		{"nginx", Image{Registry: "index.docker.io", Repository: "library/nginx"}},
		{"nginx:1.27", Image{Registry: "index.docker.io", Repository: "library/nginx", Tag: "1.27"}},
		{"docker.io/bitnami/redis:7", Image{Registry: "index.docker.io", Repository: "bitnami/redis", Tag: "7"}},
		{"MyACR.azurecr.io/team/app@" + dig, Image{Registry: "myacr.azurecr.io", Repository: "team/app", Digest: dig}},
		{"myacr.azurecr.io/app:1.2@" + dig, Image{Registry: "myacr.azurecr.io", Repository: "app", Tag: "1.2", Digest: dig}},
		{"localhost:5000/app", Image{Registry: "localhost:5000", Repository: "app"}},
		{"mcr.microsoft.com/oss/kubernetes/pause:3.9", Image{Registry: "mcr.microsoft.com", Repository: "oss/kubernetes/pause", Tag: "3.9"}},
	}
	for _, tc := range tests {
		got, err := ParseImage(tc.in)
		if err != nil {
			t.Errorf("ParseImage(%q): %v", tc.in, err)
			continue
		}
		tc.want.Raw = tc.in
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ParseImage(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
	for _, bad := range []string{"", "${IMAGE}", "app@sha256:short", "UPPER/Case"} {
		if _, err := ParseImage(bad); err == nil {
			t.Errorf("ParseImage(%q) succeeded, want an error", bad)
		}
	}
}

func TestSameImage(t *testing.T) {
	const dig = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	tests := []struct {
		a, b string
		want bool
	}{
		{"nginx:1.27", "docker.io/library/nginx:1.27", true},
		{"nginx", "nginx:latest", true},
		{"nginx:1.27", "nginx:1.26", false},
		{"myacr.azurecr.io/app:1@" + dig, "myacr.azurecr.io/app@" + dig, true},
		{"myacr.azurecr.io/app:1@" + dig, "myacr.azurecr.io/app:1", true},
		{"myacr.azurecr.io/app:1", "otheracr.azurecr.io/app:1", false},
	}
	for _, tc := range tests {
		a, _ := ParseImage(tc.a)
		b, _ := ParseImage(tc.b)
		if got := SameImage(a, b); got != tc.want {
			t.Errorf("SameImage(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// FuzzParseImage checks that no reference makes ParseImage panic, and that a
// reference it accepts always yields a registry and a repository.
func FuzzParseImage(f *testing.F) {
	for _, s := range []string{"nginx", "nginx:1.27", "a.azurecr.io/x/y:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "localhost:5000/a", "@", ":", "a@b@c", "${X}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		img, err := ParseImage(s)
		if err != nil {
			return
		}
		if img.Registry == "" || img.Repository == "" {
			t.Errorf("ParseImage(%q) = %+v: empty registry or repository", s, img)
		}
	})
}
