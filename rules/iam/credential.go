package iam

import (
	"regexp"
	"strings"
)

// credentialWords are the words that make an environment variable's name
// look like a credential, matched case-insensitively with separators
// ("_", "-", ".") removed, so DB_PASSWORD, dbPassword and db-password all
// match.
var credentialWords = []string{
	"password", "passwd", "passphrase",
	"secret", // client_secret, secret_key, SECRET
	"token",
	"apikey", "accesskey", "privatekey", "secretkey", "signingkey", "masterkey", "accountkey", "sharedkey",
	"connectionstring", "connstr",
	"credential",
}

// notCredentialSuffixes end names that mention a credential but hold
// something else: where it lives, what it is called, how long it lasts
// (AZURE_FEDERATED_TOKEN_FILE, SECRET_NAME, TOKEN_TTL, AWS_ACCESS_KEY_ID).
var notCredentialSuffixes = []string{
	"name", "names", "path", "file", "dir", "directory", "mount", "url", "uri", "endpoint", "host",
	"ttl", "expiry", "expiration", "lifetime", "timeout", "audience", "issuer", "type", "header",
	"length", "enabled", "enable", "mode", "version", "id", "ref", "provider", "store", "namespace",
	"interval", "seconds", "minutes", "count", "size", "limit", "retries", "port",
}

// looksLikeCredentialName reports whether an environment variable's name
// suggests it holds a credential.
func looksLikeCredentialName(name string) bool {
	n := strings.ToLower(name)
	n = strings.NewReplacer("_", "", "-", "", ".", "").Replace(n)
	hit := false
	for _, w := range credentialWords {
		if strings.Contains(n, w) {
			hit = true
			break
		}
	}
	if !hit {
		return false
	}
	for _, s := range notCredentialSuffixes {
		if strings.HasSuffix(n, s) {
			return false
		}
	}
	return true
}

// placeholder matches values that are not a credential: a reference to
// one, a template left for a tool to fill in, or a marker of one.
var placeholder = regexp.MustCompile(`(?i)^(` +
	`\$\{[^}]*\}|\$\([^)]*\)|\{\{.*\}\}|<[^>]*>|#\{[^}]*\}#?|__[a-z0-9_]+__|%[a-z0-9_]+%` + // ${VAR} $(VAR) {{ .x }} <secret> #{x}# __X__ %X%
	`|@microsoft\.keyvault\(.*\)|secretref:.*|keyvaultref:.*|vault:.*|akv:.*|ref\+.*` + // references to a secret store
	`|x{3,}|\*{3,}|\.{3,}|replace[-_ ]?me|placeholder|redacted|tbd|todo` +
	`|true|false|yes|no|on|off|none|null|nil` + // flags, not secrets
	`)$`)

// looksLikeLiteralCredential reports whether a literal value, set on a
// variable whose name looks like a credential, may be the credential itself.
// The value is only inspected here; it never reaches a finding.
func looksLikeLiteralCredential(v string) bool {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return false
	case placeholder.MatchString(v):
		return false
	case strings.HasPrefix(v, "/") && !strings.ContainsAny(v, " \t"):
		return false // a file path, such as a mounted secret's
	}
	return true
}
