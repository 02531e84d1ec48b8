#!/usr/bin/env bash
# Local demo of metrics-adapter, in one of two modes:
#
# Kubernetes mode (when a Go >= 1.26 toolchain is on PATH or the binaries are cached; --kubernetes
# forces it): a real Kubernetes v1.37.2 control plane on loopback (e2e/cluster.sh: etcd,
# kube-apiserver with the aggregation layer, kube-controller-manager with the real HPA
# controller), the project's manifests applied, the adapter serving them as an aggregated API, and
# manifests/demo (Deployment, Service, HPA) whose pods run as local processes. A load ramps up
# through the pods as they come and go, and every 5 s a line shows the per-pod values the adapter
# serves, the HPA's current/target value and replicas=N from the Deployment, with the HPA's events.
# The first run builds the Kubernetes binaries from Go modules (10-18 minutes on 2 cores).
#
# Standalone mode (--standalone, or when Kubernetes mode cannot run): starts a real Prometheus, three demo-app instances scraped as pods demo-app-1..3 of namespace
# "demo" (static targets with namespace/pod/service/app labels, as Kubernetes service discovery
# would add them), the adapter in standalone mode (--kubeconfig=none) with rules/, and a load
# generator that ramps up and back down. Every few seconds it prints the per-pod
# http_requests_per_second served by the adapter (through kubectl get --raw, or curl) and the
# replica count an HPA with target AverageValue 10 would want.
#
# Everything listens on 127.0.0.1 on free ports; all data lives in one temp dir. Ctrl-C (or the
# end of --duration) stops every process it started and removes the temp dir.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

ADAPTER_JAR="adapter/target/metrics-adapter.jar"
DEMO_JAR="demo-app/target/demo-app.jar"
NAMESPACE="demo"
PODS=(demo-app-1 demo-app-2 demo-app-3)
METRIC="http_requests_per_second"
METRIC_PATH="/apis/custom.metrics.k8s.io/v1beta2/namespaces/${NAMESPACE}/pods/*/${METRIC}"
# The HPA the demo shows (see manifests/): Pods metric, target AverageValue "10", 1..10 replicas.
HPA_TARGET=10
HPA_CURRENT=3
HPA_MIN=1
HPA_MAX=10
HPA_TOLERANCE=0.1
TICK_SECONDS="${DEMO_TICK_SECONDS:-5}"

duration_s=120
peak_rps=90
build=1
mode=auto
duration_given=0
peak_given=0

usage() {
  cat <<EOF
Usage: ./demo.sh [--kubernetes|--standalone] [--duration 120s] [--peak-rps 90] [--no-build]

Runs the metrics-adapter demo locally: Prometheus, three demo-app pods (namespace "demo"), the
adapter (standalone), and a load that ramps up and back down; prints the per-pod
${METRIC} served by the adapter and the replicas an HPA (target ${HPA_TARGET}/pod) would want.

  --duration D   how long the load runs: Ns, Nm or N seconds (default 120s)
  --peak-rps N   highest total request rate (default 90 over three pods; 50 in Kubernetes mode)
  --no-build     use the existing jars instead of running ./mvnw package
  --kubernetes   a real control plane and HPA (default when Go >= 1.26 or the binaries are cached;
                 the first run builds them: 10-18 minutes); the load runs --duration (default
                 100s there), then the demo waits for the scale-down
  --standalone   no Kubernetes: three fixed pods and the replicas an HPA would want
  -h, --help     this text

Needs a JDK 17+, curl and Prometheus (Debian: apt-get install prometheus); uses kubectl and
python3 (or jq) when present. Ctrl-C stops everything it started.
EOF
}

