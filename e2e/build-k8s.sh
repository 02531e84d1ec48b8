#!/usr/bin/env bash
# Builds the real Kubernetes binaries the end-to-end control plane needs (kube-apiserver,
# kube-controller-manager, kubectl, all v1.37.2, and etcd v3.6) from Go modules, into a cache
# directory outside the repository, and prints that directory as the last line of stdout.
#
# A binary is rebuilt only when it is missing or its stamp file does not match the hash of the
# inputs it was built from (go.mod/go.sum, etcd/*, the flags below), so a warm run does nothing.
# Progress goes to stderr; stdout carries only the bin directory, so callers can do
#   BIN_DIR="$(e2e/build-k8s.sh)"
#
# A cold build compiles ~2,700 packages and takes tens of minutes on one core (see README.md).
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

K8S_VERSION="v1.37.2"
K8S_MAJOR="1"
K8S_MINOR="37"
MIN_GO_MAJOR=1
MIN_GO_MINOR=26
CACHE_ROOT="${METRICS_ADAPTER_CACHE:-$HOME/.cache/metrics-adapter}"
BIN_DIR="$CACHE_ROOT/k8s-$K8S_VERSION/bin"
# Parallelism of the Go compiler (go build -p). 1 keeps the build from starving other work on a
# 2-core machine; raise it when the machine is otherwise idle.
JOBS="${E2E_BUILD_JOBS:-1}"
# Bump when the way binaries are built changes, so old stamps stop matching.
RECIPE_VERSION=1

usage() {
  cat <<EOF
Usage: $(basename "$0") [--print-bin-dir] [--force] [--help]

Builds kube-apiserver, kube-controller-manager, kubectl ($K8S_VERSION) and etcd from Go modules
into
  $BIN_DIR
(\$METRICS_ADAPTER_CACHE overrides the cache root, default \$HOME/.cache/metrics-adapter), unless
they are already there and up to date. Progress is printed on stderr; the last line of stdout is
the bin directory.

Options:
  --print-bin-dir  print the bin directory and exit, without checking or building anything
  --force          rebuild every binary even if it is up to date
  --help           this text

Environment:
  METRICS_ADAPTER_CACHE  cache root (default \$HOME/.cache/metrics-adapter)
  E2E_BUILD_JOBS         go build -p value (default 1: leave the other core to other builds)

Needs Go >= $MIN_GO_MAJOR.$MIN_GO_MINOR on PATH and the Go module proxy (or a warm module cache).
EOF
}

log() { printf '[build-k8s] %s\n' "$*" >&2; }
die() { printf '[build-k8s] ERROR: %s\n' "$*" >&2; exit 1; }

# check_go: fails unless a Go toolchain >= MIN_GO_MAJOR.MIN_GO_MINOR is on PATH. GOTOOLCHAIN=local
# (set below) stops an older go from trying to download a newer toolchain, which cannot work here.
check_go() {
  command -v go >/dev/null 2>&1 ||
    die "no 'go' on PATH; install Go >= $MIN_GO_MAJOR.$MIN_GO_MINOR (k8s.io/kubernetes $K8S_VERSION needs it)"
  local v major minor
  v="$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || true)"
  if [[ "$v" =~ ^go([0-9]+)\.([0-9]+) ]]; then
    major="${BASH_REMATCH[1]}"
    minor="${BASH_REMATCH[2]}"
  else
    die "cannot tell the version of $(command -v go) (go env GOVERSION said '$v'); need Go >= $MIN_GO_MAJOR.$MIN_GO_MINOR"
  fi
  if ((major < MIN_GO_MAJOR || (major == MIN_GO_MAJOR && minor < MIN_GO_MINOR))); then
    die "$(command -v go) is $v; k8s.io/kubernetes $K8S_VERSION needs Go >= $MIN_GO_MAJOR.$MIN_GO_MINOR"
  fi
  GO_VERSION="$v"
}

# ldflags for the Kubernetes binaries: strip symbols, and stamp the version so /version and
# 'kubectl version' report v1.37.2 instead of v0.0.0-master.
k8s_ldflags() {
  local flags="-s -w" pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$K8S_MAJOR -X $pkg.gitMinor=$K8S_MINOR"
    flags+=" -X $pkg.gitTreeState=clean"
  done
  printf '%s' "$flags"
}

