#!/usr/bin/env bash
# kube-test-assets.sh — build a real kube-apiserver and etcd from Go-module-proxy source, once,
# into a cache, for the integration tests under internal/kubetest (and anything using envtest).
# Adapted from the reference script in shared/kube-apiserver (see its NOTES.md for the research).
#
# Needs: bash, Go >= the "go" line of k8s.io/kubernetes' go.mod (1.26.0 for v1.37.x), access to
# the Go module proxy. Nothing else: no docker, no apt, no root, no download from any other host.
#
# Usage:   scripts/kube-test-assets.sh            # builds (or reuses) and prints the asset dir
#          eval "$(scripts/kube-test-assets.sh --env)"   # sets KUBEBUILDER_ASSETS in this shell
# Progress goes to stderr; stdout is only the asset dir (or the export line).
#
# Cost on a clean 2-core machine: about 13 min and 2.4 GB of RAM the first time; 0.1 s afterwards.
#
# Knobs (environment):
#   KUBE_VERSION        k8s.io/kubernetes version          (default v1.37.2, same minor as client-go)
#   KUBE_ETCD_VERSION   go.etcd.io/etcd/server/v3 version  (default v3.7.3)
#                       NB: never name such variables ETCD_*: etcd reads every ETCD_* env var as a flag.
#   KUBE_ETCD_SOURCE    "proxy" (build etcd from source, default) or "debian" (apt-get install
#                       etcd-server; 3.4.x on Debian 12, EOL upstream, needs root: a fallback only)
#   KUBE_ASSETS_CACHE   cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/kube-test-assets)
#   KEEP_BUILD_CACHE    1 = keep the ~3 GB private Go build cache after a successful build
#
# Result: $KUBE_ASSETS_CACHE/k8s-$KUBE_VERSION-etcd-$KUBE_ETCD_VERSION-$GOOS-$GOARCH/{kube-apiserver,etcd}
# The binaries are static (CGO_ENABLED=0), so the cache does not depend on the Go version.
set -euo pipefail

KUBE_VERSION=${KUBE_VERSION:-v1.37.2}
KUBE_ETCD_VERSION=${KUBE_ETCD_VERSION:-v3.7.3}
KUBE_ETCD_SOURCE=${KUBE_ETCD_SOURCE:-proxy}
KUBE_ASSETS_CACHE=${KUBE_ASSETS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-test-assets}
KEEP_BUILD_CACHE=${KEEP_BUILD_CACHE:-0}
PRINT_ENV=0
case "${1:-}" in
  --env) PRINT_ENV=1 ;;
  "") ;;
  *) echo "usage: $0 [--env]" >&2; exit 2 ;;
esac

log() { echo "[kube-test-assets] $*" >&2; }

command -v go >/dev/null || { log "go not found in PATH"; exit 1; }
case "$KUBE_ETCD_SOURCE" in proxy|debian) ;; *) log "KUBE_ETCD_SOURCE must be proxy or debian"; exit 2 ;; esac
GOOS=$(go env GOOS); GOARCH=$(go env GOARCH)
etcd_tag=$KUBE_ETCD_VERSION; [ "$KUBE_ETCD_SOURCE" = debian ] && etcd_tag=debian
DEST="$KUBE_ASSETS_CACHE/k8s-$KUBE_VERSION-etcd-$etcd_tag-$GOOS-$GOARCH"

done_msg() {
  if [ "$PRINT_ENV" = 1 ]; then printf "export KUBEBUILDER_ASSETS='%s'\n" "$DEST"; else echo "$DEST"; fi
}

have_all() {
  [ -f "$DEST/.complete" ] && [ -x "$DEST/kube-apiserver" ] && [ -x "$DEST/etcd" ] || return 1
  "$DEST/kube-apiserver" --version >/dev/null 2>&1 && "$DEST/etcd" --version >/dev/null 2>&1
}

mkdir -p "$KUBE_ASSETS_CACHE"
# Serialize concurrent callers on the same cache (parallel CI jobs): the second one waits and
# then finds the finished build instead of building twice.
if command -v flock >/dev/null; then
  exec 9>"$KUBE_ASSETS_CACHE/.lock"
  flock 9
fi

if have_all; then
  log "cached: $DEST"
  done_msg; exit 0
fi

START=$(date +%s)
WORK="$KUBE_ASSETS_CACHE/.work-$KUBE_VERSION-$etcd_tag"
mkdir -p "$WORK"
OUT="$WORK/out"; rm -rf "$OUT"; mkdir -p "$OUT"
# A private build cache: a kube-apiserver build fills ~3 GB that nothing else reuses. It is kept
# if the build fails, so a rerun resumes, and deleted after success unless KEEP_BUILD_CACHE=1.
export GOCACHE="$WORK/gocache"
export CGO_ENABLED=0
export GOFLAGS="-mod=mod -buildvcs=false"
export GOWORK=off   # never pick up a go.work of the caller
export GOOS GOARCH
cd "$WORK"          # run every go command outside the caller's module