die() {
  echo "demo.sh: $*" >&2
  exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

# Seconds from "90s", "2m", "1m30s" or "90".
parse_duration() {
  local text=$1 total=0
  if [[ $text =~ ^[0-9]+$ ]]; then
    echo "$text"
    return 0
  fi
  [[ $text =~ ^([0-9]+m)?([0-9]+s)?$ && -n $text ]] || return 1
  if [[ -n ${BASH_REMATCH[1]} ]]; then total=$((total + 60 * ${BASH_REMATCH[1]%m})); fi
  if [[ -n ${BASH_REMATCH[2]} ]]; then total=$((total + ${BASH_REMATCH[2]%s})); fi
  echo "$total"
}

# awk functions shared by the table and the self-test: Kubernetes Quantity strings and the HPA's
# replica calculation (pkg/controller/podautoscaler/replica_calculator.go).
AWK_LIB='
function quantity(q,    num, suffix, m) {
  if (!match(q, /^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?/)) return "nan"
  num = substr(q, 1, RLENGTH) + 0
  suffix = substr(q, RLENGTH + 1)
  if (suffix == "") m = 1
  else if (suffix == "n") m = 1e-9
  else if (suffix == "u") m = 1e-6
  else if (suffix == "m") m = 1e-3
  else if (suffix == "k") m = 1e3
  else if (suffix == "M") m = 1e6
  else if (suffix == "G") m = 1e9
  else if (suffix == "T") m = 1e12
  else if (suffix == "P") m = 1e15
  else if (suffix == "E") m = 1e18
  else if (suffix == "Ki") m = 1024
  else if (suffix == "Mi") m = 1024 ^ 2
  else if (suffix == "Gi") m = 1024 ^ 3
  else if (suffix == "Ti") m = 1024 ^ 4
  else if (suffix == "Pi") m = 1024 ^ 5
  else if (suffix == "Ei") m = 1024 ^ 6
  else return "nan"
  return num * m
}
function ceil(x,    i) { i = int(x); return (x > i) ? i + 1 : i }
# Replicas wanted: no change within the tolerance, else ceil(current * avg / target), clamped.
function desired(current, avg, target, tolerance, lo, hi,    ratio, d) {
  ratio = avg / target
  if (ratio - 1 <= tolerance && 1 - ratio <= tolerance) d = current
  else d = ceil(current * ratio)
  if (d < lo) d = lo
  if (d > hi) d = hi
  return d
}
'

# "name value" lines from a MetricValueList: python3, else jq, else grep/sed (DEMO_JSON forces one).
json_items() {
  local parser=${DEMO_JSON:-}
  if [[ -z $parser ]]; then
    if have python3; then parser=python3; elif have jq; then parser=jq; else parser=sed; fi
  fi
  case $parser in
    python3)
      python3 -c '
import json, sys
for item in json.load(sys.stdin).get("items") or []:
    print(item["describedObject"]["name"], item["value"])'
      ;;
    jq) jq -r '.items[]? | "\(.describedObject.name) \(.value)"' ;;
    *)
      tr -d ' \n\t' |
        grep -o '"describedObject":{[^}]*}\|"value":"[^"]*"' |
        sed -n -e 's/.*"name":"\([^"]*\)".*/N \1/p' -e 's/^"value":"\([^"]*\)"$/V \1/p' |
        awk '$1 == "N" { name = $2 } $1 == "V" { print name, $2 }'
      ;;
  esac
}

