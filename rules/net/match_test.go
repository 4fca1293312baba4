package net

import (
	"net/netip"
	"testing"
)

func TestPortMatches(t *testing.T) {
	tests := []struct {
		entry string
		want  tri
	}{
		{"22", yes},
		{" 22 ", yes},
		{"*", yes},
		{"Any", yes},
		{"20-25", yes},
		{"22-22", yes},
		{"0-65535", yes},
		{"1-21", no},
		{"23-1024", no},
		{"2222", no},
		{"220", no},
		{"ssh", maybe},
		{"20-x", maybe},
		{"", maybe},
	}
	for _, tt := range tests {
		if got := portMatches(tt.entry, 22); got != tt.want {
			t.Errorf("portMatches(%q, 22) = %v, want %v", tt.entry, got, tt.want)
		}
	}
	if got := portsMatch([]string{"80", "443", "20-25"}, 22); got != yes {
		t.Errorf("a range among several entries: %v", got)
	}
	if got := portsMatch([]string{"80", "bad"}, 22); got != maybe {
		t.Errorf("an unreadable entry among misses: %v", got)
	}
	if got := portsMatch(nil, 22); got != no {
		t.Errorf("no entries: %v", got)
	}
}

func TestProtocolCarriesTCP(t *testing.T) {
	for proto, want := range map[string]tri{"Tcp": yes, "TCP": yes, "*": yes, "Any": yes, "Udp": no, "Icmp": no, "Esp": no, "Ah": no, "sctp": maybe} {
		if got := protocolCarriesTCP(proto); got != want {
			t.Errorf("protocolCarriesTCP(%q) = %v, want %v", proto, got, want)
		}
	}
}

func TestParsePrefixAndAny(t *testing.T) {
	if p, ok := parsePrefix("10.1.2.3"); !ok || p != netip.MustParsePrefix("10.1.2.3/32") {
		t.Errorf("bare IP = %v %v", p, ok)
	}
	if p, ok := parsePrefix("10.1.2.3/8"); !ok || p != netip.MustParsePrefix("10.0.0.0/8") {
		t.Errorf("unmasked CIDR = %v %v", p, ok)
	}
	if _, ok := parsePrefix("10.0.0.0/33"); ok {
		t.Error("invalid CIDR parsed")
	}
	for _, s := range []string{"*", "Any", "0.0.0.0/0", "::/0", " 0.0.0.0/0 ", "1.2.3.4/0"} {
		if !isAnyAddress(s) {
			t.Errorf("isAnyAddress(%q) = false", s)
		}
	}
	for _, s := range []string{"Internet", "0.0.0.0/1", "10.0.0.0/8", "0.0.0.0"} {
		if isAnyAddress(s) {
			t.Errorf("isAnyAddress(%q) = true", s)
		}
	}
}

func TestContainsAndPublic(t *testing.T) {
	p := netip.MustParsePrefix
	tests := []struct {
		outer, inner string
		want         bool
	}{
		{"10.0.0.0/8", "10.240.0.0/16", true},
		{"10.240.0.0/16", "10.0.0.0/8", false},
		{"10.240.0.0/16", "10.240.0.0/16", true},
		{"10.240.0.0/16", "10.241.0.0/24", false},
		{"::/0", "10.0.0.0/8", false}, // families differ
	}
	for _, tt := range tests {
		if got := containsPrefix(p(tt.outer), p(tt.inner)); got != tt.want {
			t.Errorf("containsPrefix(%s, %s) = %v", tt.outer, tt.inner, got)
		}
	}
	for s, want := range map[string]bool{"203.0.113.0/24": true, "10.0.0.0/8": false, "172.20.0.0/16": false, "0.0.0.0/1": false, "100.64.1.0/24": false} {
		if got := isPublic(p(s)); got != want {
			t.Errorf("isPublic(%s) = %v, want %v", s, got, want)
		}
	}
}

func TestOutsiders(t *testing.T) {
	own := ownPrefixes{prefixes: []netip.Prefix{netip.MustParsePrefix("10.240.0.0/16")}, complete: true}
	tests := []struct {
		entry string
		want  []string
	}{
		{"*", []string{"Internet", "VirtualNetwork"}},
		{"0.0.0.0/0", []string{"Internet", "VirtualNetwork"}},
		{"Internet", []string{"Internet"}},
		{"virtualnetwork", []string{"VirtualNetwork"}},
		{"AzureLoadBalancer", nil},
		{"10.240.1.0/24", nil},
		{"10.240.1.7", nil},
		{"10.0.0.0/8", []string{"10.0.0.0/8"}},
		{"AzureCloud", []string{"AzureCloud"}},
		{"10.0.0.0/40", []string{"unresolved sources"}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range outsiders(tt.entry, own) {
			got = append(got, s.String())
		}
		if len(got) != len(tt.want) {
			t.Errorf("outsiders(%q) = %q, want %q", tt.entry, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("outsiders(%q) = %q, want %q", tt.entry, got, tt.want)
			}
		}
	}
}

func TestEntryCovers(t *testing.T) {
	internet := source{kind: srcInternet}
	vnet := source{kind: srcVNet}
	pub := source{kind: srcCIDR, prefix: netip.MustParsePrefix("203.0.113.0/24")}
	priv := source{kind: srcCIDR, prefix: netip.MustParsePrefix("10.9.0.0/16")}
	tag := source{kind: srcTag, tag: "AzureCloud"}
	tests := []struct {
		entry string
		s     source
		want  tri
	}{
		{"*", vnet, yes},
		{"Any", internet, yes},
		{"Internet", internet, yes},
		{"Internet", vnet, no},
		{"Internet", pub, yes},
		{"Internet", priv, no},
		{"Internet", tag, yes},
		{"VirtualNetwork", vnet, yes},
		{"VirtualNetwork", internet, no},
		{"VirtualNetwork", priv, maybe},
		{"VirtualNetwork", pub, no},
		{"10.0.0.0/8", priv, yes},
		{"10.9.1.0/24", priv, maybe}, // denies part of the range only
		{"192.168.0.0/16", priv, no},
		{"10.0.0.0/8", vnet, no}, // a partial range never covers a whole tag
		{"AzureCloud", tag, yes},
		{"azurecloud", tag, yes},
		{"Storage", tag, no},
		{"AzureCloud", pub, maybe},
		{"AzureCloud", priv, no},
		{"10.0.0/8", priv, maybe},
	}
	for _, tt := range tests {
		if got := entryCovers(tt.entry, tt.s); got != tt.want {
			t.Errorf("entryCovers(%q, %s) = %v, want %v", tt.entry, tt.s, got, tt.want)
		}
	}
}
