package net

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestNET08(t *testing.T) {
	cluster := func(v estate.Value[bool]) *estate.Estate {
		return &estate.Estate{Clusters: []*estate.Cluster{{Meta: meta(aks), HTTPApplicationRouting: v}}}
	}
	const path = "properties.addonProfiles.httpApplicationRouting.enabled"
	cases := []ruleCase{
		{name: "enabled", e: cluster(set(true, path)), want: map[estate.ResourceID]want{aks: {rules.Failed, []string{path + " = true"}}}},
		{name: "left out", e: cluster(def(false, "http_application_routing_enabled")),
			want: map[estate.ResourceID]want{aks: {rules.Passed, []string{"(default: not set in the input)"}}}},
		{name: "unresolved", e: cluster(unresolved[bool]("http_application_routing_enabled", "var.routing has no value")),
			want: map[estate.ResourceID]want{aks: {rules.Unknown, []string{"var.routing has no value"}}}},
	}
	runCases(t, NET08, cases)
}