self_test() {
  local failures=0 got expected
  check() {
    if [[ $1 == "$2" ]]; then echo "ok   $3 = $1"; else
      echo "FAIL $3: got '$1', expected '$2'"
      failures=$((failures + 1))
    fi
  }
  for pair in 12500m:12.5 2:2 400u:0.0004 1k:1000 1500n:1.5e-06 0:0 1.5:1.5 1Ki:1024 2M:2e+06 \
    1e3:1000 .5:0.5 -250m:-0.25 12x:nan abc:nan; do
    got=$(awk "$AWK_LIB"' BEGIN { q = quantity(ARGV[1]); if (q == "nan") print q; else printf "%.6g\n", q; exit }' "${pair%%:*}")
    check "$got" "${pair#*:}" "quantity(${pair%%:*})"
  done
  # current:average:wanted with target 10, tolerance 0.1, 1..10 replicas
  for triple in 3:15.07:5 3:10.5:3 3:9.05:3 3:11.5:4 3:5:2 3:0:1 3:40:10 3:3.4:2 3:3.3:1 1:25:3; do
    IFS=: read -r cur avg expected <<<"$triple"
    got=$(awk "$AWK_LIB"' BEGIN { print desired(ARGV[1], ARGV[2], 10, 0.1, 1, 10); exit }' "$cur" "$avg")
    check "$got" "$expected" "desired(current=$cur, avg=$avg)"
  done
  local sample='{"kind":"MetricValueList","apiVersion":"custom.metrics.k8s.io/v1beta2","metadata":{},
  "items":[{"describedObject":{"kind":"Pod","namespace":"demo","name":"demo-app-1","apiVersion":"v1"},
  "metric":{"name":"http_requests_per_second","selector":null},"timestamp":"2025-01-01T00:00:00Z",
  "value":"12500m"},{"describedObject":{"kind":"Pod","namespace":"demo","name":"demo-app-2",
  "apiVersion":"v1"},"metric":{"name":"http_requests_per_second"},"timestamp":"2025-01-01T00:00:00Z",
  "value":"2"}]}'
  for parser in python3 jq sed; do
    if [[ $parser != sed ]] && ! have "$parser"; then
      echo "skip json via $parser (not installed)"
      continue
    fi
    got=$(DEMO_JSON=$parser json_items <<<"$sample" | tr '\n' ',')
    check "$got" "demo-app-1 12500m,demo-app-2 2," "json via $parser"
  done
  if ((failures > 0)); then
    echo "$failures self-test check(s) failed"
    return 1
  fi
  echo "self-test passed"
}

while (($# > 0)); do
  case $1 in
    --duration=*) value=${1#*=} ;&
    --duration)
      if [[ $1 == --duration ]]; then
        (($# >= 2)) || die "--duration needs a value, e.g. 90s"
        value=$2
        shift
      fi
      duration_s=$(parse_duration "$value") || die "--duration: '$value' is not Ns, Nm or N (seconds)"
      duration_given=1
      ((duration_s >= 10 && duration_s <= 3600)) || die "--duration must be between 10s and 60m"
      ;;
    --peak-rps=*) value=${1#*=} ;&
    --peak-rps)
      if [[ $1 == --peak-rps ]]; then
        (($# >= 2)) || die "--peak-rps needs a number"
        value=$2
        shift
      fi
      [[ $value =~ ^[0-9]+$ ]] && ((value >= 1 && value <= 2000)) || die "--peak-rps must be a whole number in 1..2000"
      peak_rps=$value
      peak_given=1
      ;;
    --no-build) build=0 ;;
    --kubernetes) mode=kubernetes ;;
    --standalone) mode=standalone ;;
    --self-test)
      self_test
      exit
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "demo.sh: unknown argument '$1'" >&2
      usage >&2
      exit 2
      ;;
  esac
  shift
done

# ---- mode ----------------------------------------------------------------------------------------

# Whether the Kubernetes binaries are cached, or a Go toolchain that can build them is on PATH.
kubernetes_reason() {
  local bin
  bin=$(bash e2e/build-k8s.sh --print-bin-dir 2>/dev/null) || return 1
  if [[ -x $bin/kube-apiserver && -x $bin/kube-controller-manager && -x $bin/kubectl && -x $bin/etcd ]]; then
    echo "the Kubernetes binaries are cached in $bin"
    return 0
  fi
  local go_version
  go_version=$(go env GOVERSION 2>/dev/null) || return 1
  if [[ $go_version =~ ^go1\.([0-9]+) ]] && ((BASH_REMATCH[1] >= 26)); then
    echo "$go_version is on PATH (the first run builds Kubernetes v1.37.2 from Go modules: 10-18 minutes)"
    return 0
  fi
  return 1
}

if [[ $mode == auto ]]; then
  if reason=$(kubernetes_reason); then
    mode=kubernetes
    echo "Mode: Kubernetes, because $reason (--standalone for the quick demo without it)."
  else
    mode=standalone
    echo "Mode: standalone, because no Go >= 1.26 is on PATH and no Kubernetes binaries are cached (--kubernetes to build them)."
  fi
else
  echo "Mode: $mode (chosen with --$mode)."
