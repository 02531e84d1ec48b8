#!/usr/bin/env bash
# Brings up the whole chain on 127.0.0.1 for end-to-end tests and demos: a real control plane
# (control-plane.sh), the adapter's manifests (the e2e/local overlay), Prometheus, the process
# kubelet (pods of namespace demo as local demo-app processes, the rules ConfigMap projected into
# a directory) and the adapter jar, served by the real aggregation layer to the real HPA
# controller. Run with --help for usage.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$E2E_DIR")"
# log, die, run_command, start, wait_until, free_ports, new_ca, new_cert, ...
# shellcheck source=lib.sh
source "$E2E_DIR/lib.sh"
LOG_TAG=cluster

START_TIMEOUT="${CLUSTER_START_TIMEOUT:-120}"
APISERVICE_TIMEOUT="${APISERVICE_TIMEOUT:-60}"
STOP_TIMEOUT="${CLUSTER_STOP_TIMEOUT:-15}"

ADAPTER_JAR="${ADAPTER_JAR:-$REPO_DIR/adapter/target/metrics-adapter.jar}"
DEMO_APP_JAR="${DEMO_APP_JAR:-$REPO_DIR/demo-app/target/demo-app.jar}"
KUBELET_JAR="${KUBELET_JAR:-$E2E_DIR/target/process-kubelet.jar}"
PROMETHEUS_BIN="${PROMETHEUS_BIN:-/usr/bin/prometheus}"
OVERLAY="$E2E_DIR/local"

ADAPTER_JAVA_OPTS="${ADAPTER_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m}"
KUBELET_JAVA_OPTS="${KUBELET_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx96m}"
DEMO_APP_JAVA_OPTS="${DEMO_APP_JAVA_OPTS:--XX:TieredStopAtLevel=1 -Xmx64m}"
ADAPTER_RELIST_INTERVAL="${ADAPTER_RELIST_INTERVAL:-10s}"
KUBELET_NAMESPACE="${KUBELET_NAMESPACE:-demo}"
KUBELET_SELECTOR="${KUBELET_SELECTOR:-app.kubernetes.io/name=demo-app}"

# Fixed by the manifests: the adapter's ServiceAccount and the rules ConfigMap of the overlay.
ADAPTER_NAMESPACE=metrics-adapter
ADAPTER_SERVICE_ACCOUNT=metrics-adapter
RULES_CONFIGMAP=metrics-adapter-rules
APISERVICE_SELECTOR=app.kubernetes.io/name=metrics-adapter
# The name the aggregator verifies the adapter's certificate as (<service>.<namespace>.svc).
ADAPTER_DNS_NAME=metrics-adapter.metrics-adapter.svc

# Our processes in start order; stopped in reverse order, before the control plane.
COMPONENTS=(prometheus process-kubelet adapter)

