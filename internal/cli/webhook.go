package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/spf13/cobra"
	"k8s.io/client-go/kubernetes"

	"github.com/aksguard/aksguard/internal/iostreams"
	"github.com/aksguard/aksguard/internal/webhook"
	"github.com/aksguard/aksguard/source/kubelive"
)

// WebhookOptions are the inputs of `aksguard webhook`.
type WebhookOptions struct {
	IO      *iostreams.IOStreams
	Version string

	ConfigFile       string
	Addr             string
	MetricsAddr      string
	CertFile         string
	KeyFile          string
	Kubeconfig       string
	Context          string
	Namespace        string
	LogLevel         string
	CertPollInterval time.Duration
	ShutdownDelay    time.Duration
	ShutdownTimeout  time.Duration
}

func newCmdWebhook(f *Factory, runF func(context.Context, *WebhookOptions) error) *cobra.Command {
	opts := &WebhookOptions{IO: f.IO, Version: f.Version, LogLevel: "info"}
	cmd := &cobra.Command{
		Use:   "webhook",
		Short: "Serve a validating admission webhook that enforces the workload rules",
		Long: `Webhook serves a Kubernetes validating admission webhook
(admission.k8s.io/v1) that runs the workload rules on every object the API
server sends it, with the same rule code as scan: AKS-IMG-01 (trusted
registries), AKS-IMG-02 (digests), AKS-IAM-08 (credentials in env values),
AKS-IAM-07 (Ingress without TLS) and AKS-NET-07 (a namespace without a
default-deny policy, read from a cache of the cluster's network policies).

Each rule has a mode in the --config file: enforce denies the object with
a message naming the rule and the fix, warn admits it with a warning that
kubectl prints, audit admits it and logs the finding, off skips the rule:

  trustedRegistries: [myacr.azurecr.io]
  rules: {AKS-IMG-01: enforce, AKS-IMG-02: warn, AKS-IAM-08: enforce,
          AKS-IAM-07: warn, AKS-NET-07: warn}
  exemptNamespaces: [kube-system]
  exemptNamespaceSelector: aksguard.io/exempt=true

Without --config those are the defaults (any *.azurecr.io registry is
trusted). kube-system and the webhook's own namespace (--namespace, from
$POD_NAMESPACE in a pod) are never checked.

It serves /validate, /healthz and /readyz over TLS 1.2 or later on --addr,
with the certificate and key of --tls-cert-file and --tls-key-file,
reloaded when they change (a renewed cert-manager Secret) without a
restart; Prometheus metrics, /healthz and /readyz over plain HTTP on
--metrics-addr. Logs are JSON lines on stderr. On SIGTERM /readyz fails,
then after --shutdown-delay the server stops accepting connections and
finishes the reviews in flight.

The cluster is found as kubectl finds it (in a pod: its service account),
which needs get, list and watch on networkpolicies and namespaces. The
Helm chart in deploy/helm/aksguard installs all of it.`,
		Example: `  aksguard webhook --config /etc/aksguard/config.yaml \
    --tls-cert-file /etc/aksguard/tls/tls.crt --tls-key-file /etc/aksguard/tls/tls.key`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runWebhook(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.ConfigFile, "config", "", "webhook configuration `FILE` (rule modes, trusted registries, exemptions)")
	fl.StringVar(&opts.Addr, "addr", ":8443", "`ADDRESS` of the TLS listener (/validate, /healthz, /readyz)")
	fl.StringVar(&opts.MetricsAddr, "metrics-addr", ":8080", "`ADDRESS` of the plain-HTTP listener (/metrics, /healthz, /readyz); empty serves /metrics on --addr")
	fl.StringVar(&opts.CertFile, "tls-cert-file", "/etc/aksguard/tls/tls.crt", "serving certificate `FILE` (PEM, with its chain)")
	fl.StringVar(&opts.KeyFile, "tls-key-file", "/etc/aksguard/tls/tls.key", "serving key `FILE` (PEM)")
	fl.StringVar(&opts.Kubeconfig, "kubeconfig", "", "kubeconfig `FILE` (default: $KUBECONFIG, ~/.kube/config, else the pod's service account)")
	fl.StringVar(&opts.Context, "context", "", "kubeconfig `CONTEXT` to use (default: the current context)")
	fl.StringVar(&opts.Namespace, "namespace", os.Getenv("POD_NAMESPACE"), "the webhook's own `NAMESPACE`, never checked (default: $POD_NAMESPACE)")
	fl.Var(newEnum(&opts.LogLevel, "debug", "info", "warn", "error"), "log-level", "`LEVEL` of the logs: debug (every review), info, warn or error")
	fl.DurationVar(&opts.CertPollInterval, "cert-poll-interval", 10*time.Second, "how often to check the certificate files for a change")
	fl.DurationVar(&opts.ShutdownDelay, "shutdown-delay", 0, "how long /readyz fails before the listeners close on SIGTERM")
	fl.DurationVar(&opts.ShutdownTimeout, "shutdown-timeout", 25*time.Second, "how long reviews in flight may take to finish on SIGTERM")
	return cmd
}

func runWebhook(ctx context.Context, opts *WebhookOptions) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(opts.LogLevel)); err != nil {
		return flagErrorf("--log-level: %v", err)
	}
	log := slog.New(slog.NewJSONHandler(opts.IO.ErrOut, &slog.HandlerOptions{Level: level}))
	cfg := webhook.DefaultConfig()
	if opts.ConfigFile != "" {
		var err error
		if cfg, err = webhook.LoadConfig(opts.ConfigFile); err != nil {
			return err
		}
	}
	if opts.Namespace != "" {
		cfg.ExemptNamespaces = append(cfg.ExemptNamespaces, opts.Namespace)
	}
	if len(cfg.TrustedRegistries) == 0 && cfg.Rules["AKS-IMG-01"] != webhook.Off {
		log.Warn("no trustedRegistries configured: AKS-IMG-01 trusts any *.azurecr.io registry")
	}

	cluster, stop, err := startCluster(ctx, opts, cfg, log)
	if err != nil {
		return err
	}
	defer stop()
	m := webhook.NewMetrics()
	rev, err := webhook.NewReviewer(cfg, cluster, log, m)
	if err != nil {
		return err
	}
	srv, err := webhook.NewServer(webhook.ServerOptions{
		Addr: opts.Addr, MetricsAddr: opts.MetricsAddr, CertFile: opts.CertFile, KeyFile: opts.KeyFile,
		CertPollInterval: opts.CertPollInterval, ShutdownDelay: opts.ShutdownDelay, ShutdownTimeout: opts.ShutdownTimeout,
		Logger: log,
	}, rev, m)
	if err != nil {
		return err
	}
	log.Info("aksguard webhook starting", "version", opts.Version, "config", cfg.File, "rules", fmt.Sprint(cfg.Rules),
		"exemptNamespaces", cfg.ExemptNamespaces)
	return srv.Serve(ctx)
}

