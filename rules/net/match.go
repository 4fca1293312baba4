package net

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// tri is a three-valued match: the inputs say yes, say no, or do not say.
type tri uint8

const (
	no tri = iota
	maybe
	yes
)

// and combines two conditions that must both hold.
func (a tri) and(b tri) tri { return min(a, b) }

// or combines alternatives: yes if either is yes.
func (a tri) or(b tri) tri { return max(a, b) }

// portMatches reports whether an NSG destination port entry ("22", "20-25",
// "*") includes port. An entry that is neither is undetermined.
func portMatches(entry string, port int) tri {
	s := strings.TrimSpace(entry)
	if s == "*" || strings.EqualFold(s, "any") {
		return yes
	}
	lo, hi, isRange := strings.Cut(s, "-")
	a, err := strconv.Atoi(strings.TrimSpace(lo))
	if err != nil {
		return maybe
	}
	b := a
	if isRange {
		if b, err = strconv.Atoi(strings.TrimSpace(hi)); err != nil {
			return maybe
		}
	}
	if a <= port && port <= b {
		return yes
	}
	return no
}

// portsMatch reports whether any of an NSG rule's destination port entries
// includes port.
func portsMatch(entries []string, port int) tri {
	r := no
	for _, e := range entries {
		r = r.or(portMatches(e, port))
	}
	return r
}

// protocolCarriesTCP reports whether an NSG rule protocol ("Tcp", "*", ...)
// includes TCP. ARM and azurerm spell the wildcard "*"; the portal says "Any".
func protocolCarriesTCP(proto string) tri {
	switch strings.ToLower(strings.TrimSpace(proto)) {
	case "tcp", "*", "any":
		return yes
	case "udp", "icmp", "esp", "ah":
		return no
	}
	return maybe
}

// parsePrefix parses a CIDR or a bare IP address (as a /32 or /128) and
// returns it masked.
func parsePrefix(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), true
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return netip.PrefixFrom(a, a.BitLen()), true
	}
	return netip.Prefix{}, false
}

// containsPrefix reports whether outer contains all of inner.
func containsPrefix(outer, inner netip.Prefix) bool {
	return outer.Addr().Is4() == inner.Addr().Is4() &&
		outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

// isAnyAddress reports whether an address prefix entry means every source:
// "*", "Any", or a /0 prefix such as "0.0.0.0/0" or "::/0".
func isAnyAddress(s string) bool {
	s = strings.TrimSpace(s)
	if s == "*" || strings.EqualFold(s, "any") {
		return true
	}
	p, ok := parsePrefix(s)
	return ok && p.Bits() == 0
}

// nonPublic are the ranges that are not on the public internet: private,
// shared (CGNAT), loopback, link-local and unique-local addresses.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("::1/128"),
	netip.MustParsePrefix("fc00::/7"),
	netip.MustParsePrefix("fe80::/10"),
}

// isPublic reports whether every address of p is a public internet address,
// which Azure's Internet service tag covers.
func isPublic(p netip.Prefix) bool {
	for _, n := range nonPublic {
		if n.Overlaps(p) {
			return false
		}
	}
	return true
}

// looksLikeAddress reports whether a prefix entry that did not parse was
// meant as an address (a malformed CIDR) rather than a service tag.
func looksLikeAddress(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && (s[0] >= '0' && s[0] <= '9' || strings.Contains(s, ":"))
}

// sourceKind classifies a source an NSG rule may admit.
type sourceKind uint8

const (
	srcInternet sourceKind = iota + 1 // the Internet service tag: every public address
	srcVNet                           // the VirtualNetwork tag: the VNet, its peerings and connected on-premises ranges
	srcTag                            // another service tag (AzureCloud, Storage, ...)
	srcCIDR                           // an address prefix outside the cluster's node subnets
	srcUnknown                        // a rule whose sources the inputs do not resolve
)

