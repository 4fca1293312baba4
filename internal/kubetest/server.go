package kubetest

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// Names in the kubeconfig the server writes.
const (
	ClusterName = "kubetest"
	UserName    = "admin"
	ContextName = "kubetest"
)

// Options tune Start. The zero value is what most tests want.
type Options struct {
	// APIServerArgs are extra kube-apiserver flags ("--feature-gates=...")
	// appended after the defaults, so they win over them.
	APIServerArgs []string
	// StartTimeout bounds the wait for /readyz; 0 means a minute (a start
	// takes 3-4 s, more on a loaded CI machine).
	StartTimeout time.Duration
}

// Server is an etcd and a kube-apiserver running on 127.0.0.1 with
// throwaway certificates. It has no scheduler, controller manager or
// kubelet: objects are stored and validated, admission webhooks are called,
// but pods stay Pending and nothing reconciles (no garbage collection, a
// deleted namespace stays Terminating).
type Server struct {
	// URL is the API server's address, https://127.0.0.1:<port>.
	URL string
	// Config is an admin client configuration (a client certificate in the
	// group system:masters). Copy it with rest.CopyConfig before changing it.
	Config *rest.Config
	// KubeconfigPath is a kubeconfig file with the same credentials,
	// embedded, under the context ContextName (the current context).
	KubeconfigPath string
	// CA issued the API server's serving certificate and the admin client
	// certificate; tests may issue more from it.
	CA *CA
	// Dir holds the certificates, the logs and the etcd data; Stop
	// removes it.
	Dir string

	etcd, apiserver *process
}

// process is a child process and the outcome of its Wait.
type process struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan struct{}
	err  error
}

func startProcess(name, bin, dir string, args, env []string) (*process, error) {
	logPath := filepath.Join(dir, name+".log")
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr, cmd.Env = logf, logf, env
	// Killed with the test binary even when it dies without running Stop
	// (a panic, a timeout, Ctrl-C), so no stray server keeps ports and memory.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &process{name: name, cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		logf.Close()
		close(p.done)
	}()
	return p, nil
}