# ---------------------------------------------------------------- resolve k8s.io/kubernetes
log "resolving k8s.io/kubernetes@$KUBE_VERSION on the module proxy"
KMOD=$(go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')
[ -f "$KMOD" ] || { log "could not download go.mod of k8s.io/kubernetes@$KUBE_VERSION"; exit 1; }
need_go=$(sed -n 's/^go \([0-9.]*\).*/\1/p' "$KMOD" | head -1)
have_go=$(go env GOVERSION | sed 's/^go//')
if [ "$(printf '%s\n%s\n' "$need_go" "$have_go" | sort -V | head -1)" != "$need_go" ]; then
  log "k8s.io/kubernetes@$KUBE_VERSION needs go >= $need_go, this is go $have_go."
  log "Pick an older KUBE_VERSION, or export GOTOOLCHAIN=go<newer> (served by the module proxy)."
  exit 1
fi

# ---------------------------------------------------------------- etcd (in the background)
# The apiserver build averages under one core (its link step and a few huge packages are
# serial), so etcd builds alongside it on the second core instead of after it.
build_etcd() {
  if [ "$KUBE_ETCD_SOURCE" = debian ]; then
    if ! command -v etcd >/dev/null; then
      # NB: on a box that boots systemd this also enables a system etcd on 127.0.0.1:2379;
      # the tests pick free ports, so it does not clash.
      log "installing Debian etcd-server"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null
    fi
    cp "$(command -v etcd)" "$OUT/etcd"
    return
  fi
  # etcd's main package is go.etcd.io/etcd/server/v3 (server/main.go); its go.mod has relative
  # replaces, so `go install ...@version` is refused: build it from a scratch module instead.
  local esrc="$WORK/etcd-src"
  rm -rf "$esrc"; mkdir -p "$esrc"
  printf 'module kubetestetcd\n\ngo %s\n\nrequire go.etcd.io/etcd/server/v3 %s\n' "$need_go" "$KUBE_ETCD_VERSION" > "$esrc/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "go.etcd.io/etcd/server/v3"\n' > "$esrc/tools.go"
  log "building etcd $KUBE_ETCD_VERSION"
  (cd "$esrc" && go mod tidy && go build -trimpath -ldflags "-s -w" -o "$OUT/etcd" go.etcd.io/etcd/server/v3)
  log "etcd built"
}
build_etcd > "$WORK/etcd-build.log" 2>&1 &
etcd_pid=$!
# If the apiserver build fails, do not leave the etcd build running behind.
trap 'kill "$etcd_pid" 2>/dev/null || true' EXIT

# ---------------------------------------------------------------- kube-apiserver
# Staging modules are required as v0.0.0 and replaced by ./staging/... in k8s.io/kubernetes'
# go.mod; a dependency's replace directives are ignored, so the scratch module maps each of
# them to its published tag (v1.37.2 -> v0.37.2).
STAGING_VERSION="v0.${KUBE_VERSION#v1.}"
STAGING=$(sed -n 's/^[[:space:]]*\(k8s\.io\/[A-Za-z0-9._-]*\) => \.\/staging\/.*/\1/p' "$KMOD")
[ -n "$STAGING" ] || { log "no staging replace block found in $KMOD"; exit 1; }

KSRC="$WORK/kube-src"; rm -rf "$KSRC"; mkdir -p "$KSRC"
{
  printf 'module kubetestassets\n\ngo %s\n\nrequire k8s.io/kubernetes %s\n\nreplace (\n' "$need_go" "$KUBE_VERSION"
  for m in $STAGING; do printf '\t%s => %s %s\n' "$m" "$m" "$STAGING_VERSION"; done
  echo ")"
} > "$KSRC/go.mod"
printf '//go:build tools\n\npackage tools\n\nimport _ "k8s.io/kubernetes/cmd/kube-apiserver"\n' > "$KSRC/tools.go"

# Without these the binary reports v0.0.0-master+$Format:%H$, which clients cannot parse.
minor=${KUBE_VERSION#v1.}; minor=${minor%%.*}
LDFLAGS="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  LDFLAGS="$LDFLAGS -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  LDFLAGS="$LDFLAGS -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done

log "resolving the scratch module (downloads ~700 MB of module sources when the module cache is cold)"
(cd "$KSRC" && go mod tidy)
log "building kube-apiserver $KUBE_VERSION (about 12 min on 2 cores when cold)"
(cd "$KSRC" && go build -trimpath -ldflags "$LDFLAGS" -o "$OUT/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver)

if ! wait "$etcd_pid"; then
  log "etcd build failed:"; tail -30 "$WORK/etcd-build.log" >&2; exit 1
fi
trap - EXIT

# ---------------------------------------------------------------- install into the cache
# No `| head` here: under pipefail, the SIGPIPE it may send etcd would fail the script.
"$OUT/kube-apiserver" --version >&2
etcd_version=$("$OUT/etcd" --version 2>&1)
echo "${etcd_version%%$'\n'*}" >&2
touch "$OUT/.complete"
rm -rf "$DEST.old"; if [ -d "$DEST" ]; then mv "$DEST" "$DEST.old"; fi
mv "$OUT" "$DEST"; rm -rf "$DEST.old"
if [ "$KEEP_BUILD_CACHE" != 1 ]; then rm -rf "$WORK"; fi
log "done in $(( $(date +%s) - START )) s: $DEST"
done_msg
