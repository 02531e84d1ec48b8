#!/usr/bin/env bash
# Starts and stops a real, minimal Kubernetes control plane on 127.0.0.1: etcd, kube-apiserver
# (with the aggregation layer's front-proxy set up) and kube-controller-manager. There is no
# kubelet and no scheduler, so pods stay Pending; controllers (ReplicaSet, HPA, ...) are real.
# Run with --help for usage. Binaries come from build-k8s.sh (which builds them on first use).
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# log, die, run_command, start, wait_until, free_ports, new_ca, new_cert, ...
# shellcheck source=lib.sh
source "$E2E_DIR/lib.sh"
LOG_TAG=control-plane

# Seconds to wait for each component to become healthy, and for a process to exit on TERM.
START_TIMEOUT="${CP_START_TIMEOUT:-120}"
STOP_TIMEOUT="${CP_STOP_TIMEOUT:-15}"
HPA_SYNC_PERIOD="${HPA_SYNC_PERIOD:-5s}"
SERVICE_CIDR="10.96.0.0/16"
# Components in start order; they are stopped in reverse order.
COMPONENTS=(etcd kube-apiserver kube-controller-manager)

usage() {
  cat <<EOF
Usage: $(basename "$0") up DIR | down DIR | status DIR | --help

  up DIR      build the binaries if needed (build-k8s.sh), then create a PKI, kubeconfigs and
              data under DIR and start etcd, kube-apiserver and kube-controller-manager on free
              127.0.0.1 ports. Returns once all are healthy and the 'default' ServiceAccount
              exists; then writes DIR/env. On failure it prints the failing component's log tail,
              stops what it started and exits non-zero.
  down DIR    stop the processes recorded in DIR/*.pid (TERM, KILL after ${STOP_TIMEOUT}s).
              Idempotent; keeps DIR/logs and DIR/pki for inspection, removes DIR/env.
  status DIR  print which components are running; exit 0 only if all are.

Files under DIR:
  env                  KEY=value lines (no quotes), sourceable by a shell; written last by 'up'
  admin.kubeconfig     cluster-admin (O=system:masters) client-certificate kubeconfig
  pki/                 ca.crt/key (cluster CA, also signs CSRs), apiserver.*, admin.*,
                       controller-manager.*, sa.key/sa.pub, front-proxy-ca.*, front-proxy-client.*
  logs/<component>.log, <component>.pid, etcd-data/

Environment:
  HPA_SYNC_PERIOD       --horizontal-pod-autoscaler-sync-period (default 5s)
  KCM_EXTRA_ARGS        extra kube-controller-manager flags (split on whitespace)
  APISERVER_EXTRA_ARGS  extra kube-apiserver flags (split on whitespace)
  ETCD_EXTRA_ARGS       extra etcd flags (split on whitespace)
  CP_START_TIMEOUT      seconds to wait for each component (default 120)
  CP_STOP_TIMEOUT       seconds between TERM and KILL in 'down' (default 15)
  METRICS_ADAPTER_CACHE, E2E_BUILD_JOBS   passed to build-k8s.sh
EOF
}

# set_paths: the paths under DIR (set_dir in lib.sh).
set_paths() {
  PKI="$DIR/pki"
  LOGS="$DIR/logs"
}

# ---------------------------------------------------------------------------------------------
# Processes

# owns_pid PID NAME: true if PID's argv[0] ends in /NAME.
owns_pid() {
  local argv0
  argv0="$(tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | head -n1)" || return 1
  [[ "${argv0##*/}" == "$2" ]]
}

# stop_all: stops the components, last started first, and removes DIR/env.
stop_all() {
  local i
  STOPPED_PIDS=()
  rm -f "$DIR/env"
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do stop "${COMPONENTS[i]}"; done
  await_reaped "${STOPPED_PIDS[@]}"
}

# ---------------------------------------------------------------------------------------------
# PKI (new_ca, new_cert from lib.sh write into $PKI)

