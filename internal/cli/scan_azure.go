package cli

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/aksguard/aksguard/internal/iostreams"
	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/source/azureapi"
)

// ScanAzureOptions are the inputs of `aksguard scan azure`: the report
// options of `scan` and the scope of the live read.
type ScanAzureOptions struct {
	*ScanOptions

	Subscriptions    []string
	AllSubscriptions bool
	ResourceGroups   []string
	Clusters         []string
	Tenant           string
	Cloud            string
	Concurrency      int
	Timeout          time.Duration
	Export           string
	Quiet            bool
}

// newAzureReader builds the live reader; tests point it at a fake Azure.
var newAzureReader = func(cloudName, tenant string) (*azureapi.Reader, error) {
	c, err := azureapi.Cloud(cloudName)
	if err != nil {
		return nil, err
	}
	cred, err := azureapi.DefaultCredential(c, tenant)
	if err != nil {
		return nil, err
	}
	return azureapi.NewReader(azureapi.Config{Credential: cred, Cloud: c})
}

// newCmdScanAzure returns `scan azure`. It shares the report flags of scan
// (parent), bound to the same options, except those only templates and
// Terraform read.
func newCmdScanAzure(f *Factory, parent *cobra.Command, scan *ScanOptions, runF func(context.Context, *ScanAzureOptions) error) *cobra.Command {
	opts := &ScanAzureOptions{ScanOptions: scan, Cloud: "AzurePublic", Concurrency: azureapi.DefaultConcurrency, Timeout: azureapi.DefaultCallTimeout}
	cmd := &cobra.Command{
		Use:   "azure",
		Short: "Audit the live AKS estate of Azure subscriptions, read-only",
		Long: `Scan azure reads the live estate of Azure subscriptions, read-only, and
runs the same rules as every other source. Credentials come from
DefaultAzureCredential: environment variables, workload identity, managed
identity, then an Azure CLI or Azure Developer CLI login.

The inventory comes from Azure Resource Graph: clusters, registries,
networks, NSGs, route tables, firewalls, application gateways, key vaults,
disk encryption sets, storage accounts, workspaces, locks, role
assignments and definitions, and Defender pricings. The diagnostic settings
of clusters, registries and workspaces, which Resource Graph does not hold,
are read through ARM, --concurrency at a time. Throttled calls wait as long
as Azure says; failed calls are retried.

A subscription or resource that the identity may not read is an error that
names it and the permission missing; everything else is still scanned, and
the verdicts that depended on what could not be read are unknown. The
identity needs read access only: the Reader role, or the smaller custom role
in docs/azure-reader-role.json. aksguard never writes to Azure.

--resource-group narrows the audited resources (clusters, registries, key
vaults, workspaces, application gateways, storage accounts); networks, NSGs,
route tables, firewalls and locks are read from the whole subscription,
since a cluster's subnet and firewall often live in another resource group.

--export DIR writes what was read as Azure resource JSON into a new or
empty directory; "aksguard scan DIR" gives the same verdicts offline.
(To scan a directory named "azure", write "aksguard scan ./azure".)`,
		Example: `  aksguard scan azure --subscription 00000000-0000-0000-0000-000000000000
  aksguard scan azure --all-subscriptions --format sarif --output azure.sarif
  aksguard scan azure --subscription $SUB --resource-group aks-prod --cluster aks1
  aksguard scan azure --cloud AzureUSGovernment --tenant $TENANT --all-subscriptions --export snapshot/`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.FormatSet = cmd.Flags().Changed("format")
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runScanAzure(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	parent.Flags().VisitAll(func(p *pflag.Flag) {
		if !templateFlags[p.Name] {
			fl.AddFlag(p)
		}
	})
	fl.StringArrayVar(&opts.Subscriptions, "subscription", nil, "`ID` of a subscription to scan (repeatable)")
	fl.BoolVar(&opts.AllSubscriptions, "all-subscriptions", false, "scan every subscription the identity can read")
	fl.StringArrayVarP(&opts.ResourceGroups, "resource-group", "g", nil, "audit only the resources of this resource `GROUP` (repeatable)")
	fl.StringArrayVar(&opts.Clusters, "cluster", nil, "audit only the cluster of this `NAME` (repeatable)")
	fl.StringVar(&opts.Tenant, "tenant", "", "Microsoft Entra `TENANT` ID to authenticate in")
	fl.StringVar(&opts.Cloud, "cloud", opts.Cloud, "Azure `CLOUD`: "+strings.Join(azureapi.CloudNames, ", "))
	fl.IntVar(&opts.Concurrency, "concurrency", opts.Concurrency, "ARM reads in flight at once")
	fl.DurationVar(&opts.Timeout, "timeout", opts.Timeout, "time allowed to each Azure call, retries and throttling waits included")
	fl.StringVar(&opts.Export, "export", "", "also write what was read to `DIR` (new or empty) as Azure resource JSON")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "print no progress")
	return cmd
}

// templateFlags are the flags of scan that only templates and Terraform
// read; a live scan has no use for them.
var templateFlags = map[string]bool{"parameters": true, "var": true, "var-file": true}

// subscriptionID is the form of a subscription ID (a GUID).
var subscriptionID = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func (o *ScanAzureOptions) validate() error {
	switch {
	case len(o.Subscriptions) == 0 && !o.AllSubscriptions:
		return flagErrorf("scan azure: give --subscription ID (repeatable) or --all-subscriptions")
	case len(o.Subscriptions) > 0 && o.AllSubscriptions:
		return flagErrorf("scan azure: give --subscription or --all-subscriptions, not both")
	case o.Concurrency < 1 || o.Concurrency > 64:
		return flagErrorf("--concurrency %d: want 1 to 64", o.Concurrency)
	case o.Timeout <= 0:
		return flagErrorf("--timeout %s: want a positive duration", o.Timeout)
	}
	for _, s := range o.Subscriptions {
		if !subscriptionID.MatchString(strings.TrimSpace(s)) {
			return flagErrorf("--subscription %q: give the subscription ID (a GUID); `az account list -o table` lists them", s)
		}
	}
	for _, g := range o.ResourceGroups {
		if strings.TrimSpace(g) == "" {
			return flagErrorf("--resource-group: empty name")
		}
	}
	for _, c := range o.Clusters {
		if strings.TrimSpace(c) == "" {
			return flagErrorf("--cluster: empty name")
		}
	}
	if _, err := azureapi.Cloud(o.Cloud); err != nil {
		return flagErrorf("--cloud: %v", err)
	}
	return nil
}

// runScanAzure is `scan azure`: config, live read, rules, policy, report,
// exit code, as runScan does for files.
func runScanAzure(ctx context.Context, opts *ScanAzureOptions) error {
	errOut := opts.IO.ErrOut
	cfg, err := loadConfig(opts.ScanOptions)
	if err != nil {
		fmt.Fprintln(errOut, err)
		return &exitError{policy.ExitError}
	}
	catalog := opts.Rules()
	warnUnknownRules(opts.ScanOptions, cfg, catalog)

	reader, err := newAzureReader(opts.Cloud, opts.Tenant)
	if err != nil {
		fmt.Fprintf(errOut, "aksguard: %v\n", err)
		return &exitError{policy.ExitError}
	}
	prog := newAzureProgress(opts.IO, opts.Quiet)
	res, err := reader.Read(ctx, azureapi.Options{
		Subscriptions:    opts.Subscriptions,
		AllSubscriptions: opts.AllSubscriptions,
		ResourceGroups:   opts.ResourceGroups,
		Clusters:         opts.Clusters,
		Concurrency:      opts.Concurrency,
		CallTimeout:      opts.Timeout,
		ExportDir:        opts.Export,
		Progress:         prog.update,
		Now:              opts.Now,
	})
	prog.done()
	if err != nil {
		fmt.Fprintf(errOut, "aksguard: scan azure: %v\n", err)
		return &exitError{policy.ExitError}
	}
	diags := res.Diagnostics

	var extra []string
	if opts.Export != "" {
		extra = append(extra, fmt.Sprintf("exported to %s; `aksguard scan %s` gives these verdicts offline", opts.Export, opts.Export))
	}
	return finishScan(ctx, opts.ScanOptions, cfg, catalog, res.Estate, diags, res.Stats.String(), extra...)
}

// azureProgress shows how far a live scan has come on stderr: one line
// rewritten in place on a terminal, a line per step otherwise.
type azureProgress struct {
	w     io.Writer
	tty   bool
	quiet bool
	last  time.Time
	phase string
	shown bool // a terminal line is on screen
	tenth int  // the last tenth of the settings reads reported (plain)
}

func newAzureProgress(s *iostreams.IOStreams, quiet bool) *azureProgress {
	return &azureProgress{w: s.ErrOut, tty: s.IsStderrTTY(), quiet: quiet}
}

// update is azureapi.Options.Progress; the reader calls it one at a time.
func (p *azureProgress) update(pr azureapi.Progress) {
	if p.quiet {
		return
	}
	if p.tty {
		if pr.Phase == p.phase && time.Since(p.last) < 100*time.Millisecond {
			return
		}
		p.phase, p.last, p.shown = pr.Phase, time.Now(), true
		fmt.Fprintf(p.w, "\r\x1b[Kaksguard: Azure: %s", progressLine(pr))
		return
	}
	switch {
	case pr.Phase != p.phase:
		p.phase = pr.Phase
		switch pr.Phase {
		case "subscriptions":
			fmt.Fprintln(p.w, "aksguard: Azure: listing the subscriptions in scope")
		case "inventory":
			fmt.Fprintf(p.w, "aksguard: Azure: reading the inventory of %d subscription%s through Resource Graph\n", pr.Subscriptions, plural(pr.Subscriptions))
		case "diagnostic settings":
			fmt.Fprintf(p.w, "aksguard: Azure: %d resources inventoried; reading the diagnostic settings of %d\n", pr.Resources, pr.Settings)
		}
	case pr.Phase == "diagnostic settings" && pr.Settings > 0:
		if t := pr.SettingsRead * 10 / pr.Settings; t > p.tenth && t < 10 {
			p.tenth = t
			fmt.Fprintf(p.w, "aksguard: Azure: diagnostic settings %d/%d\n", pr.SettingsRead, pr.Settings)
		}
	}
}

// done clears the terminal line, so that the summary starts clean.
func (p *azureProgress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// progressLine is the terminal line: a bar over the subscriptions during
// the inventory, over the diagnostic settings reads after it.
func progressLine(pr azureapi.Progress) string {
	done, total := pr.SubscriptionsRead, pr.Subscriptions
	if pr.Settings > 0 {
		done, total = pr.SettingsRead, pr.Settings
	}
	s := fmt.Sprintf("%s subscriptions %d/%d, %d resources", bar(done, total), pr.SubscriptionsRead, pr.Subscriptions, pr.Resources)
	if pr.Settings > 0 {
		s += fmt.Sprintf(", diagnostic settings %d/%d", pr.SettingsRead, pr.Settings)
	}
	return s
}

// bar draws done/total as [=====>    ].
func bar(done, total int) string {
	const width = 20
	n := 0
	if total > 0 {
		n = min(done*width/total, width)
	}
	head := ""
	if n < width {
		head = ">"
	}
	return "[" + strings.Repeat("=", n) + head + strings.Repeat(" ", max(width-n-len(head), 0)) + "]"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
