// Command aksguard audits Azure Kubernetes Service estates against security
// best practices. See `aksguard --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/aksguard/aksguard/internal/cli"
	"github.com/aksguard/aksguard/internal/iostreams"
)

func main() {
	tuneMemory()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], iostreams.System())
	stop()
	os.Exit(code)
}

// A scan holds the whole estate and then all its findings (a tree of 5,000
// Terraform environments: about 160 MiB live at the peak), while reading
// allocates many times that in short-lived syntax trees. Go's default lets
// the heap grow to twice what is live before collecting, so such a scan
// would peak near 400 MB, and collect often while the estate is small.
// Instead the collector runs less often (GOGC 200) but keeps the heap near
// a soft limit of 220 MiB; a larger estate still fits, the collector then
// working harder. GOGC and GOMEMLIMIT in the environment win, as in any Go
// program.
const (
	gcPercent   = 200
	memoryLimit = 220 << 20
)

func tuneMemory() {
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(gcPercent)
	}
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		debug.SetMemoryLimit(memoryLimit)
	}
}