fi
kubernetes_load_s=100
if [[ $mode == kubernetes && $duration_given == 1 ]]; then kubernetes_load_s=$duration_s; fi
# Five times the HPA's target per pod: about five replicas, each pod a JVM of ~85 MiB.
if [[ $mode == kubernetes && $peak_given == 0 ]]; then peak_rps=50; fi

# ---- prerequisites -------------------------------------------------------------------------------

have java || die "needs a JDK 17 or newer on PATH (Debian: apt-get install openjdk-17-jdk-headless)"
have curl || die "needs curl (Debian: apt-get install curl)"

PROMETHEUS_BIN=${PROMETHEUS_BIN:-$(command -v prometheus || true)}
if [[ -z $PROMETHEUS_BIN ]]; then
  if [[ $(id -u) == 0 ]] && have apt-get; then
    echo "Installing Prometheus (Debian package)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends prometheus >/dev/null
    # The package may start a system-wide Prometheus on :9090; the demo runs its own.
    if have systemctl; then systemctl stop prometheus >/dev/null 2>&1 || true; fi
    if have service; then service prometheus stop >/dev/null 2>&1 || true; fi
    PROMETHEUS_BIN=$(command -v prometheus || true)
    [[ -n $PROMETHEUS_BIN ]] || die "apt-get installed the prometheus package but no prometheus binary is on PATH"
  else
    echo "demo.sh: Prometheus is not installed. Install it, then run ./demo.sh again:" >&2
    echo "  sudo apt-get install prometheus     # Debian, Ubuntu" >&2
    echo "or put a prometheus binary (https://prometheus.io/download/) on PATH." >&2
    exit 1
  fi
fi

if ((build)); then
  echo "Building the jars (./mvnw -B -q -DskipTests package)..."
  ./mvnw -B -q -DskipTests package
fi
for jar in "$ADAPTER_JAR" "$DEMO_JAR"; do
  [[ -f $jar ]] || die "$jar is missing: run without --no-build (or ./mvnw -B -DskipTests package)"
done

# ---- processes and cleanup -----------------------------------------------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/metrics-adapter-demo.XXXXXX")
PIDS=()
NAMES=()
SLEEP_PID=
CLUSTER_DIR=
USE_SETSID=0
have setsid && USE_SETSID=1

