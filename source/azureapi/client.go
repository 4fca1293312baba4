package azureapi

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/monitor/armmonitor"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resourcegraph/armresourcegraph"
)

// Clouds are the names --cloud accepts, with their configurations.
var Clouds = map[string]cloud.Configuration{
	"AzurePublic":       cloud.AzurePublic,
	"AzureChina":        cloud.AzureChina,
	"AzureUSGovernment": cloud.AzureGovernment,
}

// CloudNames lists the keys of Clouds in the order help texts show them.
var CloudNames = []string{"AzurePublic", "AzureChina", "AzureUSGovernment"}

// Cloud returns the configuration of a cloud named as in Clouds, matched
// case-insensitively.
func Cloud(name string) (cloud.Configuration, error) {
	for k, c := range Clouds {
		if strings.EqualFold(k, strings.TrimSpace(name)) {
			return c, nil
		}
	}
	return cloud.Configuration{}, fmt.Errorf("unknown cloud %q: want %s", name, strings.Join(CloudNames, ", "))
}

// DefaultRetry is the retry policy of every call: 429s wait as long as
// Retry-After says (azcore honours it, up to MaxRetryDelay), 408 and 5xx
// back off exponentially from RetryDelay, and a try that hangs is abandoned
// after TryTimeout and retried. The whole call, retries included, is also
// bounded by Options.CallTimeout.
var DefaultRetry = policy.RetryOptions{
	MaxRetries:    6,
	TryTimeout:    45 * time.Second,
	RetryDelay:    2 * time.Second,
	MaxRetryDelay: 90 * time.Second,
	StatusCodes: []int{
		http.StatusRequestTimeout,
		http.StatusTooManyRequests,
		http.StatusInternalServerError,
		http.StatusBadGateway,
		http.StatusServiceUnavailable,
		http.StatusGatewayTimeout,
	},
}

// Config says how to reach Azure.
type Config struct {
	// Credential authenticates the calls; see DefaultCredential.
	Credential azcore.TokenCredential
	// Cloud is the cloud to call; the zero value means AzurePublic.
	Cloud cloud.Configuration
	// Retry is the retry policy; the zero value means DefaultRetry.
	Retry policy.RetryOptions
	// Transport sends the requests; nil means azcore's default HTTP client.
	// Tests point it at a local server.
	Transport policy.Transporter
}

// DefaultCredential returns azidentity's DefaultAzureCredential for the
// cloud: environment variables, workload identity, managed identity, then
// the Azure CLI and Azure Developer CLI logins. tenant, when set, is the
// tenant to authenticate in.
func DefaultCredential(c cloud.Configuration, tenant string) (azcore.TokenCredential, error) {
	cred, err := azidentity.NewDefaultAzureCredential(&azidentity.DefaultAzureCredentialOptions{
		ClientOptions: azcore.ClientOptions{Cloud: c},
		TenantID:      tenant,
	})
	if err != nil {
		return nil, fmt.Errorf("set up Azure credentials: %w", err)
	}
	return cred, nil
}

// Reader reads live estates. It is safe for one Read at a time.
type Reader struct {
	graph    *armresourcegraph.Client
	settings *armmonitor.DiagnosticSettingsClient
}

// NewReader returns a reader with SDK clients configured by cfg.
func NewReader(cfg Config) (*Reader, error) {
	if cfg.Credential == nil {
		return nil, fmt.Errorf("azure reader: no credential")
	}
	retry := cfg.Retry
	if retry.MaxRetries == 0 && retry.RetryDelay == 0 && retry.StatusCodes == nil {
		retry = DefaultRetry
	}
	c := cfg.Cloud
	if c.Services == nil {
		c = cloud.AzurePublic
	}
	opts := &arm.ClientOptions{
		ClientOptions: policy.ClientOptions{
			Cloud:     c,
			Retry:     retry,
			Transport: cfg.Transport,
			Telemetry: policy.TelemetryOptions{ApplicationID: "aksguard"},
		},
		// Registering a resource provider is a write to the subscription;
		// a read-only audit never does it.
		DisableRPRegistration: true,
	}
	graph, err := armresourcegraph.NewClient(cfg.Credential, opts)
	if err != nil {
		return nil, fmt.Errorf("create Resource Graph client: %w", err)
	}
	settings, err := armmonitor.NewDiagnosticSettingsClient(cfg.Credential, opts)
	if err != nil {
		return nil, fmt.Errorf("create diagnostic settings client: %w", err)
	}
	return &Reader{graph: graph, settings: settings}, nil
}
