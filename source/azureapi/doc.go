// Package azureapi reads a live Azure estate, read-only, with the Azure SDK
// for Go, and adapts it with the same armjson adapter as exported files, so
// that a live scan and a scan of its export give the same verdicts by
// construction.
//
// The inventory comes from Azure Resource Graph in three queries per batch
// of subscriptions, paged with skip tokens: the resources table (clusters,
// registries, networks, NSGs, route tables, firewalls, application gateways,
// key vaults, disk encryption sets, storage accounts, workspaces and locks),
// the authorizationresources table (role assignments and definitions) and
// the securityresources table (Defender pricings). What Resource Graph does
// not hold, the diagnostic settings of clusters, registries and workspaces,
// is read through the ARM API with bounded concurrency.
//
// Every response is adapted from its raw JSON (captured from the SDK's
// pipeline), never from SDK structs, which drop properties they do not
// model. Throttling (429 with Retry-After) and server faults (5xx) are
// retried by azcore's retry policy, configured in DefaultRetry; each call is
// bounded by a timeout. A subscription or resource the identity may not read
// becomes an error diagnostic that names it and the permission it lacks,
// and the verdicts that depend on it become unknown; everything else is
// still read.
//
// aksguard never writes to Azure: the reader sends Resource Graph queries
// (POST, a read) and GET requests only, and turns off the SDK's automatic
// resource provider registration, the one write an ARM client may otherwise
// make on its own.
package azureapi