usage() {
  cat <<EOF
Usage: $(basename "$0") up DIR | down DIR | status DIR | --help

  up DIR      start, each on free 127.0.0.1 ports, and wait for each with a deadline:
                1. Prometheus: job 'pods' from file_sd DIR/file_sd/*.json, 2 s scrapes
                2. control-plane.sh up DIR/cp (etcd, kube-apiserver, kube-controller-manager)
                3. the process kubelet: pods of namespace ${KUBELET_NAMESPACE} matching
                   ${KUBELET_SELECTOR} as local demo-app processes (with
                   file_sd targets), and ConfigMap ${ADAPTER_NAMESPACE}/${RULES_CONFIGMAP} projected
                   into DIR/rules like a kubelet's configMap volume
                4. kubectl apply -k e2e/local: the adapter's manifests with an ExternalName
                   Service to localhost instead of a Deployment, and 30 s rule windows
                5. the adapter jar (--auth=delegated, a TokenRequest token of its
                   ServiceAccount, a serving certificate for
                   ${ADAPTER_DNS_NAME}); once it is ready, every
                   APIService gets the adapter's port and CA (caBundle)
              and returns once every APIService is Available; then writes DIR/env. On failure
              it prints the failing component's log tail, stops everything it started and
              exits non-zero. Refuses a DIR that is running.
  down DIR    stop the adapter, the kubelet (and so the pods' processes), Prometheus, then the
              control plane. Idempotent; keeps the logs; removes DIR/env.
  status DIR  print what is running; exit 0 only if everything is.

Then, e.g.:
  source DIR/env
  "\$KUBECTL" get --raw /apis/custom.metrics.k8s.io/v1beta2
  "\$KUBECTL" apply -k manifests/demo     # the kubelet runs its demo-app pods

Files under DIR:
  env                 KEY=value lines (no quotes), sourceable; written last by 'up'
  cp/                 the control plane (cp/env, cp/admin.kubeconfig, cp/pki/, cp/logs/)
  adapter-pki/        ca.crt/ca.key (the APIServices' caBundle), tls.crt/tls.key (the adapter's)
  adapter.kubeconfig  the adapter's ServiceAccount token (24 h) for the apiserver
  prometheus/         prometheus.yml and data/
  file_sd/            one target file per running pod (written by the kubelet)
  rules/              the rules ConfigMap as a volume: ..data -> ..<timestamp>/, KEY -> ..data/KEY
  logs/               adapter.log, process-kubelet.log, prometheus.log, pods/<ns>_<pod>.log,
                      control-plane -> ../cp/logs
  <component>.pid

Environment:
  HPA_SYNC_PERIOD, KCM_EXTRA_ARGS (e.g. --horizontal-pod-autoscaler-downscale-stabilization=30s),
  APISERVER_EXTRA_ARGS, ETCD_EXTRA_ARGS, CP_START_TIMEOUT, CP_STOP_TIMEOUT
                        passed to control-plane.sh (see its --help)
  ADAPTER_EXTRA_ARGS    extra adapter flags (split on whitespace), e.g. --log-level=debug; not
                        one set here already (the adapter refuses a repeated flag)
  ADAPTER_RELIST_INTERVAL   --metrics-relist-interval (default ${ADAPTER_RELIST_INTERVAL})
  ADAPTER_JAVA_OPTS     default: ${ADAPTER_JAVA_OPTS}
  KUBELET_JAVA_OPTS     default: ${KUBELET_JAVA_OPTS}
  DEMO_APP_JAVA_OPTS    JVM flags of each pod's demo-app; default: ${DEMO_APP_JAVA_OPTS}
  KUBELET_NAMESPACE, KUBELET_SELECTOR   the pods the kubelet runs (defaults above)
  ADAPTER_JAR, DEMO_APP_JAR, KUBELET_JAR, PROMETHEUS_BIN   what runs (defaults: the build outputs,
                        /usr/bin/prometheus); missing jars are built once with ./mvnw -o
  CLUSTER_START_TIMEOUT seconds to wait for each of our components (default 120)
  APISERVICE_TIMEOUT    seconds from adapter ready to all APIServices Available (default 60)
  CLUSTER_STOP_TIMEOUT  seconds between TERM and KILL in 'down' (default 15)
EOF
}

# set_paths: the paths under DIR (set_dir in lib.sh).
set_paths() {
  CP_DIR="$DIR/cp"
  LOGS="$DIR/logs"
  ADAPTER_PKI="$DIR/adapter-pki"
  PROMETHEUS_DIR="$DIR/prometheus"
  FILE_SD_DIR="$DIR/file_sd"
  RULES_DIR="$DIR/rules"
  ADAPTER_KUBECONFIG="$DIR/adapter.kubeconfig"
  # A word in each pod's command line naming this DIR, so that 'down' can find a pod process
  # left behind by a kubelet that was killed before it could stop its pods.
  POD_MARKER="-Dmetrics-adapter.e2e.cluster=$DIR"
}

# ---------------------------------------------------------------------------------------------
# Processes

# owns_pid PID NAME: true if PID's command line has a word only NAME's process started for this
# DIR has, so that a recycled pid or another DIR's process is never signalled.
owns_pid() {
  local marker
  case "$2" in
    prometheus) marker="--config.file=$PROMETHEUS_DIR/prometheus.yml" ;;
    process-kubelet) marker="--file-sd-dir=$FILE_SD_DIR" ;;
    adapter) marker="--config=$RULES_DIR" ;;
    *) return 1 ;;
  esac
  [[ " $(cmdline "$1") " == *" $marker "* ]]
}

# stop_leftover_pods: the kubelet stops its pods' processes on TERM; if it was killed instead,
# they live on. Each carries POD_MARKER as one word of its command line.
stop_leftover_pods() {
  local proc pid comm
  for proc in /proc/[0-9]*; do
    pid="${proc#/proc/}"
    # comm first (a builtin read): only java processes are worth a look at their command line.
    read -r comm 2>/dev/null <"$proc/comm" || continue
    [[ "$comm" == java ]] || continue
    if [[ " $(cmdline "$pid") " == *" $POD_MARKER "* ]] && terminate "pod process" "$pid" 10; then
      STOPPED_PIDS+=("$pid")
    fi
  done
}

stop_all() {
  local i
  STOPPED_PIDS=()
  rm -f "$DIR/env"
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    # The kubelet stops its pods' processes (each may take its --stop-timeout) before it exits.
    if [[ ${COMPONENTS[i]} == process-kubelet ]]; then
      stop "${COMPONENTS[i]}" $((STOP_TIMEOUT + 15))
    else
      stop "${COMPONENTS[i]}"
    fi
  done
  stop_leftover_pods
  if [[ -d "$CP_DIR" ]]; then
    "$E2E_DIR/control-plane.sh" down "$CP_DIR" || log "WARNING: control-plane.sh down failed"
  fi
  await_reaped "${STOPPED_PIDS[@]}"
}

# ---------------------------------------------------------------------------------------------
# Steps of 'up'

# kc ARGS...: the control plane's kubectl (v1.37; the machine's /usr/bin/kubectl is too old)
# as cluster-admin, with a deadline on every request.
kc() { "$KUBECTL" --kubeconfig "$KUBECONFIG" --request-timeout=30s "$@"; }

# ensure_jars: builds what is missing. The kubelet jar is also rebuilt when e2e's sources are
# newer, since its flags are part of this script's contract.
ensure_jars() {
  local stale
  if [[ ! -f "$ADAPTER_JAR" || ! -f "$DEMO_APP_JAR" ]]; then
    log "building adapter and demo-app (missing $ADAPTER_JAR or $DEMO_APP_JAR)"
    (cd "$REPO_DIR" && ./mvnw -B -o -q -pl adapter,demo-app package -DskipTests) >&2
  fi
  stale=""
  [[ -f "$KUBELET_JAR" ]] && stale="$(find "$E2E_DIR/src/main" "$E2E_DIR/pom.xml" -newer "$KUBELET_JAR" -print -quit)"
  if [[ ! -f "$KUBELET_JAR" || -n "$stale" ]]; then
    log "building $KUBELET_JAR${stale:+ ($stale is newer)}"
    (cd "$REPO_DIR" && ./mvnw -B -o -q -f e2e/pom.xml package -Dmaven.test.skip=true) >&2
  fi
  local jar
  for jar in "$ADAPTER_JAR" "$DEMO_APP_JAR" "$KUBELET_JAR"; do
    [[ -f "$jar" ]] || die "$jar is missing and could not be built"
    plain_path "$jar" || die "'$jar' contains characters that need quoting"
  done
  [[ -x "$PROMETHEUS_BIN" ]] || die "$PROMETHEUS_BIN not found (Debian: apt-get install prometheus)"
  command -v java >/dev/null || die "java not found on PATH"
}

# make_adapter_pki: the adapter's own CA (it goes into the APIServices' caBundle) and serving
# certificate. The aggregator dials localhost (the ExternalName) but verifies the certificate as
# <service>.<namespace>.svc; localhost and 127.0.0.1 are for direct clients (tests, curl).
make_adapter_pki() {
  local t0
  t0="$(now_ms)"
  mkdir -p "$ADAPTER_PKI"
  PKI="$ADAPTER_PKI"
  new_ca ca metrics-adapter-ca
  new_cert tls ca "/CN=$ADAPTER_DNS_NAME" server \
    "DNS:$ADAPTER_DNS_NAME,DNS:$ADAPTER_DNS_NAME.cluster.local,DNS:metrics-adapter.metrics-adapter,DNS:localhost,IP:127.0.0.1"
  chmod 600 "$ADAPTER_PKI"/*.key
  log "adapter PKI created in $(elapsed_s "$t0") s"
}

start_prometheus() {
  mkdir -p "$PROMETHEUS_DIR/data" "$FILE_SD_DIR"
  # Short intervals: a demo or test should see a new pod's series within seconds. The kubelet
  # writes one file per Ready pod with the labels Kubernetes service discovery would attach
  # (namespace, pod, service).
  cat >"$PROMETHEUS_DIR/prometheus.yml" <<EOF
global:
  scrape_interval: 2s
  evaluation_interval: 2s
scrape_configs:
- job_name: pods
  file_sd_configs:
  - files:
    - $FILE_SD_DIR/*.json
    refresh_interval: 2s
EOF
  start prometheus "$PROMETHEUS_BIN" \
    --config.file="$PROMETHEUS_DIR/prometheus.yml" \
    --storage.tsdb.path="$PROMETHEUS_DIR/data" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT"
}

prometheus_ready() {
  curl -fsS --noproxy '*' --max-time 2 -o /dev/null "$PROMETHEUS_URL/-/ready"
}

start_control_plane() {
  local t0
  t0="$(now_ms)"
  CURRENT=""  # control-plane.sh prints its own failing component's log tail
  "$E2E_DIR/control-plane.sh" up "$CP_DIR" >/dev/null
  # shellcheck disable=SC1091
  source "$CP_DIR/env"  # KUBECONFIG, KUBECTL, APISERVER_URL, CLUSTER_CA, PKI_DIR, ...
  ln -sfn ../cp/logs "$LOGS/control-plane"
  CP_UP_S="$(elapsed_s "$t0")"
}

start_kubelet() {
  local java_opts
  read -ra java_opts <<<"$KUBELET_JAVA_OPTS"
  # The pods' command, one --command value per word group; {port} is the pod's free port.
  start process-kubelet java "${java_opts[@]}" -jar "$KUBELET_JAR" \
    --kubeconfig="$KUBECONFIG" \
    --namespace="$KUBELET_NAMESPACE" \
    --selector="$KUBELET_SELECTOR" \
    --file-sd-dir="$FILE_SD_DIR" \
    --log-dir="$LOGS/pods" \
    --stop-timeout=5s \
    --configmap-volume="$ADAPTER_NAMESPACE/$RULES_CONFIGMAP=$RULES_DIR" \
    --command="java $POD_MARKER $DEMO_APP_JAVA_OPTS -jar $DEMO_APP_JAR" \
    --command="--port={port} --bind-address=127.0.0.1 --container-metrics=demo-app"
}

# apply_manifests: the overlay (RBAC, ServiceAccount, rules ConfigMap, ExternalName Service,
# APIServices still at port 443 without a caBundle, so not Available yet).
apply_manifests() {
  local t0
  t0="$(now_ms)"
  kc apply -k "$OVERLAY" >"$LOGS/kubectl-apply.log"
  mapfile -t APISERVICES < <(kc get apiservices -l "$APISERVICE_SELECTOR" -o name)
  ((${#APISERVICES[@]} > 0)) || die "no APIService labelled $APISERVICE_SELECTOR after kubectl apply -k $OVERLAY"
  APISERVICES=("${APISERVICES[@]#apiservice.apiregistration.k8s.io/}")
  log "manifests applied in $(elapsed_s "$t0") s"
}

# point_apiservices: each APIService to the adapter: the port it listens on (the ExternalName
# Service resolves to localhost) and its CA; insecureSkipTLSVerify removed in case anything set
# it, since the aggregator must verify the adapter. Done once the adapter is ready: the
# aggregator checks an APIService at once when it changes, while one that kept failing is only
# retried with a growing backoff (seen: Available 4-5 s after ready instead of <1 s).
point_apiservices() {
  local ca_bundle api
  ca_bundle="$(base64 -w0 "$ADAPTER_PKI/ca.crt")"
  for api in "${APISERVICES[@]}"; do
    kc patch apiservice "$api" --type=merge -p \
      "{\"spec\":{\"service\":{\"port\":$ADAPTER_PORT},\"caBundle\":\"$ca_bundle\",\"insecureSkipTLSVerify\":null}}" \
      >>"$LOGS/kubectl-apply.log"
  done
  log "APIServices ${APISERVICES[*]} -> localhost:$ADAPTER_PORT"
}

# write_adapter_kubeconfig: what a pod of the adapter's ServiceAccount would have: a bound token
# (TokenRequest API), the apiserver URL and the cluster CA.
write_adapter_kubeconfig() {
  local token
  token="$(kc create token "$ADAPTER_SERVICE_ACCOUNT" -n "$ADAPTER_NAMESPACE" --duration=24h)"
  [[ -n "$token" ]] || die "TokenRequest for $ADAPTER_NAMESPACE/$ADAPTER_SERVICE_ACCOUNT returned nothing"
  (
    umask 077
    cat >"$ADAPTER_KUBECONFIG" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: $APISERVER_URL
    certificate-authority-data: $(base64 -w0 "$CLUSTER_CA")
users:
- name: $ADAPTER_SERVICE_ACCOUNT
  user:
    token: $token
contexts:
- name: $ADAPTER_SERVICE_ACCOUNT@local
  context:
    cluster: local
    user: $ADAPTER_SERVICE_ACCOUNT
    namespace: $ADAPTER_NAMESPACE
current-context: $ADAPTER_SERVICE_ACCOUNT@local
EOF
  )
}

rules_projected() { [[ -L "$RULES_DIR/..data" && -d "$RULES_DIR/..data" ]]; }

start_adapter() {
  local java_opts extra
  read -ra java_opts <<<"$ADAPTER_JAVA_OPTS"
  read -ra extra <<<"${ADAPTER_EXTRA_ARGS:-}"
  start adapter java "${java_opts[@]}" -jar "$ADAPTER_JAR" \
    --config="$RULES_DIR" \
    --prometheus-url="$PROMETHEUS_URL" \
    --kubeconfig="$ADAPTER_KUBECONFIG" \
    --auth=delegated \
    --secure-port="$ADAPTER_PORT" \
    --bind-address=127.0.0.1 \
    --tls-cert-file="$ADAPTER_PKI/tls.crt" \
    --tls-private-key-file="$ADAPTER_PKI/tls.key" \
    --metrics-relist-interval="$ADAPTER_RELIST_INTERVAL" \
    "${extra[@]}"
}

# /readyz needs no credentials under delegated auth; verified with the adapter's CA, which also
# checks the serving certificate.
adapter_ready() {
  curl -fsS --noproxy '*' --max-time 2 --cacert "$ADAPTER_PKI/ca.crt" -o /dev/null "$ADAPTER_URL/readyz"
}

# apiservices_available: true if every APIService of ours has condition Available=True.
apiservices_available() {
  local statuses
  statuses="$(kc get apiservices -l "$APISERVICE_SELECTOR" \
    -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Available")].status}{" "}{end}')"
  [[ "$statuses" == "$(printf 'True %.0s' "${APISERVICES[@]}")" ]]
}

# show_apiservices: their conditions, for a failure message.
show_apiservices() {
  kc get apiservices "${APISERVICES[@]}" \
    -o jsonpath='{range .items[*]}{.metadata.name}: {.status.conditions[?(@.type=="Available")].status} {.status.conditions[?(@.type=="Available")].reason}: {.status.conditions[?(@.type=="Available")].message}{"\n"}{end}' \
    2>&1 | sed 's/^/    /' >&2 || true
}

# write_env: DIR/env, to a temp file and renamed, so its existence means "everything is up".
write_env() {
  local pki_dir_cp log_dir_cp
  pki_dir_cp="$PKI_DIR"
  log_dir_cp="$LOG_DIR"
  {
    # The control plane's keys (KUBECONFIG, KUBECTL, APISERVER_URL, CLUSTER_CA, FRONT_PROXY_CA,
    # PKI_DIR, BIN_DIR, ...), except LOG_DIR, which is ours below (CP_LOG_DIR is its).
    grep -v '^LOG_DIR=' "$CP_DIR/env"
    cat <<EOF
CP_DIR=$CP_DIR
CP_LOG_DIR=$log_dir_cp
CLUSTER_DIR=$DIR
LOG_DIR=$LOGS
PROMETHEUS_URL=$PROMETHEUS_URL
PROMETHEUS_PORT=$PROMETHEUS_PORT
PROMETHEUS_LOG=$LOGS/prometheus.log
PROMETHEUS_PID=$(component_pid prometheus)
ADAPTER_URL=$ADAPTER_URL
ADAPTER_PORT=$ADAPTER_PORT
ADAPTER_CA=$ADAPTER_PKI/ca.crt
ADAPTER_CA_KEY=$ADAPTER_PKI/ca.key
ADAPTER_CERT=$ADAPTER_PKI/tls.crt
ADAPTER_KEY=$ADAPTER_PKI/tls.key
ADAPTER_KUBECONFIG=$ADAPTER_KUBECONFIG
ADAPTER_LOG=$LOGS/adapter.log
ADAPTER_PID=$(component_pid adapter)
ADAPTER_JAR=$ADAPTER_JAR
APISERVICES=$(IFS=,; echo "${APISERVICES[*]}")
KUBELET_LOG=$LOGS/process-kubelet.log
KUBELET_PID=$(component_pid process-kubelet)
KUBELET_NAMESPACE=$KUBELET_NAMESPACE
POD_LOG_DIR=$LOGS/pods
DEMO_APP_JAR=$DEMO_APP_JAR
FILE_SD_DIR=$FILE_SD_DIR
RULES_DIR=$RULES_DIR
RULES_CONFIGMAP=$ADAPTER_NAMESPACE/$RULES_CONFIGMAP
FRONT_PROXY_CLIENT_CERT=$pki_dir_cp/front-proxy-client.crt
FRONT_PROXY_CLIENT_KEY=$pki_dir_cp/front-proxy-client.key
EOF
  } >"$DIR/env.tmp"
  mv -f "$DIR/env.tmp" "$DIR/env"
}

# ---------------------------------------------------------------------------------------------
# Commands

cmd_up() {
  local t0 adapter_t0
  t0="$(now_ms)"
  refuse_running
  if "$E2E_DIR/control-plane.sh" status "$CP_DIR" >/dev/null 2>&1; then
    die "the control plane in $CP_DIR is running; run '$0 down $DIR' first"
  fi

  ensure_jars

  APISERVICES=()
  arm_up_trap

  # A clean slate: state of an earlier run would not match the new PKI and ports. The control
  # plane cleans DIR/cp itself.
  mkdir -p "$DIR"
  rm -rf "$LOGS" "$ADAPTER_PKI" "$PROMETHEUS_DIR" "$FILE_SD_DIR" "$RULES_DIR" \
    "$ADAPTER_KUBECONFIG" "$DIR/env" "$DIR"/*.pid
  mkdir -p "$LOGS/pods"

  # Prometheus needs nothing of the control plane: it starts first and gets ready meanwhile.
  read -r PROMETHEUS_PORT <<<"$(free_ports 1)"
  PROMETHEUS_URL="http://127.0.0.1:$PROMETHEUS_PORT"
  start_prometheus
  make_adapter_pki
  start_control_plane
  log "control plane up in $CP_UP_S s"

  # The adapter's port is chosen now that the control plane's are bound, so they cannot clash.
  read -r ADAPTER_PORT <<<"$(free_ports 1)"
  ADAPTER_URL="https://127.0.0.1:$ADAPTER_PORT"
  # The kubelet's JVM starts while the manifests are applied; it waits for the ConfigMap.
  start_kubelet
  apply_manifests
  write_adapter_kubeconfig
  wait_until prometheus "Prometheus ready ($PROMETHEUS_URL)" prometheus_ready
  wait_until process-kubelet "rules ConfigMap projected into $RULES_DIR" rules_projected

  adapter_t0="$(now_ms)"
  start_adapter
  wait_until adapter "adapter ready ($ADAPTER_URL/readyz)" adapter_ready
  ADAPTER_READY_S="$WAITED"
  point_apiservices
  if ! wait_until_available; then
    show_apiservices
    die "APIServices not Available within ${APISERVICE_TIMEOUT}s of the adapter being ready"
  fi

  write_env
  UP_DONE=1
  log "timings: control plane $CP_UP_S s, adapter start to ready $ADAPTER_READY_S s, then APIServices Available $AVAILABLE_S s; adapter start to Available $(elapsed_s "$adapter_t0") s"
  log "cluster up in $(elapsed_s "$t0") s; env in $DIR/env"
  cat "$DIR/env"
}

# wait_until_available: like wait_until for the APIServices, but returns 1 on timeout so that
# their conditions can be shown first.
wait_until_available() {
  local t0
  t0="$(now_ms)"
  CURRENT=adapter
  until apiservices_available 2>/dev/null; do
    component_pid adapter >/dev/null || die "adapter exited while waiting for the APIServices"
    (($(now_ms) - t0 <= APISERVICE_TIMEOUT * 1000)) || return 1
    sleep 0.25
  done
  AVAILABLE_S="$(elapsed_s "$t0")"
  log "APIServices Available after $AVAILABLE_S s: ${APISERVICES[*]}"
}

cmd_status() {
  local rc=0
  components_status || rc=1
  "$E2E_DIR/control-plane.sh" status "$CP_DIR" || rc=1
  return "$rc"
}

run_command "$@"