// source is one class of senders that must not reach port 22.
type source struct {
	kind   sourceKind
	tag    string       // srcTag
	prefix netip.Prefix // srcCIDR
	// ownUnknown marks a CIDR that is outside the node subnets the inputs
	// give, while some node subnet's prefixes are not resolved: it may be one.
	ownUnknown bool
}

func (s source) String() string {
	switch s.kind {
	case srcInternet:
		return "Internet"
	case srcVNet:
		return "VirtualNetwork"
	case srcTag:
		return s.tag
	case srcCIDR:
		return s.prefix.String()
	}
	return "unresolved sources"
}

func (s source) key() string { return fmt.Sprintf("%d|%s", s.kind, strings.ToLower(s.String())) }

// ownPrefixes are the address prefixes of a cluster's node subnets; complete
// is false when some node subnet's prefixes are not resolved.
type ownPrefixes struct {
	prefixes []netip.Prefix
	complete bool
}

func (o ownPrefixes) contains(p netip.Prefix) bool {
	for _, x := range o.prefixes {
		if containsPrefix(x, p) {
			return true
		}
	}
	return false
}

// outsiders classifies one source address entry of an allowing rule: the
// classes of senders outside the cluster's node subnets it admits. "*" and
// /0 admit both the internet and the virtual network. The Azure load
// balancer's health probe (AzureLoadBalancer) is the platform, not a sender
// that can log in, and prefixes within the node subnets are the cluster's own.
func outsiders(entry string, own ownPrefixes) []source {
	e := strings.TrimSpace(entry)
	switch {
	case isAnyAddress(e):
		return []source{{kind: srcInternet}, {kind: srcVNet}}
	case strings.EqualFold(e, "Internet"):
		return []source{{kind: srcInternet}}
	case strings.EqualFold(e, "VirtualNetwork"):
		return []source{{kind: srcVNet}}
	case strings.EqualFold(e, "AzureLoadBalancer"):
		return nil
	}
	if p, ok := parsePrefix(e); ok {
		if own.contains(p) {
			return nil
		}
		return []source{{kind: srcCIDR, prefix: p, ownUnknown: !own.complete}}
	}
	if looksLikeAddress(e) {
		return []source{{kind: srcUnknown}}
	}
	return []source{{kind: srcTag, tag: e}}
}

// entryCovers reports whether one source address entry of a rule covers
// every sender of class s.
func entryCovers(entry string, s source) tri {
	e := strings.TrimSpace(entry)
	if isAnyAddress(e) {
		return yes
	}
	if s.kind == srcUnknown {
		return maybe
	}
	switch {
	case strings.EqualFold(e, "Internet"):
		switch s.kind {
		case srcInternet, srcTag:
			// Service tags other than VirtualNetwork and AzureLoadBalancer
			// name Azure's public address ranges, which Internet includes.
			return yes
		case srcCIDR:
			if isPublic(s.prefix) {
				return yes
			}
		}
		return no
	case strings.EqualFold(e, "VirtualNetwork"):
		switch s.kind {
		case srcVNet:
			return yes
		case srcCIDR:
			if !isPublic(s.prefix) {
				// A private prefix may lie in the virtual network's address
				// space, which the tag's ranges (peerings included) decide.
				return maybe
			}
		}
		return no
	}
	if p, ok := parsePrefix(e); ok {
		if s.kind != srcCIDR {
			return no // a partial range never covers a whole class
		}
		switch {
		case containsPrefix(p, s.prefix):
			return yes
		case p.Overlaps(s.prefix):
			return maybe
		}
		return no
	}
	if looksLikeAddress(e) {
		return maybe
	}
	// Another service tag.
	switch s.kind {
	case srcTag:
		if strings.EqualFold(e, s.tag) {
			return yes
		}
	case srcCIDR:
		if isPublic(s.prefix) {
			return maybe // the tag's ranges are published outside the inputs
		}
	}
	return no
}
