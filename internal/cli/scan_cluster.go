package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/internal/iostreams"
	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/kubelive"
	"github.com/aksguard/aksguard/source/load"
)

// ScanClusterOptions are the inputs of `aksguard scan cluster`: the options
// of scan (its report flags, and paths to merge with the cluster) and which
// cluster to read.
type ScanClusterOptions struct {
	*ScanOptions

	Kubeconfig string
	Context    string
	Namespace  string
	Quiet      bool
}

// newCmdScanCluster returns `scan cluster`. It shares the flags of scan
// (parent), bound to the same options.
func newCmdScanCluster(f *Factory, parent *cobra.Command, scan *ScanOptions, runF func(context.Context, *ScanClusterOptions) error) *cobra.Command {
	opts := &ScanClusterOptions{ScanOptions: scan}
	cmd := &cobra.Command{
		Use:   "cluster [PATH...]",
		Short: "Audit the workloads of a live Kubernetes cluster, read-only",
		Long: `Scan cluster reads a live Kubernetes cluster through its API server,
read-only, and runs the same rules as a scan of manifest files: an object
in the cluster and the same object in a file get the same verdicts.

It reads namespaces, the kinds with a pod template (Deployments, CronJobs,
ReplicaSets, Jobs, StatefulSets, DaemonSets, ReplicationControllers,
Pods), network policies, ingresses, services and config maps, and the
metadata of secrets: a Secret's data is never asked for. Objects that a
listed object controls (a Deployment's ReplicaSets and their Pods, a
CronJob's Jobs) are audited once, through their owner. Lists are read 500
objects a page.

The cluster is found as kubectl finds it: --kubeconfig, else $KUBECONFIG,
else ~/.kube/config, at its current context or --context; in a pod without
a kubeconfig, the pod's service account. The credentials need get and list
on those kinds (the built-in "view" ClusterRole lacks secrets: grant list
on them too, which the metadata read needs). A kind they may not list is an
error naming it, and the rest is still audited. All namespaces are read
unless --namespace names one.

PATHs are read as scan reads them and merged with the cluster, so
"aksguard scan cluster ./exported-azure/" joins the live workloads with the
exported registries and the cluster's Azure configuration. An object found
both in the cluster and in a file is audited as it is in the cluster.
(To scan a directory named "cluster", write "aksguard scan ./cluster".)

Exit codes are scan's; a cluster that cannot be reached (or refuses the
credentials) exits 2 before anything is reported.`,
		Example: `  aksguard scan cluster
  aksguard scan cluster --context aks-prod --namespace shop
  aksguard scan cluster --kubeconfig ~/.kube/aks-prod --format sarif --output cluster.sarif
  aksguard scan cluster ./exported-azure/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.FormatSet = cmd.Flags().Changed("format")
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runScanCluster(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	parent.Flags().VisitAll(func(p *pflag.Flag) { fl.AddFlag(p) })
	fl.StringVar(&opts.Kubeconfig, "kubeconfig", "", "kubeconfig `FILE` (default: $KUBECONFIG, else ~/.kube/config)")
	fl.StringVar(&opts.Context, "context", "", "kubeconfig `CONTEXT` to use (default: the current context)")
	fl.StringVarP(&opts.Namespace, "namespace", "n", "", "read only this `NAMESPACE` (default: all namespaces)")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "print no progress")
	return cmd
}

// runScanCluster is `scan cluster`: config, the cluster, the files, rules,
// policy, report, exit code, as runScan does for files alone.
func runScanCluster(ctx context.Context, opts *ScanClusterOptions) error {
	errOut := opts.IO.ErrOut
	cfg, err := loadConfig(opts.ScanOptions)
	if err != nil {
		fmt.Fprintln(errOut, err)
		return &exitError{policy.ExitError}
	}
	catalog := opts.Rules()
	warnUnknownRules(opts.ScanOptions, cfg, catalog)

	// The cluster first: when it cannot be read, nothing else is worth the
	// wait, and the error is the one line the user needs.
	restCfg, target, err := kubelive.LoadConfig(opts.Kubeconfig, opts.Context)
	if err != nil {
		fmt.Fprintf(errOut, "aksguard: scan cluster: %v\n", err)
		return &exitError{policy.ExitError}
	}
	reader, err := kubelive.NewReader(restCfg, target, "aksguard/"+opts.Version)
	if err != nil {
		fmt.Fprintf(errOut, "aksguard: scan cluster: %v\n", err)
		return &exitError{policy.ExitError}
	}
	prog := newClusterProgress(opts.IO, opts.Quiet, target)
	live, err := reader.Read(ctx, kubelive.Options{Namespace: opts.Namespace, Progress: prog.update})
	prog.done()
	if err != nil {
		fmt.Fprintf(errOut, "aksguard: scan cluster: %v\n", err)
		return &exitError{policy.ExitError}
	}
	est, diags := live.Estate, live.Diagnostics
	summary := fmt.Sprintf("cluster %s: %s", target, live.Stats)

	if len(opts.Paths) > 0 {
		if slices.Contains(opts.Paths, "-") && opts.IO.IsStdinTTY() {
			fmt.Fprintln(errOut, "aksguard: reading an input from stdin (end it with Ctrl-D)")
		}
		files, fileDiags, stats := load.Paths(ctx, opts.Paths, load.Options{Parameters: opts.Parameters, Stdin: opts.IO.In, Exclude: reportFiles(opts.ScanOptions), Terraform: terraformOptions(opts.ScanOptions)})
		diags = append(diags, fileDiags...)
		if ctx.Err() != nil {
			printDiagnostics(opts.IO, diags)
			return &exitError{policy.ExitError}
		}
		if stats.Inputs() == 0 && !fileDiags.HasErrors() {
			diags = append(diags, source.Errorf(strings.Join(opts.Paths, ", "), 0, "found no input aksguard reads among %d file(s)", stats.Files))
		}
		// The cluster first: an object in both is audited as it runs.
		est = estate.Merge(est, files)
		summary += "; " + stats.String()
	}

	return finishScan(ctx, opts.ScanOptions, cfg, catalog, est, diags, summary)
}

// clusterProgress shows how far a cluster read has come on stderr: one line
// rewritten in place on a terminal; elsewhere (a CI log) a line to start
// and one per kind that took more than a page.
type clusterProgress struct {
	w     io.Writer
	tty   bool
	quiet bool
	last  time.Time
	shown bool
	pages map[string]int
}

func newClusterProgress(s *iostreams.IOStreams, quiet bool, target kubelive.Target) *clusterProgress {
	p := &clusterProgress{w: s.ErrOut, tty: s.IsStderrTTY(), quiet: quiet, pages: map[string]int{}}
	if !quiet && !p.tty {
		fmt.Fprintf(p.w, "aksguard: reading the cluster of %s\n", target)
	}
	return p
}

// update is kubelive.Options.Progress; the reader calls it one at a time.
func (p *clusterProgress) update(pr kubelive.Progress) {
	if p.quiet {
		return
	}
	if p.tty {
		if !pr.Done && time.Since(p.last) < 100*time.Millisecond {
			return
		}
		p.last, p.shown = time.Now(), true
		fmt.Fprintf(p.w, "\r\x1b[Kaksguard: cluster: %s %d", pr.Kind, pr.Listed)
		return
	}
	if !pr.Done {
		p.pages[pr.Kind]++
		return
	}
	if p.pages[pr.Kind] > 1 {
		fmt.Fprintf(p.w, "aksguard: cluster: %d %s objects in %d pages\n", pr.Listed, pr.Kind, p.pages[pr.Kind])
	}
}

// done clears the terminal line, so that the summary starts clean.
func (p *clusterProgress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
