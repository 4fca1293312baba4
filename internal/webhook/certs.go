package webhook

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// CertReloader serves the certificate and key of two files and reloads them
// when either file changes, without a restart: cert-manager renews the
// certificate in the Secret, the kubelet updates the mounted volume, and the
// next TLS handshake uses the new pair.
//
// It polls the files' metadata rather than watching them: a Secret volume
// is updated by swapping a symlink (..data) to a new directory, which file
// watches on the old paths do not see. os.Stat follows the symlink, so a swap
// shows as a different file (inode) even when times and sizes match.
type CertReloader struct {
	certFile, keyFile string
	log               *slog.Logger
	metrics           *Metrics

	cert atomic.Pointer[tls.Certificate]
	mu   sync.Mutex // serialises Reload
	seen [2]os.FileInfo
}

// NewCertReloader loads the pair once; it fails when the files cannot be read
// or do not form a valid pair, since the server cannot start without one.
func NewCertReloader(certFile, keyFile string, log *slog.Logger, m *Metrics) (*CertReloader, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if m == nil {
		m = NewMetrics()
	}
	c := &CertReloader{certFile: certFile, keyFile: keyFile, log: log, metrics: m}
	if _, err := c.Reload(); err != nil {
		return nil, err
	}
	return c, nil
}

// GetCertificate is tls.Config.GetCertificate: the pair loaded last.
func (c *CertReloader) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	return c.cert.Load(), nil
}

// Certificate returns the pair in use.
func (c *CertReloader) Certificate() *tls.Certificate { return c.cert.Load() }

// Reload loads the pair again if either file changed since the last load and
// reports whether it did. A pair that does not load (the certificate is new,
// the key not yet) keeps the previous one in use and is tried again on the
// next call.
func (c *CertReloader) Reload() (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var now [2]os.FileInfo
	for i, p := range []string{c.certFile, c.keyFile} {
		fi, err := os.Stat(p)
		if err != nil {
			return false, c.failed(fmt.Errorf("serving certificate: %w", err))
		}
		now[i] = fi
	}
	if c.cert.Load() != nil && same(c.seen[0], now[0]) && same(c.seen[1], now[1]) {
		return false, nil
	}
	pair, err := tls.LoadX509KeyPair(c.certFile, c.keyFile)
	if err != nil {
		return false, c.failed(fmt.Errorf("load serving certificate %s and key %s: %w", c.certFile, c.keyFile, err))
	}
	leaf, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		return false, c.failed(fmt.Errorf("parse serving certificate %s: %w", c.certFile, err))
	}
	pair.Leaf = leaf
	first := c.cert.Load() == nil
	c.cert.Store(&pair)
	c.seen = now
	c.metrics.certNotAfter.Set(float64(leaf.NotAfter.Unix()))
	if !first {
		c.metrics.certReloads.WithLabelValues("ok").Inc()
	}
	c.log.Info("serving certificate loaded", "file", c.certFile, "subject", leaf.Subject.String(),
		"notAfter", leaf.NotAfter.UTC().Format(time.RFC3339), "reload", !first)
	return true, nil
}

func (c *CertReloader) failed(err error) error {
	if c.cert.Load() != nil {
		c.metrics.certReloads.WithLabelValues("error").Inc()
		c.log.Warn("serving certificate not reloaded; keeping the one in use", "error", err.Error())
	}
	return err
}

// Run calls Reload every interval until ctx is done.
func (c *CertReloader) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_, _ = c.Reload() // failures are logged and counted
		}
	}
}

// same reports whether two stats describe the same, unchanged file.
func same(a, b os.FileInfo) bool {
	return a != nil && b != nil && os.SameFile(a, b) && a.ModTime().Equal(b.ModTime()) && a.Size() == b.Size()
}
