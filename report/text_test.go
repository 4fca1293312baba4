package report

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Text from the inputs must not be able to drive the terminal.
func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"clear\x1b[2Jscreen", `clear\x1b[2Jscreen`},
		{"overwrite\rline", `overwrite\x0dline`},
		{"crlf\r\nline", "crlf\nline"},
		{"tab\there", "tab    here"},
		{"bidi \u202eevil", `bidi \u202eevil`},
		{"bell\a", `bell\x07`},
		{"c1 \u009b31m", `c1 \x9b31m`},
		{"bad \xff byte", `bad \xff byte`},
		{"ünïcode … ok", "ünïcode … ok"},
	}
	for _, tt := range tests {
		if got := sanitize(tt.in); got != tt.want {
			t.Errorf("sanitize(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want []string
	}{
		{"a b c", 10, []string{"a b c"}},
		{"alpha beta gamma", 10, []string{"alpha beta", "gamma"}},
		{"0123456789abcdef", 6, []string{"012345", "6789ab", "cdef"}},
		{"x = 0123456789", 6, []string{"x =", "012345", "6789"}},
		{"block {\n  key = value\n}", 12, []string{"block {", "  key =", "  value", "}"}},
		{"one\n\ntwo", 10, []string{"one", "", "two"}},
		{"", 10, []string{""}},
	}
	for _, tt := range tests {
		got := wrap(tt.in, tt.n)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("wrap(%q, %d) (-want +got):\n%s", tt.in, tt.n, diff)
		}
		for _, l := range got {
			if width(l) > tt.n {
				t.Errorf("wrap(%q, %d): line %q is too wide", tt.in, tt.n, l)
			}
		}
	}
}

func TestShortLocation(t *testing.T) {
	id := "/subscriptions/0000/resourceGroups/rg-net/providers/Microsoft.Network/networkSecurityGroups/nsg"
	tests := []struct {
		id   string
		n    int
		want []string
	}{
		{id, 60, []string{"resource group rg-net, subscription 0000"}},
		{id, 30, []string{"resource group rg-net", "subscription 0000"}},
		{"/subscriptions/0000/providers/Microsoft.Security/pricings/Containers", 40, []string{"subscription 0000"}},
		{"apps/v1/Deployment/" + strings.Repeat("x", 40), 20, []string{"apps/v…xxxxxxxxxxxxx"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, shortLocation(tt.id, tt.n)); diff != "" {
			t.Errorf("shortLocation(%q, %d) (-want +got):\n%s", tt.id, tt.n, diff)
		}
	}
}
