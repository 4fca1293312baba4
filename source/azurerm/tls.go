package azurerm

import (
	"strings"

	"github.com/aksguard/aksguard/estate"
)

// predefinedMinTLS is the minimum TLS version of each predefined
// Application Gateway policy (Azure's documentation of the policies).
var predefinedMinTLS = map[string]string{
	"appgwsslpolicy20150501":  "TLSv1_0",
	"appgwsslpolicy20170401":  "TLSv1_1",
	"appgwsslpolicy20170401s": "TLSv1_2",
	"appgwsslpolicy20220101":  "TLSv1_2",
	"appgwsslpolicy20220101s": "TLSv1_2",
}

// appGateway adapts azurerm_application_gateway's ssl_policy. Without the
// block the provider sends no policy, and Azure's default depends on the
// API version the gateway was created with.
func (a *adapter) appGateway(r *resource) {
	root := r.root()
	g := &estate.AppGateway{Meta: r.meta()}
	typ, name, minv := root.str("ssl_policy.policy_type"), root.str("ssl_policy.policy_name"), root.str("ssl_policy.min_protocol_version")
	if !root.has("ssl_policy") {
		const why = "ssl_policy is not set: Azure's default TLS policy depends on the API version the gateway is created with"
		g.SSLPolicyType = typ.OrUnknown(why)
		g.SSLPolicyName = name.OrUnknown(why)
		g.MinProtocolVersion = minv.OrUnknown(why)
		a.out.AppGateways = append(a.out.AppGateways, g)
		return
	}
	if name.present && name.reason == "" {
		g.SSLPolicyType = typ.Or("Predefined") // a policy named is a predefined one
	} else {
		g.SSLPolicyType = typ.OrUnknown("ssl_policy.policy_type is not set")
	}
	g.SSLPolicyName = name.Or("")
	g.MinProtocolVersion = minv.OrUnknown("ssl_policy.min_protocol_version is not set")
	if !minv.present && minv.reason == "" && name.present && name.reason == "" {
		if v, ok := predefinedMinTLS[strings.ToLower(name.v)]; ok {
			g.MinProtocolVersion = estate.Defaulted(v, name.loc)
		}
	}
	a.out.AppGateways = append(a.out.AppGateways, g)
}

// storageAccount adapts azurerm_storage_account: only its minimum TLS
// version, "TLS1_2 for new storage accounts" since azurerm 3.0.
func (a *adapter) storageAccount(r *resource) {
	a.out.StorageAccounts = append(a.out.StorageAccounts, &estate.StorageAccount{
		Meta:              r.meta(),
		MinimumTLSVersion: r.root().str("min_tls_version").Or("TLS1_2"),
	})
}
