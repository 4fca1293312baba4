#!/usr/bin/env bash
# webhook-load.sh — the admission webhook's load test: reviews at a fixed rate over TLS on
# loopback against the webhook running in a process of its own, then p50/p90/p99 latency,
# errors and the webhook's memory (internal/webhook/load_test.go, build tag "load"; it is not
# part of the default `go test` run).
#
# Usage:   scripts/webhook-load.sh                 # 1,000 reviews/s for 30 s, HTTP/2
#          AKSGUARD_LOAD_RATE=2000 AKSGUARD_LOAD_DURATION=10s scripts/webhook-load.sh
#          AKSGUARD_LOAD_HTTP2=0 scripts/webhook-load.sh    # HTTP/1.1 keep-alive connections
#
# It fails (exit 1) on any error or when p99 exceeds AKSGUARD_LOAD_P99 (default 5ms). Latency
# counts from when each request was due (open loop), so a machine busy with other work shows
# in the figures: run it on a quiet machine, and look at `uptime` beside the result.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec go test -tags load -run '^TestLoad$' -count=1 -v ./internal/webhook/
