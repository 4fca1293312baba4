// Package e2e holds end-to-end tests that run the whole pipeline (loader,
// adapters, link, the catalog) on real and example inputs: verdicts on the
// public corpus, and parity between the forms one estate can take.
package e2e
