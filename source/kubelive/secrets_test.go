package kubelive

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TestManifestKeys: the keys a Secret ships in code are read from the field
// names of its managed fields, for the tools that apply code only.
func TestManifestKeys(t *testing.T) {
	entry := func(manager, fields string) metav1.ManagedFieldsEntry {
		return metav1.ManagedFieldsEntry{Manager: manager, FieldsType: "FieldsV1", FieldsV1: metav1.NewFieldsV1(fields)}
	}
	tests := []struct {
		name   string
		fields []metav1.ManagedFieldsEntry
		want   []string
	}{
		{"client-side apply", []metav1.ManagedFieldsEntry{
			entry("kubectl-client-side-apply", `{"f:data":{".":{},"f:password":{},"f:user":{}},"f:type":{}}`),
		}, []string{"password", "user"}},
		{"server-side apply, stringData", []metav1.ManagedFieldsEntry{
			entry("kubectl", `{"f:stringData":{"f:token":{}}}`),
		}, []string{"token"}},
		{"helm and a controller", []metav1.ManagedFieldsEntry{
			entry("helm", `{"f:data":{"f:a":{}}}`),
			entry("secrets-store-csi-driver", `{"f:data":{"f:b":{}}}`),
		}, []string{"a"}},
		{"terraform, any case", []metav1.ManagedFieldsEntry{
			entry("Terraform", `{"f:data":{"f:z":{}, "f:a":{}}}`),
		}, []string{"a", "z"}},
		{"controllers only", []metav1.ManagedFieldsEntry{
			entry("cert-manager-certificates-issuing", `{"f:data":{"f:tls.crt":{},"f:tls.key":{}}}`),
			entry("external-secrets", `{"f:data":{"f:x":{}}}`),
		}, nil},
		{"labels only", []metav1.ManagedFieldsEntry{
			entry("kubectl-label", `{"f:metadata":{"f:labels":{"f:app":{}}}}`),
		}, nil},
		{"malformed", []metav1.ManagedFieldsEntry{
			entry("kubectl", `{"f:data":[1]}`), entry("kubectl", `not json`), {Manager: "kubectl"},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, manifestKeys(tt.fields)); diff != "" {
				t.Errorf("manifestKeys (-want +got):\n%s", diff)
			}
		})
	}
}
