package kubelive

import (
	"context"
	"encoding/json"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// secretFieldSelector leaves out, on the server, the Secrets no rule
// audits: service account tokens (the cluster fills them in) and Helm's
// release records. The metadata API does not return a Secret's type, so
// this is the only place it can be used.
const secretFieldSelector = "type!=kubernetes.io/service-account-token,type!=helm.sh/release.v1"

// secrets reads the Secrets through the metadata-only API: the server
// sends names, labels, annotations and managed fields, never data. Which
// keys a Secret holds, and who wrote them, comes from its managed fields
// (field names, no values); see manifestKeys.
func (s *scan) secrets(ctx context.Context) error {
	ns := s.namespace()
	what := "list secrets (metadata only)"
	if ns != "" {
		what += " in namespace " + ns
	}
	client := s.r.meta.Resource(corev1.SchemeGroupVersion.WithResource("secrets")).Namespace(ns)
	err := s.pages(ctx, "Secret", s.opts.PageSize, func(ctx context.Context, o metav1.ListOptions) (runtime.Object, error) {
		o.FieldSelector = secretFieldSelector
		return client.List(ctx, o)
	}, func(obj runtime.Object) {
		pm, ok := obj.(*metav1.PartialObjectMetadata)
		if !ok {
			return
		}
		sec := &corev1.Secret{ObjectMeta: pm.ObjectMeta}
		if keys := manifestKeys(pm.ManagedFields); len(keys) > 0 {
			// Keys with no values: the adapter records key names only, and
			// aksguard never learns a value.
			sec.Data = make(map[string][]byte, len(keys))
			for _, k := range keys {
				sec.Data[k] = nil
			}
		}
		s.add("Secret", sec)
	})
	if err != nil {
		return s.failed(err, "Secret", what)
	}
	return nil
}

// manifestTools are the field managers of tools that write objects from
// manifests, charts or infrastructure code, matched as prefixes:
// kubectl (apply, client-side apply, create, edit, replace), Helm, Argo CD,
// Flux, Terraform and Pulumi. A Secret whose data keys one of them wrote
// ships its values in code, which AKS-IAM-08 fails, as it fails the same
// Secret in a manifest file. Data written by controllers (the Key Vault
// secrets provider's sync, cert-manager, External Secrets) is the pattern
// the rule recommends and is not counted.
var manifestTools = []string{
	"kubectl", "helm", "argocd", "kustomize-controller", "helm-controller",
	"terraform", "hashicorp", "pulumi",
}

func isManifestTool(manager string) bool {
	m := strings.ToLower(manager)
	for _, t := range manifestTools {
		if strings.HasPrefix(m, t) {
			return true
		}
	}
	return false
}

// manifestKeys returns the data and stringData keys that manifest tools
// wrote, sorted, read from the managed fields: {"f:data":{"f:password":{}}}
// names a key and never holds its value.
func manifestKeys(fields []metav1.ManagedFieldsEntry) []string {
	seen := map[string]bool{}
	var keys []string
	for _, f := range fields {
		if f.FieldsV1 == nil || !isManifestTool(f.Manager) {
			continue
		}
		var set map[string]json.RawMessage
		if json.Unmarshal(f.FieldsV1.GetRawBytes(), &set) != nil {
			continue
		}
		for _, field := range []string{"f:data", "f:stringData"} {
			var members map[string]json.RawMessage
			if json.Unmarshal(set[field], &members) != nil {
				continue
			}
			for k := range members {
				name, ok := strings.CutPrefix(k, "f:")
				if ok && !seen[name] {
					seen[name] = true
					keys = append(keys, name)
				}
			}
		}
	}
	sort.Strings(keys)
	return keys
}