// startCluster connects the informers the configuration needs. AKS-NET-07
// needs them; without it the webhook still uses them, when the cluster can be
// reached, to exempt namespaces by label, and otherwise exempts by name only.
func startCluster(ctx context.Context, opts *WebhookOptions, cfg *webhook.Config, log *slog.Logger) (webhook.Cluster, func(), error) {
	rc, target, err := kubelive.LoadConfig(opts.Kubeconfig, opts.Context)
	if err != nil {
		if cfg.NeedsCluster() {
			return nil, nil, fmt.Errorf("AKS-NET-07 reads the cluster's network policies (set it to off to run without cluster access): %w", err)
		}
		log.Warn("no cluster access: namespaces are exempted by name only", "error", err.Error())
		return nil, func() {}, nil
	}
	rc.UserAgent = "aksguard-webhook/" + opts.Version
	cs, err := kubernetes.NewForConfig(rc)
	if err != nil {
		return nil, nil, fmt.Errorf("client for %s: %w", target, err)
	}
	ic := webhook.NewInformerCluster(cs)
	ictx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	ic.Start(ictx)
	go func() {
		// /readyz waits for the caches; this only says when they are there.
		if err := ic.WaitForSync(ictx); err == nil {
			log.Info("network policy and namespace caches synced", "cluster", target.String())
		}
	}()
	return ic, func() { cancel(); ic.Shutdown() }, nil
}
