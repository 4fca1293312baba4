package net

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// NET03 checks the minimum TLS version of the endpoints beside the cluster.
var NET03 = &rules.Rule{
	ID:       "AKS-NET-03",
	Title:    "TLS 1.2 or newer wherever TLS is configured around the cluster",
	Severity: rules.High,
	Section:  rules.Network,
	Practice: "TLS 1.2 or newer in front of and beside the cluster",
	Doc: `TLS 1.0 and 1.1 have known weaknesses and are retired across Azure; an endpoint that still
accepts them lets a client, or an attacker in the middle, negotiate down. The rule reads every
place the inputs configure a minimum TLS version:

- Application Gateways: sslPolicy (Terraform ssl_policy). A predefined policy decides by its name:
  AppGwSslPolicy20150501 (TLS 1.0) and AppGwSslPolicy20170401 (TLS 1.1) fail;
  AppGwSslPolicy20170401S, AppGwSslPolicy20220101 and AppGwSslPolicy20220101S (TLS 1.2) pass. A
  Custom or CustomV2 policy decides by minProtocolVersion. Without an sslPolicy Azure applies a
  default that depends on the API version the gateway was created with (AppGwSslPolicy20150501,
  TLS 1.0, before 2023-02-01; AppGwSslPolicy20220101 from then on): when the input does not say
  which default applied, the verdict is unknown and the fix is to set the policy explicitly.
- ingress-nginx controller ConfigMaps (recognised by their ssl-protocols key): every protocol listed
  must be TLSv1.2 or TLSv1.3.
- Storage accounts: minimumTlsVersion (Terraform min_tls_version) must be TLS1_2 or newer.

Key Vault has no minimum-TLS setting (the service enforces TLS 1.2), so vaults are not reported;
Front Door is not read yet (the estate has no Front Door resource).`,
	Fix: rules.Fix{
		CLI: "az network application-gateway ssl-policy set -g <rg> --gateway-name <gateway> --policy-type Predefined --name AppGwSslPolicy20220101; " +
			"az storage account update -g <rg> -n <account> --min-tls-version TLS1_2",
		Terraform: `azurerm_application_gateway: ssl_policy { policy_type = "Predefined", policy_name = "AppGwSslPolicy20220101" } ` +
			`(or policy_type = "CustomV2" with min_protocol_version = "TLSv1_2"); azurerm_storage_account: min_tls_version = "TLS1_2"`,
		ARM: `Microsoft.Network/applicationGateways properties.sslPolicy: {"policyType": "Predefined", "policyName": "AppGwSslPolicy20220101"}; ` +
			`Microsoft.Storage/storageAccounts properties.minimumTlsVersion: "TLS1_2"`,
		Kubernetes: `ingress-nginx controller ConfigMap: data.ssl-protocols: "TLSv1.2 TLSv1.3"`,
	},
	Check: func(p *rules.Pass) {
		for _, g := range p.Estate.AppGateways {
			checkAppGatewayTLS(p, g)
		}
		for _, cm := range p.Estate.ConfigMaps {
			if v, ok := cm.Data[sslProtocolsKey]; ok {
				checkNginxTLS(p, cm, v)
			}
		}
		for _, s := range p.Estate.StorageAccounts {
			checkStorageTLS(p, s)
		}
	},
}

// predefinedMinTLS is the minimum TLS version of each predefined Application
// Gateway policy, as 10*major+minor (TLS 1.2 is 12).
var predefinedMinTLS = map[string]int{
	"appgwsslpolicy20150501":  10,
	"appgwsslpolicy20170401":  11,
	"appgwsslpolicy20170401s": 12,
	"appgwsslpolicy20220101":  12,
	"appgwsslpolicy20220101s": 12,
}

// appGwMinTLS parses an Application Gateway protocol version ("TLSv1_2").
func appGwMinTLS(v string) (int, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "tlsv1_0":
		return 10, true
	case "tlsv1_1":
		return 11, true
	case "tlsv1_2":
		return 12, true
	case "tlsv1_3":
		return 13, true
	}
	return 0, false
}

