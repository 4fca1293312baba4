package iam

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestIAM08SecretsProvider(t *testing.T) {
	const addon = "properties.addonProfiles.azureKeyvaultSecretsProvider"
	tests := []struct {
		name    string
		on, rot estate.Value[bool]
		want    expect
	}{
		{"on with rotation", set(true, addon+".enabled"), set(true, addon+".config.enableSecretRotation"),
			expect{verdict: rules.Passed, has: []string{addon + ".enabled = true", "enableSecretRotation = true"}}},
		{"absent add-on", def(false, addon+".enabled"), def(false, addon+".config.enableSecretRotation"),
			expect{verdict: rules.Failed, has: []string{"add-on is off", "(default"}}},
		{"on without rotation", set(true, addon+".enabled"), def(false, addon+".config.enableSecretRotation"),
			expect{verdict: rules.Failed, has: []string{"does not rotate"}}},
		{"unresolved", unres[bool]("key_vault_secrets_provider"), def(false, "secret_rotation_enabled"),
			expect{verdict: rules.Unknown, has: []string{"not determined"}}},
		{"rotation unresolved", set(true, addon+".enabled"), unres[bool]("secret_rotation_enabled"),
			expect{verdict: rules.Unknown, has: []string{"secret_rotation_enabled is not determined"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := goodCluster("aks", func(c *estate.Cluster) { c.KeyVaultSecretsProvider, c.SecretRotation = tt.on, tt.rot })
			assertFindings(t, run(IAM08, estateOf(c), rules.DefaultConfig()), []expect{tt.want})
		})
	}
}

func TestIAM08SecretObjects(t *testing.T) {
	secret := func(name, typ string, src estate.SourceKind, literal bool, keys ...string) *estate.Secret {
		m := kubeMeta("Secret", name)
		m.Source = src
		return &estate.Secret{Meta: m, Namespace: "web", Type: typ, DataKeys: keys, HasLiteralData: literal}
	}
	opaque := secret("db", "Opaque", estate.SourceKubernetes, true, "password")
	tfSecret := secret("tf", "Opaque", estate.SourceTerraform, true, "token")
	empty := secret("placeholder", "Opaque", estate.SourceKubernetes, false)
	e := estateOf(
		opaque, tfSecret, empty,
		secret("sa", "kubernetes.io/service-account-token", estate.SourceKubernetes, true, "token"),
		secret("release", "helm.sh/release.v1", estate.SourceKubernetes, true, "release"),
		secret("exported", "Opaque", estate.SourceAzure, true, "x"),
	)
	assertFindings(t, run(IAM08, e, rules.DefaultConfig()), []expect{
		{res: opaque.ID, verdict: rules.Failed, has: []string{`keys "password"`, "kubernetes input", "values are not shown"}},
		{res: tfSecret.ID, verdict: rules.Failed, has: []string{`keys "token"`, "terraform input"}},
		{res: empty.ID, verdict: rules.Passed},
	})
}

func TestIAM08EnvLiterals(t *testing.T) {
	const secretValue = "hunter2-Sup3rS3cret"
	env := func(name, value string) estate.EnvVar {
		return estate.EnvVar{Name: name, Literal: true, Value: value, Loc: estate.Loc{File: "k8s/app.yaml", Line: 20, Path: "spec.template.spec.containers[0].env[0].value"}}
	}
	tests := []struct {
		name       string
		containers []estate.Container
		want       expect
	}{
		{"literal password", []estate.Container{{Name: "app", Kind: estate.RegularContainer, Env: []estate.EnvVar{env("LOG_LEVEL", "debug"), env("DB_PASSWORD", secretValue)}}},
			expect{verdict: rules.Failed, has: []string{`container "app" env DB_PASSWORD has a literal value`, "values not shown"}, hasNot: []string{secretValue}}},
		{"camelCase key in an init container", []estate.Container{{Name: "init", Kind: estate.InitContainer, Env: []estate.EnvVar{env("stripeApiKey", "sk_live_abc")}}},
			expect{verdict: rules.Failed, has: []string{`initContainer "init" env stripeApiKey`}, hasNot: []string{"sk_live_abc"}}},
		{"from a secretKeyRef", []estate.Container{{Name: "app", Env: []estate.EnvVar{{Name: "DB_PASSWORD", FromSecret: true}}}},
			expect{verdict: rules.Passed, has: []string{"1 env entries of 1 container(s)"}}},
		{"placeholders and references", []estate.Container{{Name: "app", Env: []estate.EnvVar{
			env("DB_PASSWORD", "${DB_PASSWORD}"), env("API_TOKEN", "$(TOKEN)"), env("CLIENT_SECRET", "{{ .Values.secret }}"),
			env("ACCESS_KEY", "<your-access-key>"), env("SECRET", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x)"),
			env("PASSWORD", ""), env("TOKEN_AUTH", "true"),
		}}}, expect{verdict: rules.Passed}},
		{"names that only mention a credential", []estate.Container{{Name: "app", Env: []estate.EnvVar{
			env("AZURE_FEDERATED_TOKEN_FILE", "/var/run/secrets/azure/tokens/azure-identity-token"),
			env("KEYVAULT_SECRET_NAME", "db-password"), env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"), env("TOKEN_TTL", "3600"),
		}}}, expect{verdict: rules.Passed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &estate.Workload{Meta: kubeMeta("Deployment", "app"), Kind: "Deployment", Namespace: "web", Containers: tt.containers}
			tt.want.res = w.ID
			got := run(IAM08, estateOf(w), rules.DefaultConfig())
			assertFindings(t, got, []expect{tt.want})
			if tt.want.verdict == rules.Failed && (got[0].Location.Line != 20 || got[0].Path == "") {
				t.Errorf("failure points at %+v path %q, want the env entry", got[0].Location, got[0].Path)
			}
		})
	}
}

func TestLooksLikeCredentialName(t *testing.T) {
	yes := []string{"PASSWORD", "db_password", "dbPassword", "MYSQL_ROOT_PASSWD", "CLIENT_SECRET", "GITHUB_TOKEN",
		"api-key", "ApiKey", "AWS_SECRET_ACCESS_KEY", "STORAGE_ACCESS_KEY", "TLS_PRIVATE_KEY", "ConnectionStrings__Default",
		"SQL_CONNECTION_STRING", "GOOGLE_APPLICATION_CREDENTIALS_JSON", "SAS_TOKEN"}
	no := []string{"LOG_LEVEL", "PORT", "SECRET_NAME", "TOKEN_FILE", "PASSWORD_PATH", "AWS_ACCESS_KEY_ID", "TOKEN_URL",
		"AZURE_FEDERATED_TOKEN_FILE", "TOKEN_TTL", "USERNAME", "KEY_VAULT_URI"}
	for _, n := range yes {
		if !looksLikeCredentialName(n) {
			t.Errorf("%s should look like a credential name", n)
		}
	}
	for _, n := range no {
		if looksLikeCredentialName(n) {
			t.Errorf("%s should not look like a credential name", n)
		}
	}
}