# inputs_hash NAME: hash of everything the binary NAME is built from, recorded in its stamp file.
inputs_hash() {
  local name=$1
  {
    echo "recipe=$RECIPE_VERSION name=$name"
    if [[ "$name" == etcd ]]; then
      cat "$E2E_DIR/etcd/go.mod" "$E2E_DIR/etcd/go.sum" "$E2E_DIR/etcd/main.go"
      echo "ldflags=-s -w"
    else
      cat "$E2E_DIR/go.mod" "$E2E_DIR/go.sum"
      echo "ldflags=$(k8s_ldflags)"
    fi
  } | sha256sum | cut -d' ' -f1
}

up_to_date() {
  local name=$1
  [[ -x "$BIN_DIR/$name" && -f "$BIN_DIR/.$name.stamp" ]] &&
    [[ "$(cat "$BIN_DIR/.$name.stamp")" == "$(inputs_hash "$name")" ]]
}

# heartbeat NAME START: prints a progress line every 30 s until killed, so a long build is
# visibly alive. It sleeps in 1 s steps so that, once killed, no stray sleep keeps the caller's
# stderr pipe open.
heartbeat() {
  local name=$1 start=$2 n=0
  while sleep 1; do
    if ((++n % 30 == 0)); then log "  ... still building $name ($((SECONDS - start)) s)"; fi
  done
}

# build_one NAME: builds NAME into a temp file next to its final place and renames it there
# (atomic within one directory), so an interrupted build never leaves a half-written binary.
build_one() {
  local name=$1 dir pkg ldflags start rc=0 size
  if [[ "$name" == etcd ]]; then
    dir="$E2E_DIR/etcd"
    pkg="."
    ldflags="-s -w"
  else
    dir="$E2E_DIR"
    pkg="k8s.io/kubernetes/cmd/$name"
    ldflags="$(k8s_ldflags)"
  fi
  TMP_OUT="$BIN_DIR/.$name.tmp.$$"
  start=$SECONDS
  log "building $name (go build -p $JOBS, $GO_VERSION) ..."
  heartbeat "$name" "$start" >&2 &
  HB_PID=$!
  (cd "$dir" && nice -n 19 go build -p "$JOBS" -mod=readonly -trimpath -ldflags "$ldflags" \
    -o "$TMP_OUT" "$pkg") >&2 || rc=$?
  stop_heartbeat
  ((rc == 0)) || die "go build of $name failed (exit $rc) after $((SECONDS - start)) s"
  mv -f "$TMP_OUT" "$BIN_DIR/$name"
  TMP_OUT=""
  inputs_hash "$name" >"$BIN_DIR/.$name.stamp"
  size="$(du -m "$BIN_DIR/$name" | cut -f1)"
  log "built $name in $((SECONDS - start)) s (${size} MiB)"
}

stop_heartbeat() {
  if [[ -n "${HB_PID:-}" ]]; then
    kill "$HB_PID" 2>/dev/null || true
    wait "$HB_PID" 2>/dev/null || true
    HB_PID=""
  fi
}

# cleanup: on any exit, stop the heartbeat (background jobs ignore Ctrl-C) and drop a partial
# binary.
cleanup() {
  stop_heartbeat
  if [[ -n "${TMP_OUT:-}" ]]; then rm -f "$TMP_OUT"; fi
}

main() {
  local force=0 arg
  for arg in "$@"; do
    case "$arg" in
      --print-bin-dir) echo "$BIN_DIR"; exit 0 ;;
      --force) force=1 ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; die "unknown argument: $arg" ;;
    esac
  done
  [[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || die "E2E_BUILD_JOBS must be a positive integer, got '$JOBS'"

  mkdir -p "$BIN_DIR"
  # One build at a time per cache: a second caller (e.g. another test run) waits for the first
  # and then finds everything up to date.
  exec 9>"$BIN_DIR/.lock"
  if ! flock -n 9; then
    log "another build holds $BIN_DIR/.lock; waiting for it ..."
    flock 9
  fi

  local names=(etcd kube-apiserver kube-controller-manager kubectl) todo=() name
  for name in "${names[@]}"; do
    if ((force)) || ! up_to_date "$name"; then todo+=("$name"); fi
  done

  if ((${#todo[@]} == 0)); then
    log "all binaries up to date in $BIN_DIR"
  else
    check_go
    export GOTOOLCHAIN=local
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    local total=$SECONDS
    log "to build: ${todo[*]} (cold builds take tens of minutes; see e2e/README.md)"
    for name in "${todo[@]}"; do build_one "$name"; done
    log "done in $((SECONDS - total)) s"
  fi
  echo "$BIN_DIR"
}

main "$@"
