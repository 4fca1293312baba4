package armjson

import (
	"strings"

	"github.com/aksguard/aksguard/estate"
)

// predefinedMinTLS is the minimum protocol version of each predefined
// Application Gateway TLS policy.
var predefinedMinTLS = map[string]string{
	"appgwsslpolicy20150501":  "TLSv1_0",
	"appgwsslpolicy20170401":  "TLSv1_1",
	"appgwsslpolicy20170401s": "TLSv1_2",
	"appgwsslpolicy20220101":  "TLSv1_2",
	"appgwsslpolicy20220101s": "TLSv1_2",
}

// appGateway adapts Microsoft.Network/applicationGateways' TLS policy.
func (a *adapter) appGateway(r *res) {
	p := r.props
	g := &estate.AppGateway{Meta: r.meta()}
	typ := p.str("sslPolicy.policyType")
	name := p.str("sslPolicy.policyName")
	minv := p.str("sslPolicy.minProtocolVersion")
	if !typ.present && !name.present && !minv.present {
		// Which policy applies then depends on the API version the gateway
		// was created with (AppGwSslPolicy20150501, TLS 1.0, before
		// 2023-02-01; AppGwSslPolicy20220101 after), which an export does not say.
		const why = "sslPolicy is not set: the default TLS policy depends on the API version the gateway was created with"
		g.SSLPolicyType = typ.OrUnknown(why)
		g.SSLPolicyName = name.OrUnknown(why)
		g.MinProtocolVersion = minv.OrUnknown(why)
		a.out.AppGateways = append(a.out.AppGateways, g)
		return
	}
	if name.present && name.reason == "" {
		g.SSLPolicyType = typ.Or("Predefined")
	} else {
		g.SSLPolicyType = typ.OrUnknown("sslPolicy.policyType is not set")
	}
	g.SSLPolicyName = name.Or("")
	g.MinProtocolVersion = minv.OrUnknown("sslPolicy.minProtocolVersion is not set")
	if !minv.present && name.present && name.reason == "" {
		if v, ok := predefinedMinTLS[strings.ToLower(name.v)]; ok {
			// A predefined policy fixes its minimum version.
			g.MinProtocolVersion = estate.Defaulted(v, name.loc)
		}
	}
	a.out.AppGateways = append(a.out.AppGateways, g)
}

// storageAccount adapts Microsoft.Storage/storageAccounts. The API documents
// TLS 1.0 as the interpretation of an absent minimumTlsVersion.
func (a *adapter) storageAccount(r *res) {
	a.out.StorageAccounts = append(a.out.StorageAccounts, &estate.StorageAccount{
		Meta:              r.meta(),
		MinimumTLSVersion: r.props.str("minimumTlsVersion").Or("TLS1_0"),
	})
}
