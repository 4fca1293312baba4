package net

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestNET03(t *testing.T) {
	gw := id("Microsoft.Network/applicationGateways/agw")
	predefined := func(name estate.Value[string]) *estate.Estate {
		return &estate.Estate{AppGateways: []*estate.AppGateway{{
			Meta: meta(gw), SSLPolicyType: set("Predefined", "properties.sslPolicy.policyType"), SSLPolicyName: name,
			MinProtocolVersion: def("", "properties.sslPolicy.minProtocolVersion"),
		}}}
	}
	custom := func(typ, minv string) *estate.Estate {
		return &estate.Estate{AppGateways: []*estate.AppGateway{{
			Meta: meta(gw), SSLPolicyType: set(typ, "ssl_policy.policy_type"), SSLPolicyName: def("", "ssl_policy.policy_name"),
			MinProtocolVersion: set(minv, "ssl_policy.min_protocol_version"),
		}}}
	}
	name := func(n string) estate.Value[string] { return set(n, "properties.sslPolicy.policyName") }
	gwWant := func(v rules.Verdict, ev ...string) map[estate.ResourceID]want {
		return map[estate.ResourceID]want{gw: {v, ev}}
	}

	cm := func(data map[string]string) *estate.ConfigMap {
		return &estate.ConfigMap{
			Meta: estate.Meta{ID: estate.KubeID("ConfigMap", "ingress-nginx", "ingress-nginx-controller"), Name: "ingress-nginx-controller",
				Source: estate.SourceKubernetes, Loc: estate.Loc{File: "nginx.yaml", Line: 3}},
			Namespace: "ingress-nginx", Data: data,
		}
	}
	cmID := estate.KubeID("ConfigMap", "ingress-nginx", "ingress-nginx-controller")
	sa := id("Microsoft.Storage/storageAccounts/logs")
	storage := func(v estate.Value[string]) *estate.Estate {
		return &estate.Estate{StorageAccounts: []*estate.StorageAccount{{Meta: meta(sa), MinimumTLSVersion: v}}}
	}

	cases := []ruleCase{
		{name: "predefined 2022 policy", e: predefined(name("AppGwSslPolicy20220101")), want: gwWant(rules.Passed, "AppGwSslPolicy20220101")},
		{name: "predefined 2022 strict policy", e: predefined(name("AppGwSslPolicy20220101S")), want: gwWant(rules.Passed)},
		{name: "predefined 2017 strict policy is TLS 1.2", e: predefined(name("AppGwSslPolicy20170401S")), want: gwWant(rules.Passed)},
		{name: "predefined 2015 policy is TLS 1.0", e: predefined(name("AppGwSslPolicy20150501")), want: gwWant(rules.Failed, "accepts TLS 1.0")},
		{name: "predefined 2017 policy is TLS 1.1", e: predefined(name("appgwsslpolicy20170401")), want: gwWant(rules.Failed, "accepts TLS 1.1")},
		{name: "unknown predefined name", e: predefined(name("AppGwSslPolicy20300101")), want: gwWant(rules.Unknown, "not a predefined policy this rule knows")},
		{name: "unresolved policy name", e: predefined(unresolved[string]("ssl_policy.policy_name", "var.tls_policy has no value")),
			want: gwWant(rules.Unknown, "var.tls_policy has no value")},
		{name: "custom policy TLS 1.2", e: custom("Custom", "TLSv1_2"), want: gwWant(rules.Passed, `ssl_policy.min_protocol_version = "TLSv1_2"`)},
		{name: "CustomV2 policy TLS 1.3", e: custom("CustomV2", "TLSv1_3"), want: gwWant(rules.Passed)},
		{name: "custom policy TLS 1.0", e: custom("Custom", "TLSv1_0"), want: gwWant(rules.Failed, "accepts TLS 1.0")},
		{name: "no sslPolicy: the default depends on the API version",
			e: &estate.Estate{AppGateways: []*estate.AppGateway{{
				Meta: meta(gw), SSLPolicyType: def("", "properties.sslPolicy.policyType"),
				SSLPolicyName: def("", "properties.sslPolicy.policyName"), MinProtocolVersion: def("", "properties.sslPolicy.minProtocolVersion"),
			}}},
			want: gwWant(rules.Unknown, "no sslPolicy", "2023-02-01")},
		{name: "no sslPolicy with the default the live resource reports",
			e: &estate.Estate{AppGateways: []*estate.AppGateway{{
				Meta: meta(gw), SSLPolicyType: def("", "properties.sslPolicy.policyType"),
				SSLPolicyName: def("AppGwSslPolicy20220101", "properties.defaultPredefinedSslPolicy"), MinProtocolVersion: def("", "properties.sslPolicy.minProtocolVersion"),
			}}},
			want: gwWant(rules.Passed, "(default: not set in the input)")},

		{name: "ingress-nginx TLS 1.2 and 1.3", e: &estate.Estate{ConfigMaps: []*estate.ConfigMap{cm(map[string]string{"ssl-protocols": "TLSv1.2 TLSv1.3"})}},
			want: map[estate.ResourceID]want{cmID: {rules.Passed, []string{`data.ssl-protocols = "TLSv1.2 TLSv1.3"`}}}},
		{name: "ingress-nginx still offers TLS 1.0 and 1.1", e: &estate.Estate{ConfigMaps: []*estate.ConfigMap{cm(map[string]string{"ssl-protocols": "TLSv1 TLSv1.1 TLSv1.2"})}},
			want: map[estate.ResourceID]want{cmID: {rules.Failed, []string{"accepts TLSv1, TLSv1.1"}}}},
		{name: "a ConfigMap without ssl-protocols is not a TLS setting", e: &estate.Estate{ConfigMaps: []*estate.ConfigMap{cm(map[string]string{"use-forwarded-headers": "true"})}},
			want: map[estate.ResourceID]want{}},

		{name: "storage TLS 1.2 by default", e: storage(def("TLS1_2", "min_tls_version")),
			want: map[estate.ResourceID]want{sa: {rules.Passed, []string{`min_tls_version = "TLS1_2" (default`}}}},
		{name: "storage TLS 1.0", e: storage(set("TLS1_0", "properties.minimumTlsVersion")),
			want: map[estate.ResourceID]want{sa: {rules.Failed, []string{"accepts TLS 1.0"}}}},
		{name: "storage TLS unresolved", e: storage(unresolved[string]("min_tls_version", "var.tls has no value")),
			want: map[estate.ResourceID]want{sa: {rules.Unknown, []string{"var.tls has no value"}}}},
		{name: "key vaults have no TLS setting", e: &estate.Estate{KeyVaults: []*estate.KeyVault{{Meta: meta(id("Microsoft.KeyVault/vaults/kv"))}}},
			want: map[estate.ResourceID]want{}},
	}
	runCases(t, NET03, cases)
}
