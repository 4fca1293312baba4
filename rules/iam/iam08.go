package iam

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// IAM08 flags clusters without the Key Vault secrets provider and secret
// material shipped in manifests or IaC.
var IAM08 = &rules.Rule{
	ID:       "AKS-IAM-08",
	Title:    "Secrets live in Key Vault: the secrets provider add-on rotates them, no manifest or IaC ships one",
	Severity: rules.High,
	Section:  rules.IAM,
	Practice: "Secrets stored in Azure Key Vault",
	Doc: `A Kubernetes Secret written in a manifest or in Terraform is only base64:
it sits in the repository, its history, every clone and the Terraform
state. A password written as a container's env value is worse: any reader
of the Deployment sees it. Key Vault keeps the secret out of the code, logs
its reads and rotates it; the Key Vault secrets provider add-on (Secrets
Store CSI driver) mounts it into pods and, with rotation on, picks up new
versions.

Reads, per cluster, addonProfiles.azureKeyvaultSecretsProvider.enabled and
its config.enableSecretRotation (Terraform: key_vault_secrets_provider and
its secret_rotation_enabled): off, or on without rotation, fails. Per
Kubernetes Secret from a manifest or Terraform (kubernetes_secret): data or
stringData with values fails; a Secret without values passes. Secrets of
type kubernetes.io/service-account-token (their token is filled in by the
cluster) and Helm release records (helm.sh/release.v1) are not reported.
Per workload: a container (init and ephemeral ones included) whose env has
a literal value for a name that looks like a credential (password, passwd,
secret, token, api key, access key, private key, client secret, connection
string, credential…; not names ending in _NAME, _PATH, _FILE, _URL, _ID and
the like) fails, unless the value is empty or an obvious placeholder or
reference (${VAR}, $(VAR), {{ … }}, <…>, a Key Vault or secret-store
reference, a file path, true/false). Values never appear in findings.`,
	Fix: rules.Fix{
		CLI: "az aks enable-addons -g <resource-group> -n <cluster> --addons azure-keyvault-secrets-provider --enable-secret-rotation " +
			"(already enabled: az aks addon update -g <resource-group> -n <cluster> --addon azure-keyvault-secrets-provider --enable-secret-rotation); " +
			"store the secret with az keyvault secret set --vault-name <vault> -n <name> and remove it from the manifests",
		Terraform: "add key_vault_secrets_provider { secret_rotation_enabled = true } to azurerm_kubernetes_cluster (same names in azurerm v3 and v4); " +
			"keep secret values in azurerm_key_vault_secret fed from outside the code, not in kubernetes_secret data or env value",
		ARM: "set properties.addonProfiles.azureKeyvaultSecretsProvider.enabled: true and .config.enableSecretRotation: \"true\" on the Microsoft.ContainerService/managedClusters resource",
		Kubernetes: "mount the secret from Key Vault with a SecretProviderClass (secrets-store.csi.k8s.io) and reference it with env[].valueFrom.secretKeyRef; " +
			"remove data/stringData from Secret manifests and literal credentials from env[].value",
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			checkSecretsProvider(p, c)
		}
		for _, s := range p.Estate.Secrets {
			checkSecretObject(p, s)
		}
		for _, w := range p.Estate.Workloads {
			checkEnvLiterals(p, w)
		}
	},
}

func checkSecretsProvider(p *rules.Pass, c *estate.Cluster) {
	on, rot := c.KeyVaultSecretsProvider, c.SecretRotation
	switch {
	case !on.Known():
		p.Report(c, rules.Unknown, on.Loc, on.Evidence())
	case !on.V:
		p.Report(c, rules.Failed, on.Loc, "the Key Vault secrets provider add-on is off: "+on.Evidence())
	case !rot.Known():
		p.Report(c, rules.Unknown, rot.Loc, on.Evidence()+"; "+rot.Evidence())
	case !rot.V:
		p.Report(c, rules.Failed, rot.Loc, "the add-on is on but does not rotate secrets: "+on.Evidence()+"; "+rot.Evidence())
	default:
		p.Report(c, rules.Passed, rot.Loc, on.Evidence()+"; "+rot.Evidence())
	}
}

// excludedSecretTypes hold no secret an author wrote: the cluster fills a
// service account token in, Helm writes its release records.
var excludedSecretTypes = map[string]bool{
	"kubernetes.io/service-account-token": true,
	"helm.sh/release.v1":                  true,
}

func checkSecretObject(p *rules.Pass, s *estate.Secret) {
	if s.Source != estate.SourceKubernetes && s.Source != estate.SourceTerraform {
		return
	}
	if excludedSecretTypes[strings.ToLower(s.Type)] {
		return
	}
	at := s.Loc.At("data")
	if s.HasLiteralData {
		keys := "keys " + strings.Join(quoteAll(s.DataKeys), ", ")
		if len(s.DataKeys) == 0 {
			keys = "values"
		}
		p.Failf(s, at, "the Secret ships literal data or stringData (%s) in the %s input; the values are not shown", keys, s.Source)
		return
	}
	p.Passf(s, at, "the Secret carries no data or stringData values")
}

func checkEnvLiterals(p *rules.Pass, w *estate.Workload) {
	var hits []string
	var first estate.Loc
	n := 0
	for _, c := range w.Containers {
		for _, env := range c.Env {
			n++
			if !env.Literal || !looksLikeCredentialName(env.Name) || !looksLikeLiteralCredential(env.Value) {
				continue
			}
			if len(hits) == 0 {
				first = env.Loc
				if first.File == "" && first.Resource == "" {
					first = c.Loc
				}
			}
			// Never the value: only where it is and what it is called.
			hits = append(hits, fmt.Sprintf("%s %q env %s has a literal value%s", c.Kind, c.Name, env.Name, pathNote(env.Loc)))
		}
	}
	if len(hits) > 0 {
		p.Report(w, rules.Failed, first, strings.Join(hits, "; ")+" (values not shown)")
		return
	}
	p.Passf(w, estate.Loc{}, "no credential-looking literal among the %d env entries of %d container(s)", n, len(w.Containers))
}

func pathNote(l estate.Loc) string {
	if l.Path == "" {
		return ""
	}
	return " (" + l.Path + ")"
}