// stop sends SIGTERM, then SIGKILL after grace.
func (p *process) stop(grace time.Duration) {
	if p == nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// tail returns the last lines of the process's log, for error messages.
func (p *process) tail() string {
	data, err := os.ReadFile(p.log)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > 15 {
		lines = lines[len(lines)-15:]
	}
	return strings.Join(lines, "\n")
}

// Start starts etcd and kube-apiserver on free loopback ports and waits
// until the API server is ready. The binaries come from Assets. Call Stop
// when done.
func Start(ctx context.Context, opts Options) (*Server, error) {
	apiserverBin, etcdBin, err := Assets()
	if err != nil {
		return nil, err
	}
	if opts.StartTimeout <= 0 {
		opts.StartTimeout = time.Minute
	}
	dir, err := os.MkdirTemp("", "kubetest-")
	if err != nil {
		return nil, err
	}
	s := &Server{Dir: dir}
	if err := s.start(ctx, apiserverBin, etcdBin, opts); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Server) start(ctx context.Context, apiserverBin, etcdBin string, opts Options) error {
	ports, err := freePorts(3)
	if err != nil {
		return err
	}
	etcdPort, peerPort, apiPort := ports[0], ports[1], ports[2]
	files, err := s.writeCerts()
	if err != nil {
		return err
	}

	etcdURL := "http://127.0.0.1:" + strconv.Itoa(etcdPort)
	peerURL := "http://127.0.0.1:" + strconv.Itoa(peerPort)
	etcdArgs := []string{
		"--name=kubetest", "--data-dir=" + filepath.Join(s.Dir, "etcd"),
		"--listen-client-urls=" + etcdURL, "--advertise-client-urls=" + etcdURL,
		"--listen-peer-urls=" + peerURL, "--initial-advertise-peer-urls=" + peerURL,
		"--initial-cluster=kubetest=" + peerURL,
	}
	if supportsFlag(etcdBin, "--unsafe-no-fsync") { // etcd >= 3.5: test data need not survive a crash
		etcdArgs = append(etcdArgs, "--unsafe-no-fsync")
	}
	if s.etcd, err = startProcess("etcd", etcdBin, s.Dir, etcdArgs, etcdEnv()); err != nil {
		return err
	}

	s.URL = "https://127.0.0.1:" + strconv.Itoa(apiPort)
	args := []string{
		"--etcd-servers=" + etcdURL,
		"--bind-address=127.0.0.1", "--secure-port=" + strconv.Itoa(apiPort),
		// 127.0.0.1 as advertise address is refused by the default endpoint
		// reconciler; without it the API server needs a non-loopback interface.
		"--advertise-address=127.0.0.1", "--endpoint-reconciler-type=none",
		"--cert-dir=" + s.Dir,
		"--tls-cert-file=" + files["serving.crt"], "--tls-private-key-file=" + files["serving.key"],
		"--client-ca-file=" + files["ca.crt"],
		"--service-account-issuer=" + s.URL,
		"--service-account-key-file=" + files["sa.pub"], "--service-account-signing-key-file=" + files["sa.key"],
		"--service-cluster-ip-range=10.0.0.0/24", "--allow-privileged=true",
		"--authorization-mode=RBAC",
		// No controller manager creates service accounts, so the admission
		// plugin that demands them would reject every pod.
		"--disable-admission-plugins=ServiceAccount",
	}
	args = append(args, opts.APIServerArgs...)
	if s.apiserver, err = startProcess("kube-apiserver", apiserverBin, s.Dir, args, os.Environ()); err != nil {
		return err
	}

	if err := s.buildConfig(files); err != nil {
		return err
	}
	return s.waitReady(ctx, opts.StartTimeout)
}

// writeCerts makes the CA, the serving and admin certificates and the
// service account keys, and writes what the API server reads.
func (s *Server) writeCerts() (map[string]string, error) {
	ca, err := NewCA("kubetest-ca")
	if err != nil {
		return nil, err
	}
	s.CA = ca
	srvCert, srvKey, err := ca.Serving("127.0.0.1", "localhost")
	if err != nil {
		return nil, err
	}
	saPub, saKey, err := serviceAccountKeys()
	if err != nil {
		return nil, err
	}
	files := map[string]string{}
	for name, data := range map[string][]byte{
		"ca.crt": ca.CertPEM, "serving.crt": srvCert, "serving.key": srvKey, "sa.pub": saPub, "sa.key": saKey,
	} {
		p := filepath.Join(s.Dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			return nil, err
		}
		files[name] = p
	}
	return files, nil
}

// buildConfig makes the admin client configuration and kubeconfig file.
func (s *Server) buildConfig(files map[string]string) error {
	cert, key, err := s.CA.Client("admin", "system:masters")
	if err != nil {
		return err
	}
	s.Config = &rest.Config{
		Host: s.URL,
		TLSClientConfig: rest.TLSClientConfig{
			CAData: s.CA.CertPEM, CertData: cert, KeyData: key,
		},
		// Tests create objects in bursts; the client's default 5 requests a
		// second would make them wait for nothing.
		QPS: 1000, Burst: 1000,
	}
	s.KubeconfigPath = filepath.Join(s.Dir, "kubeconfig")
	return clientcmd.WriteToFile(*s.Kubeconfig(), s.KubeconfigPath)
}

// Kubeconfig returns a kubeconfig with the admin credentials embedded: the
// cluster ClusterName, the user UserName and the current context
// ContextName. Tests add contexts to it and write it with
// clientcmd.WriteToFile.
func (s *Server) Kubeconfig() *clientcmdapi.Config {
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters[ClusterName] = &clientcmdapi.Cluster{Server: s.URL, CertificateAuthorityData: s.CA.CertPEM}
	cfg.AuthInfos[UserName] = &clientcmdapi.AuthInfo{
		ClientCertificateData: s.Config.CertData, ClientKeyData: s.Config.KeyData,
	}
	cfg.Contexts[ContextName] = &clientcmdapi.Context{Cluster: ClusterName, AuthInfo: UserName}
	cfg.CurrentContext = ContextName
	return cfg
}

// Clientset returns a typed client with the admin credentials.
func (s *Server) Clientset() (*kubernetes.Clientset, error) {
	return kubernetes.NewForConfig(s.Config)
}

// waitReady polls /readyz, then waits for the "default" namespace, which
// the API server creates just after it reports ready.
func (s *Server) waitReady(ctx context.Context, timeout time.Duration) error {
	tlsCfg, err := rest.TLSConfigFor(s.Config)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: tlsCfg}, Timeout: 5 * time.Second}
	defer client.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var last string
	for _, path := range []string{"/readyz", "/api/v1/namespaces/default"} {
		for {
			for _, p := range []*process{s.etcd, s.apiserver} {
				if p.exited() {
					return fmt.Errorf("%s exited (%v) before the API server was ready:\n%s", p.name, p.err, p.tail())
				}
			}
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+path, nil)
			resp, err := client.Do(req)
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
				last = resp.Status
			} else {
				last = err.Error()
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("kube-apiserver not ready after %s (GET %s: %s):\n%s", timeout, path, last, s.apiserver.tail())
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
	return nil
}

// Stop stops the API server, then etcd (in that order: an API server whose
// etcd is gone retries for half a minute before it exits), and removes Dir.
// It may be called more than once.
func (s *Server) Stop() {
	s.apiserver.stop(15 * time.Second)
	s.etcd.stop(5 * time.Second)
	s.apiserver, s.etcd = nil, nil
	if s.Dir != "" && os.Getenv("KUBETEST_KEEP") == "" {
		os.RemoveAll(s.Dir)
	}
}

// freePorts returns n distinct loopback ports that were free a moment ago.
func freePorts(n int) ([]int, error) {
	var ports []int
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// supportsFlag reports whether bin --help mentions flag.
func supportsFlag(bin, flag string) bool {
	out, _ := exec.Command(bin, "--help").CombinedOutput()
	return bytes.Contains(out, []byte(flag))
}

// etcdEnv is the environment without ETCD_* variables: etcd reads each as a
// flag, and a stray one (ETCD_DATA_DIR in a CI image) would override ours.
func etcdEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ETCD_") {
			env = append(env, kv)
		}
	}
	return env
}

// CertPool returns a pool holding the CA certificate.
func (ca *CA) CertPool() *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca.CertPEM)
	return pool
}

// TLSConfig returns a client TLS configuration with the admin credentials,
// for raw HTTP requests to the API server.
func (s *Server) TLSConfig() (*tls.Config, error) {
	return rest.TLSConfigFor(s.Config)
}