make_pki() {
  local t0
  t0="$(now_ms)"
  mkdir -p "$PKI"
  new_ca ca kubernetes-ca
  # The apiserver is reached as 127.0.0.1 or localhost; the in-cluster names are there for
  # clients that expect them (e.g. ones that look up the 'kubernetes' Service).
  new_cert apiserver ca /CN=kube-apiserver server \
    "IP:127.0.0.1,DNS:localhost,IP:10.96.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  new_cert admin ca "/O=system:masters/CN=kubernetes-admin" client
  # RBAC's bootstrap policy binds the controller-manager's roles to exactly this user name.
  new_cert controller-manager ca /CN=system:kube-controller-manager client
  # The aggregator signs its proxied requests with front-proxy-client; extension apiservers (the
  # adapter) trust that CA via kube-system/extension-apiserver-authentication.
  new_ca front-proxy-ca front-proxy-ca
  new_cert front-proxy-client front-proxy-ca /CN=front-proxy-client client
  new_key "$PKI/sa.key"
  openssl pkey -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub"
  chmod 600 "$PKI"/*.key
  log "PKI created in $(elapsed_s "$t0") s"
}

# write_kubeconfig FILE USER CERT KEY: a kubeconfig for APISERVER_URL with the data embedded, so
# the file works on its own.
write_kubeconfig() {
  local file=$1 user=$2 cert=$3 key=$4
  cat >"$file" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: $APISERVER_URL
    certificate-authority-data: $(base64 -w0 "$PKI/ca.crt")
users:
- name: $user
  user:
    client-certificate-data: $(base64 -w0 "$cert")
    client-key-data: $(base64 -w0 "$key")
contexts:
- name: $user@local
  context:
    cluster: local
    user: $user
current-context: $user@local
EOF
  chmod 600 "$file"
}

# ---------------------------------------------------------------------------------------------
# Health probes (curl --noproxy: never route loopback traffic through a proxy from the env)

etcd_healthy() {
  curl -fsS --noproxy '*' --max-time 2 "$ETCD_URL/health" | grep -q '"health":"true"'
}
apiserver_ready() {
  [[ "$(curl -fsS --noproxy '*' --max-time 2 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" \
    --key "$PKI/admin.key" "$APISERVER_URL/readyz")" == ok ]]
}
# The controller-manager serves a self-signed in-memory certificate, hence -k (loopback only).
kcm_healthy() {
  [[ "$(curl -fsSk --noproxy '*' --max-time 2 "https://127.0.0.1:$KCM_PORT/healthz")" == ok ]]
}
default_sa_exists() {
  "$BIN_DIR/kubectl" --kubeconfig "$DIR/admin.kubeconfig" --request-timeout=2s \
    -n default get serviceaccount default -o name
}

# ---------------------------------------------------------------------------------------------
# Commands

cmd_up() {
  local name t0 extra=()
  t0="$(now_ms)"
  refuse_running
  arm_up_trap

  BIN_DIR="$("$E2E_DIR/build-k8s.sh" | tail -n1)"
  plain_path "$BIN_DIR" || die "bin dir '$BIN_DIR' contains characters that need quoting"
  for name in "${COMPONENTS[@]}" kubectl; do
    [[ -x "$BIN_DIR/$name" ]] || die "$BIN_DIR/$name missing after build-k8s.sh"
  done

  # Start from a clean slate: state of an earlier run in this DIR would not match the new PKI.
  mkdir -p "$DIR"
  rm -rf "$PKI" "$LOGS" "$DIR/etcd-data" "$DIR/env" "$DIR"/*.kubeconfig "$DIR"/*.pid
  mkdir -p "$LOGS"

  make_pki
  read -r ETCD_PORT ETCD_PEER_PORT APISERVER_PORT KCM_PORT <<<"$(free_ports 4)"
  ETCD_URL="http://127.0.0.1:$ETCD_PORT"
  APISERVER_URL="https://127.0.0.1:$APISERVER_PORT"
  write_kubeconfig "$DIR/admin.kubeconfig" admin "$PKI/admin.crt" "$PKI/admin.key"
  write_kubeconfig "$DIR/controller-manager.kubeconfig" system:kube-controller-manager \
    "$PKI/controller-manager.crt" "$PKI/controller-manager.key"

  read -ra extra <<<"${ETCD_EXTRA_ARGS:-}"
  start etcd "$BIN_DIR/etcd" \
    --name=default \
    --data-dir="$DIR/etcd-data" \
    --listen-client-urls="$ETCD_URL" \
    --advertise-client-urls="$ETCD_URL" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="default=http://127.0.0.1:$ETCD_PEER_PORT" \
    "${extra[@]}"
  wait_until etcd "etcd healthy ($ETCD_URL)" etcd_healthy

  read -ra extra <<<"${APISERVER_EXTRA_ARGS:-}"
  # --endpoint-reconciler-type=none: the 'kubernetes' Endpoints would get 127.0.0.1, which
  # Endpoints reject. --requestheader-* and --proxy-client-*: the aggregation layer, so that
  # APIServices (the adapter) can be served through this apiserver.
  start kube-apiserver "$BIN_DIR/kube-apiserver" \
    --etcd-servers="$ETCD_URL" \
    --bind-address=127.0.0.1 \
    --advertise-address=127.0.0.1 \
    --secure-port="$APISERVER_PORT" \
    --endpoint-reconciler-type=none \
    --tls-cert-file="$PKI/apiserver.crt" \
    --tls-private-key-file="$PKI/apiserver.key" \
    --client-ca-file="$PKI/ca.crt" \
    --authorization-mode=Node,RBAC \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$PKI/sa.pub" \
    --service-account-signing-key-file="$PKI/sa.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --requestheader-client-ca-file="$PKI/front-proxy-ca.crt" \
    --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User \
    --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --proxy-client-cert-file="$PKI/front-proxy-client.crt" \
    --proxy-client-key-file="$PKI/front-proxy-client.key" \
    "${extra[@]}"
  wait_until kube-apiserver "kube-apiserver ready ($APISERVER_URL/readyz)" apiserver_ready

  read -ra extra <<<"${KCM_EXTRA_ARGS:-}"
  # --use-service-account-credentials: each controller calls as its own ServiceAccount (the HPA
  # as system:serviceaccount:kube-system:horizontal-pod-autoscaler), as in a real cluster.
  start kube-controller-manager "$BIN_DIR/kube-controller-manager" \
    --kubeconfig="$DIR/controller-manager.kubeconfig" \
    --authentication-kubeconfig="$DIR/controller-manager.kubeconfig" \
    --authorization-kubeconfig="$DIR/controller-manager.kubeconfig" \
    --bind-address=127.0.0.1 \
    --secure-port="$KCM_PORT" \
    --controllers='*' \
    --leader-elect=false \
    --use-service-account-credentials=true \
    --service-account-private-key-file="$PKI/sa.key" \
    --root-ca-file="$PKI/ca.crt" \
    --cluster-signing-cert-file="$PKI/ca.crt" \
    --cluster-signing-key-file="$PKI/ca.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --horizontal-pod-autoscaler-sync-period="$HPA_SYNC_PERIOD" \
    "${extra[@]}"
  wait_until kube-controller-manager "kube-controller-manager healthy" kcm_healthy
  # Pods are rejected by the ServiceAccount admission plugin until the ServiceAccount controller
  # has created 'default' in their namespace.
  wait_until kube-controller-manager "ServiceAccount default/default exists" default_sa_exists

  write_env
  UP_DONE=1
  log "control plane up in $(elapsed_s "$t0") s; env in $DIR/env"
  cat "$DIR/env"
}

# write_env: DIR/env, written to a temp file and renamed, so its existence means "ready".
write_env() {
  cat >"$DIR/env.tmp" <<EOF
KUBECONFIG=$DIR/admin.kubeconfig
APISERVER_URL=$APISERVER_URL
APISERVER_PORT=$APISERVER_PORT
ETCD_URL=$ETCD_URL
ETCD_PORT=$ETCD_PORT
ETCD_PEER_PORT=$ETCD_PEER_PORT
KCM_PORT=$KCM_PORT
CLUSTER_CA=$PKI/ca.crt
CLUSTER_CA_KEY=$PKI/ca.key
FRONT_PROXY_CA=$PKI/front-proxy-ca.crt
ADMIN_CERT=$PKI/admin.crt
ADMIN_KEY=$PKI/admin.key
PKI_DIR=$PKI
LOG_DIR=$LOGS
BIN_DIR=$BIN_DIR
KUBECTL=$BIN_DIR/kubectl
SERVICE_CLUSTER_IP_RANGE=$SERVICE_CIDR
EOF
  mv -f "$DIR/env.tmp" "$DIR/env"
}

cmd_status() { components_status; }

run_command "$@"
