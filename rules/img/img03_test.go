package img

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestIMG03(t *testing.T) {
	tests := []struct {
		name string
		v    estate.Value[bool]
		want rules.Verdict
	}{
		{"on", set(true), rules.Passed},
		{"off", set(false), rules.Failed},
		{"absent: Azure default off", def(false), rules.Failed},
		{"unresolved", unk[bool]("var.policy"), rules.Unknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &estate.Cluster{Meta: meta(aks1), AzurePolicy: tc.v}
			check(t, IMG03, &estate.Estate{Clusters: []*estate.Cluster{c}}, rules.DefaultConfig(), []want{{aks1, tc.want, ""}})
		})
	}
}
