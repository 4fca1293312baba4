package kubelive

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
)

// Target says which cluster a configuration points at, for messages and
// diagnostics.
type Target struct {
	// Context is the kubeconfig context used; "" for the in-cluster
	// configuration (a pod's service account).
	Context string
	// Server is the API server's URL.
	Server string
}

// Input is the name diagnostics give the cluster: "kubernetes:<context>",
// or "kubernetes:in-cluster".
func (t Target) Input() string {
	if t.Context == "" {
		return "kubernetes:in-cluster"
	}
	return "kubernetes:" + t.Context
}

// String renders `context "dev" (https://dev.example:443)`.
func (t Target) String() string {
	if t.Context == "" {
		return fmt.Sprintf("the in-cluster configuration (%s)", t.Server)
	}
	return fmt.Sprintf("context %q (%s)", t.Context, t.Server)
}

// LoadConfig finds the cluster the way kubectl does: the kubeconfig file
// given, else the files in $KUBECONFIG, else ~/.kube/config; context
// selects a context other than the current one. Without any kubeconfig, in
// a pod, it uses the pod's service account (the in-cluster configuration).
// Credential plugins (kubelogin for Entra ID clusters) run as configured,
// without prompting.
func LoadConfig(kubeconfig, context string) (*rest.Config, Target, error) {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	rules.ExplicitPath = kubeconfig
	overrides := &clientcmd.ConfigOverrides{CurrentContext: context}
	cc := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, overrides)
	raw, rawErr := cc.RawConfig()
	if rawErr == nil && context != "" && raw.Contexts[context] == nil {
		// client-go's own message does not say which contexts there are.
		names := make([]string, 0, len(raw.Contexts))
		for name := range raw.Contexts {
			names = append(names, name)
		}
		sort.Strings(names)
		return nil, Target{}, fmt.Errorf("%s has no context %q (it has: %s)", where(kubeconfig), context, strings.Join(names, ", "))
	}
	cfg, err := cc.ClientConfig()
	if err != nil {
		return nil, Target{}, configError(kubeconfig, err)
	}
	t := Target{Server: cfg.Host}
	if rawErr == nil && len(raw.Contexts) > 0 {
		t.Context = raw.CurrentContext
		if context != "" {
			t.Context = context
		}
	}
	return cfg, t, nil
}

// where names the kubeconfig as the user gave it.
func where(kubeconfig string) string {
	if kubeconfig != "" {
		return "kubeconfig " + kubeconfig
	}
	return "the kubeconfig ($KUBECONFIG or ~/.kube/config)"
}

// configError says what is wrong in kubectl's words.
func configError(kubeconfig string, err error) error {
	switch {
	case clientcmd.IsEmptyConfig(err):
		return fmt.Errorf("no cluster to scan: %s names none and aksguard is not running in a pod; give --kubeconfig or set KUBECONFIG", where(kubeconfig))
	case clientcmd.IsConfigurationInvalid(err):
		return fmt.Errorf("%s is invalid: %w", where(kubeconfig), err)
	}
	return fmt.Errorf("load %s: %w", where(kubeconfig), err)
}

// tune sets what a scan needs on a copy of cfg: a user agent naming
// aksguard (it shows in audit logs), client-side rate limits that suit a
// read-only scan of big lists, and a timeout per request.
func tune(cfg *rest.Config, userAgent string) *rest.Config {
	c := rest.CopyConfig(cfg)
	if userAgent != "" {
		c.UserAgent = userAgent
	}
	// client-go's default, 5 requests a second, makes a cluster of many
	// namespaces and pages slow for no gain; the API server's priority and
	// fairness protects it from readers either way.
	if c.QPS == 0 {
		c.QPS, c.Burst = 50, 100
	}
	if c.Timeout == 0 {
		c.Timeout = time.Minute
	}
	return c
}
