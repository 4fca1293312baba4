// Package vulnreport reads image vulnerability reports (Trivy and Grype JSON)
// into the estate, for AKS-IMG-05.
package vulnreport

import (
	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// Read reads one Trivy or Grype JSON report. STUB.
func Read(name string, data []byte) source.Result {
	return source.Result{Estate: &estate.Estate{}}
}
