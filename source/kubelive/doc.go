// Package kubelive reads a live Kubernetes cluster, read-only, through its
// API server with client-go, and adapts every object with kube.AdaptObject,
// the adapter of manifest files: a Deployment in the cluster and the same
// Deployment in a file get the same verdicts by construction.
//
// # What is read
//
// Namespaces; every kind with a pod template (Deployment, CronJob,
// ReplicaSet, Job, StatefulSet, DaemonSet, ReplicationController, Pod);
// NetworkPolicies, Ingresses and Services; ConfigMaps with their data (the
// ingress-nginx controller's ssl-protocols setting is there); and Secrets'
// metadata only. Lists are paged (Options.PageSize, 500 by default; config
// maps 100 at most, as each may hold 1 MiB), and a continue token that
// expires mid-list restarts that list once.
//
// # Secrets
//
// Secrets are listed through the metadata-only API
// (k8s.io/client-go/metadata, PartialObjectMetadataList): the API server
// never sends their data or stringData, so no value can reach the estate
// or the report. Which data keys a Secret holds, and who wrote them,
// comes from its managed fields, which name fields and never hold values.
// Keys written by a tool that applies code (kubectl, Helm, Argo CD, Flux,
// Terraform, Pulumi: see manifestTools) count as literal data shipped in a
// manifest, which AKS-IAM-08 fails exactly as it fails that manifest; keys
// synced by controllers (the Key Vault secrets provider, cert-manager,
// External Secrets) do not. The metadata API does not return a Secret's
// type: service account tokens and Helm release records, which the rule
// exempts, are left out by a field selector on the server, and the other
// Secrets are adapted with the API's default type, Opaque. One piece of
// metadata can hold values: the kubectl.kubernetes.io/last-applied-configuration
// annotation of a Secret applied with client-side kubectl apply. It is
// dropped from every object before the object is adapted.
//
// # Owned objects
//
// An object controlled (ownerReferences with controller: true) by another
// object of the same scan is not audited: a Deployment's ReplicaSets, a
// CronJob's Jobs, and the Pods of a ReplicaSet, Job, StatefulSet, DaemonSet
// or ReplicationController. Their pod template is their owner's, so each
// would repeat the owner's findings under another name, once per replica.
// Pods with ephemeral containers (kubectl debug) are kept, since those
// containers are in no template; an object whose owner was not listed (a
// bare ReplicaSet, a Pod of a custom controller, a mirror pod) is audited
// itself. Stats.Skipped counts the objects left out.
//
// # Errors
//
// A kind the credentials may not list is an error diagnostic naming it and
// the permission to grant, and the scan goes on with the other kinds; an
// API the server does not serve is a warning. Read fails only when the
// cluster cannot be read at all: unreachable, credentials refused, or the
// namespace asked for does not exist.
package kubelive
