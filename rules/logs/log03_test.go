package logs

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestLOG03(t *testing.T) {
	tests := []struct {
		name         string
		oms, metrics estate.Value[bool]
		want         rules.Verdict
		substr       string
	}{
		{"container insights on", set(true), def(false), rules.Passed, "true"},
		{"managed prometheus on", def(false), set(true), rules.Passed, "true"},
		{"both absent: Azure default off", def(false), def(false), rules.Failed, "default"},
		{"oms off explicitly", set(false), def(false), rules.Failed, "false"},
		{"oms unresolved, metrics off", unk[bool]("var.monitoring"), def(false), rules.Unknown, "var.monitoring"},
		{"metrics unresolved, oms off", set(false), unk[bool]("var.prom"), rules.Unknown, "var.prom"},
		{"on wins over unresolved", unk[bool]("var.monitoring"), set(true), rules.Passed, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := cluster(aks1)
			c.OMSAgent, c.AzureMonitorMetrics = tc.oms, tc.metrics
			check(t, LOG03, &estate.Estate{Clusters: []*estate.Cluster{c}}, rules.DefaultConfig(), []want{{aks1, tc.want, tc.substr}})
		})
	}
}
