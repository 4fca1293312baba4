package iam

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestIAM01EntraIntegration(t *testing.T) {
	tests := []struct {
		name string
		v    estate.Value[bool]
		want expect
	}{
		{"managed", set(true, "properties.aadProfile.managed"),
			expect{verdict: rules.Passed, has: []string{"properties.aadProfile.managed = true"}}},
		{"explicitly off", set(false, "properties.aadProfile.managed"),
			expect{verdict: rules.Failed, has: []string{"properties.aadProfile.managed = false"}}},
		{"absent aadProfile", def(false, "properties.aadProfile.managed"),
			expect{verdict: rules.Failed, has: []string{"default"}}},
		{"unresolved", unres[bool]("properties.aadProfile.managed"),
			expect{verdict: rules.Unknown, has: []string{"not determined", "var.x has no value"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := goodCluster("aks", func(c *estate.Cluster) { c.AADManaged = tt.v })
			tt.want.res = c.ID
			assertFindings(t, run(IAM01, estateOf(c), rules.DefaultConfig()), []expect{tt.want})
		})
	}
}

func TestIAM02LocalAccounts(t *testing.T) {
	tests := []struct {
		name string
		v    estate.Value[bool]
		want expect
	}{
		{"disabled", set(true, "properties.disableLocalAccounts"),
			expect{verdict: rules.Passed, has: []string{"properties.disableLocalAccounts = true"}}},
		{"Azure default: enabled", def(false, "properties.disableLocalAccounts"),
			expect{verdict: rules.Failed, has: []string{"properties.disableLocalAccounts = false (default"}}},
		{"unresolved", unres[bool]("local_account_disabled"),
			expect{verdict: rules.Unknown, has: []string{"local_account_disabled is not determined"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := goodCluster("aks", func(c *estate.Cluster) { c.DisableLocalAccounts = tt.v })
			assertFindings(t, run(IAM02, estateOf(c), rules.DefaultConfig()), []expect{tt.want})
		})
	}
}

func TestIAM03AzureRBAC(t *testing.T) {
	tests := []struct {
		name      string
		aad, rbac estate.Value[bool]
		want      expect
	}{
		{"on", set(true, "properties.aadProfile.managed"), set(true, "properties.aadProfile.enableAzureRBAC"),
			expect{verdict: rules.Passed, has: []string{"enableAzureRBAC = true"}}},
		{"off with Entra ID", set(true, "properties.aadProfile.managed"), set(false, "properties.aadProfile.enableAzureRBAC"),
			expect{verdict: rules.Failed, has: []string{"enableAzureRBAC = false"}}},
		{"no Entra ID integration", def(false, "properties.aadProfile.managed"), def(false, "properties.aadProfile.enableAzureRBAC"),
			expect{verdict: rules.Failed, has: []string{"requires Entra ID integration", "properties.aadProfile.managed = false"}}},
		{"unresolved without Entra ID is still a failure", set(false, "properties.aadProfile.managed"), unres[bool]("azure_rbac_enabled"),
			expect{verdict: rules.Failed, has: []string{"requires Entra ID integration"}}},
		{"unresolved", unres[bool]("managed"), unres[bool]("azure_rbac_enabled"),
			expect{verdict: rules.Unknown, has: []string{"azure_rbac_enabled is not determined"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := goodCluster("aks", func(c *estate.Cluster) { c.AADManaged, c.AzureRBAC = tt.aad, tt.rbac })
			assertFindings(t, run(IAM03, estateOf(c), rules.DefaultConfig()), []expect{tt.want})
		})
	}
}

// TestRemediationFollowsTheSource: a Terraform cluster gets the attribute,
// an exported one the az command.
func TestRemediationFollowsTheSource(t *testing.T) {
	tf := goodCluster("tf", func(c *estate.Cluster) {
		c.Source = estate.SourceTerraform
		c.DisableLocalAccounts = def(false, "local_account_disabled")
	})
	live := goodCluster("live", func(c *estate.Cluster) { c.DisableLocalAccounts = def(false, "properties.disableLocalAccounts") })
	got := run(IAM02, estateOf(tf, live), rules.DefaultConfig())
	if len(got) != 2 || got[0].Remediation != IAM02.Fix.Terraform || got[1].Remediation != IAM02.Fix.CLI {
		t.Errorf("remediations = %+v", got)
	}
	if got[0].Location.File != "main.tf" || got[0].Path != "local_account_disabled" {
		t.Errorf("location = %+v, path %q", got[0].Location, got[0].Path)
	}
}
