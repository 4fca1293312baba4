// Package kubetest runs a real kube-apiserver and etcd on 127.0.0.1 for
// integration tests, without envtest, docker or a network: it generates the
// certificates with crypto/x509, executes the two binaries on free ports,
// waits for /readyz and hands out an admin *rest.Config and kubeconfig.
//
// # The binaries
//
// scripts/kube-test-assets.sh builds kube-apiserver v1.37.2 and etcd
// v3.7.3 from the Go module proxy once (about 13 minutes on 2 cores) into
// ~/.cache/kube-test-assets/... and prints the directory. Assets finds them
// through KUBEBUILDER_ASSETS (the directory, as envtest reads it),
// TEST_ASSET_KUBE_APISERVER and TEST_ASSET_ETCD, or that default cache
// directory. Without them a test is skipped, except when CI=true, where it
// fails: a green CI always means the tests against the API server ran.
//
// # Why not envtest
//
// controller-runtime's envtest does the same, but importing it costs about
// 4-5 minutes of cold compile in CI (and more under -race) and a large
// module graph, for about 300 lines of code here. The flags are envtest's,
// plus --advertise-address=127.0.0.1 and --endpoint-reconciler-type=none,
// which let the API server start on a machine whose only interface is the
// loopback.
//
// # Use
//
// One server per test package keeps CI time down (a start is 3-4 s, a
// stop about 1 s, and each server takes about 330 MB):
//
//	func TestMain(m *testing.M) { os.Exit(kubetest.Main(m)) }
//
//	func TestSomething(t *testing.T) {
//		srv := kubetest.Shared(t)        // started on first use; skips without the binaries
//		cs := srv.Client(t)              // admin *kubernetes.Clientset
//		ns := srv.Namespace(t, nil)      // a fresh namespace for this test
//		_ = srv.Config                   // admin *rest.Config (rest.CopyConfig before changing it)
//		_ = srv.KubeconfigPath           // the same credentials as a kubeconfig file, context "kubetest"
//		...
//	}
//
// Tests share the server's state, so each works in namespaces of its own.
// Start and Stop run a private server (for a test that needs other
// API server flags, through Options.APIServerArgs).
//
// # Admission webhooks
//
// The API server runs on the host and reaches a webhook served by the test
// on loopback. Issue the webhook's serving certificate from a CA (NewCA,
// CA.Serving; or use httptest.NewTLSServer, whose certificate is valid for
// 127.0.0.1) and register it with the CA certificate as caBundle:
//
//	ca, _ := kubetest.NewCA("webhook-ca")
//	certPEM, keyPEM, _ := ca.Serving("127.0.0.1")   // write to files to test reloading
//	// ... serve https://127.0.0.1:<port>/validate with tls.X509KeyPair(certPEM, keyPEM)
//	url := "https://127.0.0.1:" + port + "/validate"
//	fail, none := admissionregistrationv1.Fail, admissionregistrationv1.SideEffectClassNone
//	_, err := cs.AdmissionregistrationV1().ValidatingWebhookConfigurations().Create(ctx,
//		&admissionregistrationv1.ValidatingWebhookConfiguration{
//			ObjectMeta: metav1.ObjectMeta{Name: "aksguard"},
//			Webhooks: []admissionregistrationv1.ValidatingWebhook{{
//				Name:                    "workloads.aksguard.io",
//				ClientConfig:            admissionregistrationv1.WebhookClientConfig{URL: &url, CABundle: ca.CertPEM},
//				Rules:                   []admissionregistrationv1.RuleWithOperations{...},
//				NamespaceSelector:       &metav1.LabelSelector{MatchLabels: map[string]string{"test": ns}},
//				FailurePolicy:           &fail,
//				SideEffects:             &none,
//				AdmissionReviewVersions: []string{"v1"},
//			}},
//		}, metav1.CreateOptions{})
//
// Registrations are cluster-wide and the server is shared, so scope each
// test's webhook to its own namespaces (a namespaceSelector on a label the
// test sets through Namespace's labels) and delete it at the end. The API
// server picks a new configuration up asynchronously, within a second or
// so: retry the first request that expects the webhook's answer until it
// arrives (Eventually does that).
//
// Admission warnings (a webhook's warn mode) reach a client through its
// rest.WarningHandler: set one on a copy of Config to collect them.
//
// Nothing runs pods: they stay Pending, Deployments create no ReplicaSets,
// deleted namespaces stay Terminating, and there is no default service
// account (the ServiceAccount admission plugin is off, as in envtest).
package kubetest
