package net

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// sshPort is the port AKS nodes serve SSH on.
const sshPort = 22

// nsgVerdict is what an NSG does to SSH from outside a cluster's node subnets.
type nsgVerdict struct {
	verdict rules.Verdict
	at      estate.Loc
	text    string
}

// access is a rule's known access: "allow", "deny", or "" when unresolved.
func access(r *estate.SecurityRule) string {
	if !r.Access.Known() {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(r.Access.V))
}

// carriesInboundSSH reports whether a rule is inbound and covers TCP port 22,
// whatever its sources.
func carriesInboundSSH(r *estate.SecurityRule) tri {
	dir := maybe
	if r.Direction.Known() {
		dir = no
		if strings.EqualFold(strings.TrimSpace(r.Direction.V), "Inbound") {
			dir = yes
		}
	}
	proto := maybe
	if r.Protocol.Known() {
		proto = protocolCarriesTCP(r.Protocol.V)
	}
	ports := maybe
	if r.DestinationPorts.Known() {
		ports = portsMatch(r.DestinationPorts.V, sshPort)
	}
	return dir.and(proto).and(ports)
}

// covers reports whether a rule's sources include every sender of class s.
func covers(r *estate.SecurityRule, s source) tri {
	if !r.SourcePrefixes.Known() {
		return maybe
	}
	m := no
	for _, e := range r.SourcePrefixes.V {
		m = m.or(entryCovers(e, s))
	}
	return m
}

// ruleLabel names a rule in evidence: "rule allow-ssh (priority 100)" or
// "Azure default rule AllowVnetInBound (priority 65000)".
func ruleLabel(r *estate.SecurityRule) string {
	kind := "rule"
	if r.Default {
		kind = "Azure default rule"
	}
	prio := "priority not resolved"
	if r.Priority.Known() {
		prio = fmt.Sprintf("priority %d", r.Priority.V)
	}
	return fmt.Sprintf("%s %s (%s)", kind, resName(&r.Meta), prio)
}

// whyUndetermined says which of a rule's values the inputs leave open.
func whyUndetermined(r *estate.SecurityRule, s source) string {
	switch {
	case !r.Priority.Known():
		return r.Priority.Evidence()
	case !r.Direction.Known():
		return r.Direction.Evidence()
	case !r.Access.Known():
		return r.Access.Evidence()
	case !r.Protocol.Known():
		return r.Protocol.Evidence()
	case !r.DestinationPorts.Known():
		return r.DestinationPorts.Evidence()
	case !r.SourcePrefixes.Known():
		return r.SourcePrefixes.Evidence()
	}
	return fmt.Sprintf("its sources or ports (%s; %s) may or may not include TCP %d from %s",
		strings.Join(r.SourcePrefixes.V, ", "), strings.Join(r.DestinationPorts.V, ", "), sshPort, s)
}

// ruleAt is where a rule's sources are declared, the property a finding
// points at; Azure's default rules live on the NSG.
func ruleAt(n *estate.NSG, r *estate.SecurityRule) estate.Loc {
	if r.Default {
		return n.Loc.At(r.Loc.Path)
	}
	return locOr(r.SourcePrefixes.Loc, r.Loc)
}

// decision is the fate of one class of senders: the first rule, by
// priority, that matches it decides.
type decision struct {
	allow bool
	rule  *estate.SecurityRule // nil: no rule matched, Azure denies
	// undetermined is set when a rule the inputs leave open could decide
	// otherwise.
	undetermined string
	undetRule    *estate.SecurityRule
}

// decide walks the rules in priority order (lowest number first; the first
// match wins). A rule that may or may not match, or whose priority is not
// resolved, leaves the outcome open unless it would decide the same way.
func decide(ordered, floating []*estate.SecurityRule, s source) decision {
	var pending []*estate.SecurityRule
	d := decision{}
	for _, r := range ordered {
		m := carriesInboundSSH(r).and(covers(r, s))
		if m == no {
			continue
		}
		a := access(r)
		if m == maybe || (a != "allow" && a != "deny") {
			pending = append(pending, r)
			continue
		}
		d = decision{allow: a == "allow", rule: r}
		break
	}
	for _, r := range floating {
		if carriesInboundSSH(r).and(covers(r, s)) != no {
			pending = append(pending, r)
		}
	}
	want := "deny"
	if d.allow {
		want = "allow"
	}
	for _, r := range pending {
		if access(r) != want {
			d.undetermined = whyUndetermined(r, s)
			d.undetRule = r
			break
		}
	}
	return d
}

