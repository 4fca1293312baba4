package webhook

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// ServerOptions configure a Server. Zero durations take the defaults.
type ServerOptions struct {
	// Addr is the TLS address of /validate, /healthz and /readyz (":8443").
	Addr string
	// MetricsAddr is the plain-HTTP address of /metrics, /healthz and
	// /readyz (":8080"); empty serves /metrics on Addr instead.
	MetricsAddr string
	// CertFile and KeyFile are the serving certificate (with its chain) and
	// key in PEM, reloaded when they change.
	CertFile, KeyFile string
	// CertPollInterval is how often the files are checked; default 10 s.
	CertPollInterval time.Duration
	// ShutdownDelay is how long /readyz reports not ready before the
	// server stops accepting connections, so that the endpoints controller
	// takes the pod out of the Service first; default 0.
	ShutdownDelay time.Duration
	// ShutdownTimeout bounds the wait for in-flight reviews; default 25 s.
	ShutdownTimeout time.Duration
	Logger          *slog.Logger
}

// Server serves the webhook over TLS (1.2 at least) and its metrics and
// probes over plain HTTP.
type Server struct {
	opts     ServerOptions
	rev      *Reviewer
	certs    *CertReloader
	metrics  *Metrics
	log      *slog.Logger
	tlsSrv   *http.Server
	plainSrv *http.Server
	ln, mln  net.Listener
	stopping atomic.Bool
}

// NewServer loads the certificate and prepares the HTTP servers.
func NewServer(opts ServerOptions, rev *Reviewer, m *Metrics) (*Server, error) {
	if opts.CertPollInterval <= 0 {
		opts.CertPollInterval = 10 * time.Second
	}
	if opts.ShutdownTimeout <= 0 {
		opts.ShutdownTimeout = 25 * time.Second
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	certs, err := NewCertReloader(opts.CertFile, opts.KeyFile, log, m)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, rev: rev, certs: certs, metrics: m, log: log}
	errLog := slog.NewLogLogger(log.Handler(), slog.LevelWarn) // TLS handshake failures and the like
	mux := http.NewServeMux()
	mux.Handle("/validate", rev)
	mux.HandleFunc("/healthz", s.healthz)
	mux.HandleFunc("/readyz", s.readyz)
	if opts.MetricsAddr == "" {
		mux.Handle("/metrics", m.Handler())
	}
	s.tlsSrv = &http.Server{
		Handler: mux,
		TLSConfig: &tls.Config{
			MinVersion:     tls.VersionTLS12,
			GetCertificate: certs.GetCertificate,
		},
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       90 * time.Second,
		ErrorLog:          errLog,
	}
	if opts.MetricsAddr != "" {
		pm := http.NewServeMux()
		pm.Handle("/metrics", m.Handler())
		pm.HandleFunc("/healthz", s.healthz)
		pm.HandleFunc("/readyz", s.readyz)
		s.plainSrv = &http.Server{Handler: pm, ReadHeaderTimeout: 10 * time.Second, ErrorLog: errLog}
	}
	return s, nil
}

// Certificates returns the certificate reloader, for tests and probes.
func (s *Server) Certificates() *CertReloader { return s.certs }

// Listen binds the addresses; Addr and MetricsAddr are known after it.
func (s *Server) Listen() error {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("webhook address: %w", err)
	}
	s.ln = ln
	if s.plainSrv != nil {
		mln, err := net.Listen("tcp", s.opts.MetricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("metrics address: %w", err)
		}
		s.mln = mln
	}
	return nil
}

// Addr is the bound TLS address.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// MetricsAddr is the bound metrics address, or "" when metrics share Addr.
func (s *Server) MetricsAddr() string {
	if s.mln == nil {
		return ""
	}
	return s.mln.Addr().String()
}

// Serve serves until ctx is done, then shuts down gracefully: /readyz turns
// to 503, after ShutdownDelay the listeners close, and reviews in flight
// finish within ShutdownTimeout. It calls Listen if it was not called.
func (s *Server) Serve(ctx context.Context) error {
	if s.ln == nil {
		if err := s.Listen(); err != nil {
			return err
		}
	}
	rctx, stopReload := context.WithCancel(context.Background())
	defer stopReload()
	go s.certs.Run(rctx, s.opts.CertPollInterval)

	errc := make(chan error, 2)
	go func() { errc <- s.tlsSrv.ServeTLS(s.ln, "", "") }()
	if s.plainSrv != nil {
		go func() { errc <- s.plainSrv.Serve(s.mln) }()
	}
	s.log.Info("webhook serving", "addr", s.Addr(), "metricsAddr", s.MetricsAddr())

	select {
	case err := <-errc:
		s.closeAll()
		return fmt.Errorf("webhook server: %w", err)
	case <-ctx.Done():
	}
	s.stopping.Store(true)
	s.log.Info("shutting down", "delay", s.opts.ShutdownDelay.String(), "timeout", s.opts.ShutdownTimeout.String())
	if s.opts.ShutdownDelay > 0 {
		time.Sleep(s.opts.ShutdownDelay)
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.opts.ShutdownTimeout)
	defer cancel()
	err := s.tlsSrv.Shutdown(sctx) // waits for the reviews in flight
	if s.plainSrv != nil {
		err = errors.Join(err, s.plainSrv.Shutdown(sctx))
	}
	if err != nil {
		s.closeAll()
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	s.log.Info("shut down")
	return nil
}

func (s *Server) closeAll() {
	_ = s.tlsSrv.Close()
	if s.plainSrv != nil {
		_ = s.plainSrv.Close()
	}
}

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	_, _ = w.Write([]byte("ok\n"))
}

// readyz is ready when the certificate is loaded, the cluster caches have
// synced and the server is not shutting down.
func (s *Server) readyz(w http.ResponseWriter, _ *http.Request) {
	switch {
	case s.stopping.Load():
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
	case !s.rev.Ready():
		http.Error(w, "network policy and namespace caches not synced", http.StatusServiceUnavailable)
	case s.certs.Certificate() == nil:
		http.Error(w, "no serving certificate", http.StatusServiceUnavailable)
	default:
		_, _ = w.Write([]byte("ok\n"))
	}
}