cleanup() {
  local code=$?
  trap - EXIT INT TERM
  # Whoever reads our output may be gone (closed pipe): keep cleaning up regardless.
  trap '' PIPE
  set +e
  if [[ -n $SLEEP_PID ]]; then kill "$SLEEP_PID" 2>/dev/null || true; fi
  if ((${#PIDS[@]} > 0)); then
    echo "Stopping ${NAMES[*]}..."
    local i pid
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
      pid=${PIDS[i]}
      if ((USE_SETSID)); then kill -TERM -- "-$pid" 2>/dev/null || true; else kill -TERM "$pid" 2>/dev/null || true; fi
    done
    local deadline=$((SECONDS + 20))
    for pid in "${PIDS[@]}"; do
      while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
      if kill -0 "$pid" 2>/dev/null; then
        if ((USE_SETSID)); then kill -KILL -- "-$pid" 2>/dev/null || true; else kill -KILL "$pid" 2>/dev/null || true; fi
      fi
      wait "$pid" 2>/dev/null || true
    done
  fi
  if [[ -n $CLUSTER_DIR ]]; then
    echo "Stopping the local Kubernetes control plane, Prometheus, the adapter and the pods..."
    bash e2e/cluster.sh down "$CLUSTER_DIR" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  echo "Stopped everything; removed $WORK."
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Sleeps without delaying the traps (a foreground sleep would hold off Ctrl-C handling).
pause() {
  sleep "$1" &
  SLEEP_PID=$!
  wait "$SLEEP_PID" || true
  SLEEP_PID=
}

# start NAME COMMAND...: runs COMMAND in its own process group, output to $WORK/NAME.log.
start() {
  local name=$1
  shift
  if ((USE_SETSID)); then
    setsid "$@" >"$WORK/$name.log" 2>&1 </dev/null &
  else
    "$@" >"$WORK/$name.log" 2>&1 </dev/null &
  fi
  PIDS+=($!)
  NAMES+=("$name")
}

pid_of() {
  local i
  for i in "${!NAMES[@]}"; do
    if [[ ${NAMES[i]} == "$1" ]]; then echo "${PIDS[i]}"; fi
  done
}

show_log() {
  echo "---- last lines of $1's log ($WORK/$1.log) ----" >&2
  tail -n 40 "$WORK/$1.log" >&2 || true
  echo "----" >&2
}

# wait_until SECONDS NAME DESCRIPTION COMMAND...: polls COMMAND until it succeeds; fails (with
# NAME's log) when NAME exits or time runs out.
wait_until() {
  local limit=$1 name=$2 what=$3
  shift 3
  local deadline=$((SECONDS + limit)) pid
  pid=$(pid_of "$name")
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_log "$name"
      die "$name exited before $what"
    fi
    if ((SECONDS >= deadline)); then
      show_log "$name"
      die "$name: no $what within ${limit}s"
    fi
    pause 0.3
  done
}

free_ports() {
  local count=$1
  if have python3; then
    python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()' "$count"
    return
  fi
  local found=() port
  while ((${#found[@]} < count)); do
    port=$((20000 + RANDOM % 30000))
    [[ " ${found[*]} " == *" $port "* ]] && continue
    # Nothing answers on it: free (for now).
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then found+=("$port"); fi
  done
  echo "${found[*]}"
}

# ---- Kubernetes mode -------------------------------------------------------------------------------

# The whole chain on a real control plane (e2e/cluster.sh), the demo applied, the load and the
# HPA's decisions shown by the e2e module's KubernetesDemo; exits the script when done.
run_kubernetes() {
  local kubelet_jar=e2e/target/process-kubelet.jar
  [[ -f $kubelet_jar ]] || die "$kubelet_jar is missing: run without --no-build"
  CLUSTER_DIR="$WORK/cluster"
  echo "Starting a Kubernetes v1.37.2 control plane, Prometheus and the adapter on 127.0.0.1 (data in $WORK)..."
  HPA_SYNC_PERIOD=5s bash e2e/cluster.sh up "$CLUSTER_DIR" >/dev/null || die "e2e/cluster.sh up failed (logs above)"
  local KUBECONFIG KUBECTL FILE_SD_DIR ADAPTER_URL PROMETHEUS_URL
  KUBECONFIG=$(sed -n 's/^KUBECONFIG=//p' "$CLUSTER_DIR/env")
  KUBECTL=$(sed -n 's/^KUBECTL=//p' "$CLUSTER_DIR/env")
  FILE_SD_DIR=$(sed -n 's/^FILE_SD_DIR=//p' "$CLUSTER_DIR/env")
  ADAPTER_URL=$(sed -n 's/^ADAPTER_URL=//p' "$CLUSTER_DIR/env")
  PROMETHEUS_URL=$(sed -n 's/^PROMETHEUS_URL=//p' "$CLUSTER_DIR/env")
  echo "  kube-apiserver, kube-controller-manager (HPA every 5s), etcd; Prometheus $PROMETHEUS_URL; adapter $ADAPTER_URL"
  echo "Applying manifests/demo (through e2e/local/demo: HPA scale-down after 30s, no in-cluster load generator)..."
  "$KUBECTL" --kubeconfig="$KUBECONFIG" apply -k e2e/local/demo >/dev/null
  echo
  echo "Watch it yourself meanwhile, in another terminal:"
  echo "  export KUBECONFIG=$KUBECONFIG"
  echo "  $KUBECTL get hpa -n demo -w"
  echo "  $KUBECTL get --raw '$METRIC_PATH'"
  echo "  $KUBECTL describe hpa -n demo demo-app"
  echo
  local deadline=$((SECONDS + 120))
  until "$KUBECTL" --kubeconfig="$KUBECONFIG" get --raw "$METRIC_PATH" 2>/dev/null | grep -q describedObject; do
    ((SECONDS < deadline)) || die "the adapter serves no $METRIC for the demo pods after 120s (logs in $CLUSTER_DIR/logs)"
    pause 1
  done
  echo "The adapter serves $METRIC for the demo pods; the load ramps up to $peak_rps req/s for ${kubernetes_load_s}s (the HPA aims at $HPA_TARGET per pod)."
  local code=0
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$kubelet_jar" dev.metricsadapter.e2e.KubernetesDemo \
    --kubeconfig="$KUBECONFIG" --file-sd-dir="$FILE_SD_DIR" --peak-rps="$peak_rps" \
    --load-seconds="$kubernetes_load_s" --tick-seconds="$TICK_SECONDS" || code=$?
  echo
  if ((code == 0)); then echo "Demo finished."; else echo "Demo finished without a full scale-up and scale-down (see above)."; fi
  exit "$code"
}

if [[ $mode == kubernetes ]]; then
  run_kubernetes
fi

# ---- start everything ----------------------------------------------------------------------------

read -r PROM_PORT ADAPTER_PORT POD_PORT_1 POD_PORT_2 POD_PORT_3 <<<"$(free_ports 5)"
POD_PORTS=("$POD_PORT_1" "$POD_PORT_2" "$POD_PORT_3")
PROM_URL="http://127.0.0.1:$PROM_PORT"
ADAPTER_URL="https://127.0.0.1:$ADAPTER_PORT"
JAVA_SMALL=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k)

echo "metrics-adapter demo: data in $WORK (removed at exit)"
for i in 0 1 2; do
  echo "  ${PODS[i]}  http://127.0.0.1:${POD_PORTS[i]}  (namespace=$NAMESPACE pod=${PODS[i]})"
  start "${PODS[i]}" "${JAVA_SMALL[@]}" -Xmx64m -jar "$DEMO_JAR" --bind-address=127.0.0.1 \
    --port="${POD_PORTS[i]}" --latency=10ms --latency-jitter=20ms --shutdown-grace=3s
done

{
  echo "global: {scrape_interval: 2s, evaluation_interval: 2s}"
  echo "scrape_configs:"
  echo "- job_name: demo-app"
  echo "  static_configs:"
  for i in 0 1 2; do
    echo "  - targets: ['127.0.0.1:${POD_PORTS[i]}']"
    echo "    labels: {namespace: $NAMESPACE, pod: ${PODS[i]}, service: demo-app, app: demo-app}"
  done
} >"$WORK/prometheus.yml"
echo "  prometheus  $PROM_URL  (scrapes the pods every 2s)"
start prometheus "$PROMETHEUS_BIN" --config.file="$WORK/prometheus.yml" \
  --storage.tsdb.path="$WORK/prometheus-data" --web.listen-address="127.0.0.1:$PROM_PORT"

echo "  adapter     $ADAPTER_URL  (standalone, rules/, relist every 10s)"
start adapter "${JAVA_SMALL[@]}" -Xmx256m -jar "$ADAPTER_JAR" --config=rules/ \
  --prometheus-url="$PROM_URL" --kubeconfig=none --secure-port="$ADAPTER_PORT" \
  --bind-address=127.0.0.1 --cert-dir="$WORK/certs" --metrics-relist-interval=10s

for i in 0 1 2; do
  wait_until 60 "${PODS[i]}" "answer on /healthz" curl -sf --max-time 2 "http://127.0.0.1:${POD_PORTS[i]}/healthz"
done
wait_until 60 prometheus "readiness (/-/ready)" curl -sf --max-time 2 "$PROM_URL/-/ready"
wait_until 120 adapter "readiness (/readyz)" curl -ksf --max-time 2 "$ADAPTER_URL/readyz"

# ---- reading the adapter -------------------------------------------------------------------------

: >"$WORK/kubeconfig"
if have kubectl; then
  echo "Reading the adapter with kubectl, as you can:"
  echo "  kubectl --server=$ADAPTER_URL --insecure-skip-tls-verify --token=x get --raw '$METRIC_PATH'"
else
  echo "Reading the adapter with curl (kubectl not found):"
  echo "  curl -k '$ADAPTER_URL$METRIC_PATH'"
fi

fetch_metric() {
  if have kubectl; then
    KUBECONFIG="$WORK/kubeconfig" kubectl --server="$ADAPTER_URL" --insecure-skip-tls-verify \
      --token=x --request-timeout=5s --cache-dir="$WORK/kube-cache" get --raw "$METRIC_PATH"
  else
    curl -ksS --fail-with-body --max-time 5 -H 'Authorization: Bearer x' "$ADAPTER_URL$METRIC_PATH"
  fi
}

# Prints "name value" per pod; fails when the adapter answers an error.
read_pods() {
  local json
  json=$(fetch_metric 2>"$WORK/fetch.err") || return 1
  json_items <<<"$json"
}

all_pods_have_values() {
  [[ $(read_pods | wc -l) -ge ${#PODS[@]} ]]
}

echo "Waiting for the adapter to discover pods/$METRIC (series scraped every 2s, relisted every 10s)..."
wait_until 120 adapter "pods/$METRIC for all three pods" all_pods_have_values

# ---- load and table ------------------------------------------------------------------------------

targets=$(printf 'http://127.0.0.1:%s,' "${POD_PORTS[@]}")
targets=${targets%,}
echo "Load: ramp 0 -> $peak_rps -> 0 requests/s over ${duration_s}s, round-robin over the three pods."
echo "HPA: Pods metric $METRIC, target AverageValue $HPA_TARGET per pod, $HPA_CURRENT pods now," \
  "$HPA_MIN..$HPA_MAX replicas, tolerance 10%."
echo "The rule averages over rate(...[2m]), so values follow the load with a delay, as in a cluster."
echo
start load "${JAVA_SMALL[@]}" -Xmx128m -jar "$DEMO_JAR" load --target="$targets" --profile=ramp \
  --peak-rps="$peak_rps" --duration="${duration_s}s" --timeout=2s --report-interval=1s
load_started=$SECONDS
load_pid=$(pid_of load)

print_tick() {
  local t=$((SECONDS - load_started)) load values
  load=$(grep -o 'target=[0-9.]*' "$WORK/load.log" 2>/dev/null | tail -n 1 | cut -d= -f2 || true)
  load=$(awk -v l="${load:-0}" 'BEGIN { printf "%.0f", l }')
  if ! values=$(read_pods); then
    printf 't=%ss  load=%s rps  adapter: %s\n' "$t" "$load" "$(head -c 200 "$WORK/fetch.err" | tr '\n' ' ')"
    return 0
  fi
  awk -v pods="${PODS[*]}" -v t="$t" -v load="$load" -v current="$HPA_CURRENT" \
    -v target="$HPA_TARGET" -v tolerance="$HPA_TOLERANCE" -v lo="$HPA_MIN" -v hi="$HPA_MAX" \
    "$AWK_LIB"'
    BEGIN { n = split(pods, names, " ") }
    { v = quantity($2); if (v != "nan") { value[$1] = v } }
    END {
      line = sprintf("t=%ss  load=%s rps ", t, load)
      sum = 0; count = 0
      for (i = 1; i <= n; i++) {
        if (names[i] in value) {
          line = line sprintf(" %s=%.1f", names[i], value[names[i]]); sum += value[names[i]]; count++
        } else line = line sprintf(" %s=-", names[i])
      }
      if (count == 0) { print line "  (no values)"; exit }
      avg = sum / count
      wanted = desired(current, avg, target, tolerance, lo, hi)
      printf "%s  avg=%.2f/pod (target %s)  HPA wants %d replica%s\n", line, avg, target, wanted, (wanted == 1 ? "" : "s")
    }' <<<"$values"
}

# Fails (with its log) when a process other than the load generator has exited.
check_alive() {
  local i
  for i in "${!NAMES[@]}"; do
    if [[ ${NAMES[i]} != load ]] && ! kill -0 "${PIDS[i]}" 2>/dev/null; then
      show_log "${NAMES[i]}"
      die "${NAMES[i]} exited unexpectedly"
    fi
  done
}

print_tick
while kill -0 "$load_pid" 2>/dev/null; do
  pause "$TICK_SECONDS"
  check_alive
  print_tick
done
load_code=0
wait "$load_pid" || load_code=$?
echo
grep -E '^load (done|stopped)' "$WORK/load.log" || show_log load
if ((load_code != 0)); then
  show_log load
  die "the load generator failed (exit $load_code)"
fi
echo "Demo finished."
