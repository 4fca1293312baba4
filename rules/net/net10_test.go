package net

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestNET10(t *testing.T) {
	other := clusterID("other")
	runCases(t, NET10, []ruleCase{{
		name: "a manual finding per cluster, never a pass",
		e:    &estate.Estate{Clusters: []*estate.Cluster{{Meta: meta(aks)}, {Meta: meta(other)}}},
		want: map[estate.ResourceID]want{
			aks:   {rules.Manual, []string{"enforces TLS 1.2", "verify"}},
			other: {verdict: rules.Manual},
		},
	}})
}