// evalSSH decides whether an NSG lets TCP 22 in from anywhere outside the
// cluster's node subnets. It tests every class of outside senders that some
// allowing rule names, so that a Deny placed before the Allow (a lower
// priority number) is honoured and one placed after is not.
func evalSSH(n *estate.NSG, own ownPrefixes) nsgVerdict {
	var ordered, floating []*estate.SecurityRule
	for _, r := range n.Rules {
		if carriesInboundSSH(r) == no {
			continue
		}
		if r.Priority.Known() {
			ordered = append(ordered, r)
		} else {
			floating = append(floating, r)
		}
	}
	slices.SortStableFunc(ordered, func(a, b *estate.SecurityRule) int { return a.Priority.V - b.Priority.V })

	var srcs []source
	seen := make(map[string]bool)
	for _, r := range append(slices.Clone(ordered), floating...) {
		if access(r) == "deny" {
			continue
		}
		var cand []source
		if !r.SourcePrefixes.Known() {
			cand = []source{{kind: srcUnknown}}
		}
		for _, e := range r.SourcePrefixes.V {
			cand = append(cand, outsiders(e, own)...)
		}
		for _, s := range cand {
			if !seen[s.key()] {
				seen[s.key()] = true
				srcs = append(srcs, s)
			}
		}
	}

	name := resName(&n.Meta)
	// Explicit rules come before Azure's defaults in the evidence: they are
	// what the user wrote, the defaults are the fallback.
	var opens, defaultOpens, undet, denies []string
	var openAt, defaultOpenAt, undetAt estate.Loc
	for _, s := range srcs {
		d := decide(ordered, floating, s)
		switch {
		case d.undetermined != "":
			if undet == nil {
				undetAt = ruleAt(n, d.undetRule)
			}
			undet = append(undet, fmt.Sprintf("whether TCP %d from %s gets in depends on %s: %s", sshPort, s, ruleLabel(d.undetRule), d.undetermined))
		case d.allow && s.kind == srcCIDR && s.ownUnknown:
			if undet == nil {
				undetAt = ruleAt(n, d.rule)
			}
			undet = append(undet, fmt.Sprintf("%s allows TCP %d from %s, which may be a node subnet: some node subnet's address prefixes are not resolved", ruleLabel(d.rule), sshPort, s))
		case d.allow:
			text := fmt.Sprintf("%s allows TCP %d from %s", ruleLabel(d.rule), sshPort, s)
			if s.kind == srcVNet {
				text += " (the whole virtual network, peered networks included, which is wider than the AKS subnets) and no rule with a lower priority number denies it"
			}
			if d.rule.Default {
				if defaultOpens == nil {
					defaultOpenAt = ruleAt(n, d.rule)
				}
				defaultOpens = append(defaultOpens, text)
			} else {
				if opens == nil {
					openAt = ruleAt(n, d.rule)
				}
				opens = append(opens, text)
			}
		case d.rule != nil:
			denies = appendNew(denies, ruleLabel(d.rule))
		}
	}
	if opens == nil {
		openAt = defaultOpenAt
	}
	opens = append(opens, defaultOpens...)
	switch {
	case len(opens) > 0:
		return nsgVerdict{rules.Failed, openAt, fmt.Sprintf("NSG %s: %s", name, strings.Join(opens, "; "))}
	case len(undet) > 0:
		return nsgVerdict{rules.Unknown, undetAt, fmt.Sprintf("NSG %s: %s", name, strings.Join(undet, "; "))}
	case len(denies) > 0:
		return nsgVerdict{rules.Passed, n.Loc, fmt.Sprintf("NSG %s denies TCP %d from outside the node subnets (%s)", name, sshPort, strings.Join(denies, ", "))}
	}
	return nsgVerdict{rules.Passed, n.Loc, fmt.Sprintf("NSG %s has no rule that lets TCP %d in from outside the node subnets", name, sshPort)}
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