func checkAppGatewayTLS(p *rules.Pass, g *estate.AppGateway) {
	typ, name, minv := g.SSLPolicyType, g.SSLPolicyName, g.MinProtocolVersion
	if !typ.Known() {
		p.Unknownf(g, typ.Loc, "%s", typ.Evidence())
		return
	}
	t := strings.ToLower(strings.TrimSpace(typ.V))
	switch {
	case t == "custom" || t == "customv2" || (t == "" && minv.Known() && minv.V != ""):
		switch {
		case !minv.Known():
			p.Unknownf(g, minv.Loc, "%s", minv.Evidence())
		case minv.V == "":
			p.Unknownf(g, minv.Loc, "%s; %s: a custom policy without a minimum protocol version", typ.Evidence(), minv.Evidence())
		default:
			tlsVerdict(p, g, minv, appGwMinTLS)
		}
	case t == "predefined" || (t == "" && (!name.Known() || name.V != "")):
		if !name.Known() {
			p.Unknownf(g, name.Loc, "%s", name.Evidence())
			return
		}
		v, ok := predefinedMinTLS[strings.ToLower(strings.TrimSpace(name.V))]
		switch {
		case name.V == "":
			p.Unknownf(g, name.Loc, "%s; %s: a predefined policy without a name", typ.Evidence(), name.Evidence())
		case !ok:
			p.Unknownf(g, name.Loc, "%s: not a predefined policy this rule knows the minimum TLS version of", name.Evidence())
		case v >= 12:
			p.Passf(g, name.Loc, "%s: minimum protocol TLS 1.2", name.Evidence())
		default:
			p.Failf(g, name.Loc, "%s: accepts TLS %d.%d", name.Evidence(), v/10, v%10)
		}
	case !minv.Known():
		p.Unknownf(g, minv.Loc, "%s", minv.Evidence())
	default:
		p.Unknownf(g, typ.Loc, "no sslPolicy (%s): Azure applies a default that depends on the API version the gateway was created with "+
			"(AppGwSslPolicy20150501, TLS 1.0, before 2023-02-01; AppGwSslPolicy20220101, TLS 1.2, from then on), which the inputs do not say", typ.Evidence())
	}
}

// tlsVerdict passes a known version of 1.2 or newer and fails an older one.
func tlsVerdict(p *rules.Pass, res estate.Resource, v estate.Value[string], parse func(string) (int, bool)) {
	n, ok := parse(v.V)
	switch {
	case !ok:
		p.Unknownf(res, v.Loc, "%s: not a TLS version this rule knows", v.Evidence())
	case n >= 12:
		p.Passf(res, v.Loc, "%s", v.Evidence())
	default:
		p.Failf(res, v.Loc, "%s: accepts TLS %d.%d", v.Evidence(), n/10, n%10)
	}
}

// sslProtocolsKey is the ingress-nginx ConfigMap key that lists the TLS
// protocols the controller accepts.
const sslProtocolsKey = "ssl-protocols"

func checkNginxTLS(p *rules.Pass, cm *estate.ConfigMap, value string) {
	at := cm.Loc.At("data." + sslProtocolsKey)
	ev := fmt.Sprintf("data.%s = %q", sslProtocolsKey, value)
	protos := strings.Fields(value)
	if len(protos) == 0 {
		p.Unknownf(cm, at, "%s: an empty protocol list leaves the protocols to nginx", ev)
		return
	}
	var weak, unknown []string
	for _, s := range protos {
		switch strings.ToLower(s) {
		case "tlsv1.2", "tlsv1.3":
		case "sslv2", "sslv3", "tlsv1", "tlsv1.1":
			weak = append(weak, s)
		default:
			unknown = append(unknown, s)
		}
	}
	switch {
	case len(weak) > 0:
		p.Failf(cm, at, "%s: ingress-nginx accepts %s", ev, strings.Join(weak, ", "))
	case len(unknown) > 0:
		p.Unknownf(cm, at, "%s: %s is not a protocol this rule knows", ev, strings.Join(unknown, ", "))
	default:
		p.Passf(cm, at, "%s", ev)
	}
}

// storageMinTLS parses a storage account minimum TLS version ("TLS1_2").
func storageMinTLS(v string) (int, bool) {
	switch strings.ToUpper(strings.TrimSpace(v)) {
	case "TLS1_0":
		return 10, true
	case "TLS1_1":
		return 11, true
	case "TLS1_2":
		return 12, true
	case "TLS1_3":
		return 13, true
	}
	return 0, false
}

func checkStorageTLS(p *rules.Pass, s *estate.StorageAccount) {
	if !s.MinimumTLSVersion.Known() {
		p.Unknownf(s, s.MinimumTLSVersion.Loc, "%s", s.MinimumTLSVersion.Evidence())
		return
	}
	tlsVerdict(p, s, s.MinimumTLSVersion, storageMinTLS)
}
