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
# generator that ramps up and back down. Every few seconds demo-app's watch command prints the
# per-pod http_requests_per_second served by the adapter (read as the HPA would, over HTTPS) and
# the replica count an HPA with target AverageValue 10 would want.
#
# Everything listens on 127.0.0.1 on free ports; all data lives in one temp dir. Ctrl-C (or the
# end of --duration) stops every process it started and removes the temp dir.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
# log, die, have, parse_duration, free_ports, start, wait_until, the exit trap, ...
# shellcheck source=SCRIPTDIR/scripts/common.sh
source "$ROOT/scripts/common.sh"

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

Needs a JDK 17+, curl and Prometheus (Debian: apt-get install prometheus); uses python3, when
present, to pick free ports. Ctrl-C stops everything it started; KEEP_WORK=1 keeps its temp dir.
EOF
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
      if [[ ! $value =~ ^[0-9]+$ ]] || ((10#$value < 1 || 10#$value > 2000)); then
        die "--peak-rps must be a whole number in 1..2000"
      fi
      peak_rps=$((10#$value))
      peak_given=1
      ;;
    --no-build) build=0 ;;
    --kubernetes) mode=kubernetes ;;
    --standalone) mode=standalone ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      log "unknown argument '$1'"
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
    log "Prometheus is not installed. Install it, then run ./demo.sh again:"
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

make_work_dir metrics-adapter-demo
CLUSTER_DIR=
CLEANUP_HOOK=stop_cluster

# The exit trap's CLEANUP_HOOK: stops Kubernetes mode's control plane and all that runs on it.
stop_cluster() {
  [[ -n $CLUSTER_DIR ]] || return 0
  echo "Stopping the local Kubernetes control plane, Prometheus, the adapter and the pods..."
  bash e2e/cluster.sh down "$CLUSTER_DIR" >/dev/null 2>&1 || true
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

if have kubectl; then
  echo "Read the adapter yourself meanwhile, with kubectl:"
  echo "  kubectl --server=$ADAPTER_URL --insecure-skip-tls-verify --token=x get --raw '$METRIC_PATH'"
else
  echo "Read the adapter yourself meanwhile, with curl:"
  echo "  curl -k -H 'Authorization: Bearer x' '$ADAPTER_URL$METRIC_PATH'"
fi

# check_alive NAME: dies (with its log) when a process started here has exited, other than NAME
# and the load generator.
check_alive() {
  local i
  for i in "${!NAMES[@]}"; do
    if [[ -n ${PIDS[i]} && ${NAMES[i]} != "$1" && ${NAMES[i]} != load ]] && ! kill -0 "${PIDS[i]}" 2>/dev/null; then
      show_log "${NAMES[i]}"
      die "${NAMES[i]} exited unexpectedly"
    fi
  done
}

# supervise NAME COMMAND...: runs COMMAND as NAME, its output on ours, and returns its exit status;
# dies as soon as another process started here, but the load generator, exits meanwhile.
supervise() {
  local name=$1 pid
  spawn "$@"
  pid=$LAST_PID
  while kill -0 "$pid" 2>/dev/null; do
    check_alive "$name"
    pause 0.5
  done
  reap "$name"
}

# demo-app reads the adapter over HTTPS as the HPA would (demo-app await-values --help, watch --help).
DEMO_APP=("${JAVA_SMALL[@]}" -Xmx64m -jar "$DEMO_JAR")
READ_FLAGS=(--adapter-url="$ADAPTER_URL" --path="$METRIC_PATH" --pods="$(IFS=,; echo "${PODS[*]}")")

echo "Waiting for the adapter to discover pods/$METRIC (series scraped every 2s, relisted every 10s)..."
if ! supervise await "${DEMO_APP[@]}" await-values "${READ_FLAGS[@]}" --within=120s; then
  show_log adapter
  die "the adapter does not serve $METRIC for all three pods (see above)"
fi

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
supervise watch "${DEMO_APP[@]}" watch "${READ_FLAGS[@]}" --target="$HPA_TARGET" \
  --replicas="$HPA_CURRENT" --min-replicas="$HPA_MIN" --max-replicas="$HPA_MAX" \
  --tolerance="$HPA_TOLERANCE" --tick="${TICK_SECONDS}s" --load-log="$WORK/load.log" \
  --until-pid="$(pid_of load)" || die "demo-app watch failed (exit $?)"
load_code=0
reap load || load_code=$?
echo
grep -E '^load (done|stopped)' "$WORK/load.log" || show_log load
if ((load_code != 0)); then
  show_log load
  die "the load generator failed (exit $load_code)"
fi
echo "Demo finished."
