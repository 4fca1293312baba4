// Command aksguard audits Azure Kubernetes Service estates against security
// best practices. See `aksguard --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/aksguard/aksguard/internal/cli"
	"github.com/aksguard/aksguard/internal/iostreams"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], iostreams.System())
	stop()
	os.Exit(code)
}
