package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const corpus = "testdata/corpus"

// TestCorpusReadsCleanly reads every file of the public corpus with no error.
func TestCorpusReadsCleanly(t *testing.T) {
	for _, dir := range []string{"arm-api", "arm-templates", "k8s"} {
		entries, err := os.ReadDir(filepath.Join(root, corpus, dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			scan(t, filepath.Join(corpus, dir, e.Name())) // fails the test on any error diagnostic
		}
	}
}

// TestCorpusVerdicts asserts the verdicts of real resources against what
// their JSON or YAML actually says. Each file is scanned on its own: the REST
// examples reuse one cluster ID.
func TestCorpusVerdicts(t *testing.T) {
	api := func(name string) string { return filepath.Join(corpus, "arm-api", "armapi-"+name+".json") }
	k8s := func(name string) string { return filepath.Join(corpus, "k8s", name) }
	tmpl := func(name string) string { return filepath.Join(corpus, "arm-templates", name) }
	tests := []struct {
		file, rule, typ, name, want, why string
	}{
		{api("containerregistry-2025-11-01-RegistryCreate"), "AKS-IAM-05", "registry", "myregistry", "fail", "adminUserEnabled: true"},
		{api("containerregistry-2025-11-01-RegistryGet"), "AKS-IAM-05", "registry", "myregistry", "pass", "adminUserEnabled and anonymousPullEnabled false, no role assignments"},
		{api("containerregistry-2025-11-01-RegistryGet"), "AKS-EXT-02", "registry", "myregistry", "fail", "publicNetworkAccess Enabled, networkRuleSet.defaultAction Allow"},
		{api("containerservice-2026-05-01-ManagedClustersCreate_PrivateClusterFQDNSubdomain"), "AKS-NET-01", "cluster", "clustername1", "pass", "apiServerAccessProfile.enablePrivateCluster: true"},
		{api("containerservice-2026-05-01-ManagedClustersCreate_HTTPProxy"), "AKS-NET-01", "cluster", "clustername1", "fail", "no private cluster, no authorized ranges"},
		{api("containerservice-2026-05-01-ManagedClustersCreate_SecurityProfile"), "AKS-DEF-01", "cluster", "clustername1", "pass", "securityProfile.defender.securityMonitoring.enabled: true"},
		{api("containerservice-2026-05-01-ManagedClustersCreate_SecurityProfile"), "AKS-EXT-05", "cluster", "clustername1", "pass", "securityProfile.workloadIdentity.enabled: true"},
		{api("containerservice-2026-05-01-ManagedClustersCreate_UpdateWithEnableAzureRBAC"), "AKS-IAM-01", "cluster", "clustername1", "pass", "aadProfile.managed: true"},
		{api("containerservice-2026-05-01-ManagedClustersCreate_UpdateWithEnableAzureRBAC"), "AKS-IAM-03", "cluster", "clustername1", "pass", "aadProfile.enableAzureRBAC: true"},
		{api("containerservice-2026-05-01-ManagedClustersCreate_HTTPProxy"), "AKS-IAM-01", "cluster", "clustername1", "fail", "no aadProfile"},
		{api("containerservice-2026-05-01-ManagedClustersCreate_HTTPProxy"), "AKS-NET-05", "cluster", "clustername1", "fail", "kubenet, no networkPolicy"},
		{api("containerservice-2026-05-01-ManagedClustersCreate_NodePublicIPPrefix"), "AKS-NET-09", "nodepool", "nodepool1", "fail", "enableNodePublicIP: true"},
		{api("containerservice-2026-05-01-ManagedClustersCreate_PrivateClusterFQDNSubdomain"), "AKS-EXT-04", "nodepool", "nodepool1", "pass", "enableEncryptionAtHost: true"},
		{api("containerservice-2026-05-01-ManagedClustersCreate_AzureKeyvaultSecretsProvider"), "AKS-IAM-08", "cluster", "clustername1", "pass", "the add-on is on with enableSecretRotation \"true\""},
		{api("containerservice-2026-05-01-ManagedClustersCreate_HTTPProxy"), "AKS-IAM-08", "cluster", "clustername1", "fail", "no azureKeyvaultSecretsProvider add-on"},
		{k8s("aksstoredemo-aks-store-all-in-one.yaml"), "AKS-IMG-01", "workload", "order-service", "fail", "ghcr.io image, no trusted registry in the inputs"},
		{k8s("aksstoredemo-aks-store-all-in-one.yaml"), "AKS-IMG-02", "workload", "order-service", "fail", "tagged, not pinned by digest"},
		{k8s("aksstoredemo-aks-store-all-in-one.yaml"), "AKS-IAM-08", "secret", "rabbitmq-secrets", "fail", "a Secret manifest with data"},
		{k8s("azurevotingapp-azure-vote-all-in-one-redis.yaml"), "AKS-NET-07", "workload", "azure-vote-back", "fail", "workloads in namespace default, no NetworkPolicy"},
		{k8s("azurevotingapp-azure-vote-all-in-one-redis.yaml") + "+" + k8s("akscons-postdeploy-networkpolicy-deny-all.yml"), "AKS-NET-07", "workload", "azure-vote-back", "pass", "the deny-all policy: podSelector {} with Ingress in policyTypes"},
		{tmpl("azsamples-private-aks-cluster-one-node-pool-azuredeploy.json"), "AKS-NET-01", "cluster", "", "pass", "enablePrivateCluster from the template's parameters file"},
	}
	cache := make(map[string]map[key]string)
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file)+"/"+tt.rule, func(t *testing.T) {
			v, ok := cache[tt.file]
			if !ok {
				v = verdicts(t, scan(t, strings.Split(tt.file, "+")...))
				cache[tt.file] = v
			}
			if tt.name == "" { // the template names its cluster from a parameter: take the only one
				for k := range v {
					if k.Rule == tt.rule && k.Type == tt.typ {
						tt.name = k.Name
					}
				}
			}
			got, ok := v[key{tt.rule, tt.typ, tt.name}]
			if !ok {
				t.Fatalf("no %s finding on %s %q", tt.rule, tt.typ, tt.name)
			}
			if got != tt.want {
				t.Errorf("%s on %s %s = %s, want %s (%s)", tt.rule, tt.typ, tt.name, got, tt.want, tt.why)
			}
		})
	}
}
