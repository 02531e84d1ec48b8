# Shell helpers shared by control-plane.sh and cluster.sh; source it, don't run it.
# Expects `set -euo pipefail` in the caller. Set LOG_TAG before calling log/die. Both scripts end
# with run_command "$@" (the up|down|status DIR command line, below).

# shellcheck shell=bash

# log, die, free_ports, ... (scripts/common.sh). Its start, stop and wait_until track children of
# one shell; the ones below replace them for components that outlive it (pid files in $DIR).
# shellcheck source=SCRIPTDIR/../scripts/common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/common.sh"

now_ms() { date +%s%3N; }
elapsed_s() { local ms=$(($(now_ms) - $1)); printf '%d.%01d' $((ms / 1000)) $((ms % 1000 / 100)); }

# plain_path PATH: true if PATH needs no quoting in a KEY=value env file (read by non-shell
# callers, e.g. a Java fixture, which split on the first '=' and take the rest verbatim).
plain_path() { [[ "$1" =~ ^[A-Za-z0-9._/+@:-]+$ ]]; }

# ---------------------------------------------------------------------------------------------
# Processes

# alive PID: true if PID is a running (not zombie) process.
alive() {
  local state
  [[ -r "/proc/$1/stat" ]] || return 1
  state="$(sed -E 's/^[0-9]+ \(.*\) (.).*/\1/' "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

# cmdline PID: the process's argv joined by spaces (empty if it is gone).
cmdline() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true; }

# terminate NAME PID TIMEOUT: TERM, then KILL if PID is still alive after TIMEOUT seconds; waits
# (at most 5 s more) for it to be gone. Returns 1 if it survived.
terminate() {
  local name=$1 pid=$2 timeout=$3 deadline
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
  if alive "$pid"; then
    log "$name (pid $pid) still running after ${timeout}s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 5))
    while alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
  fi
  if alive "$pid"; then
    log "WARNING: $name (pid $pid) did not exit"
    return 1
  fi
  log "stopped $name (pid $pid)"
}

# await_reaped PID...: a dead process stays in /proc until its parent (init, once the starting
# script has exited) reaps it, seen to take ~2 s; wait up to 3 s so that a pgrep right after a
# 'down' finds nothing.
await_reaped() {
  local pid deadline=$((SECONDS + 3))
  for pid in "$@"; do
    while [[ -e "/proc/$pid" ]] && ((SECONDS < deadline)); do sleep 0.1; done
  done
}

# ---------------------------------------------------------------------------------------------
# PKI (openssl, RSA 2048, PKCS#8 keys; each call uses its own minimal config so the system's
# openssl.cnf defaults do not add or clash with extensions). Files go to the directory $PKI.

new_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
serial() { echo "0x$(openssl rand -hex 16)"; }

# new_ca NAME CN: self-signed CA $PKI/NAME.crt, $PKI/NAME.key.
new_ca() {
  local name=$1 cn=$2
  new_key "$PKI/$name.key"
  openssl req -new -x509 -key "$PKI/$name.key" -subj "/CN=$cn" -days 365 -set_serial "$(serial)" \
    -out "$PKI/$name.crt" -config <(
      printf '[req]\ndistinguished_name=dn\n[dn]\n[ext]\n'
      printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign,digitalSignature\n'
      printf 'subjectKeyIdentifier=hash\n'
    ) -extensions ext
}

# new_cert NAME CA SUBJECT server|client [SANS]: $PKI/NAME.crt signed by $PKI/CA, key
# $PKI/NAME.key.
new_cert() {
  local name=$1 ca=$2 subject=$3 kind=$4 sans=${5:-} eku ext
  if [[ "$kind" == server ]]; then eku=serverAuth; else eku=clientAuth; fi
  ext="basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=$eku
authorityKeyIdentifier=keyid"
  [[ -z "$sans" ]] || ext+=$'\n'"subjectAltName=$sans"
  new_key "$PKI/$name.key"
  openssl req -new -key "$PKI/$name.key" -subj "$subject" -out "$PKI/$name.csr" \
    -config <(printf '[req]\ndistinguished_name=dn\n[dn]\n')
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/$ca.crt" -CAkey "$PKI/$ca.key" \
    -set_serial "$(serial)" -days 365 -out "$PKI/$name.crt" \
    -extfile <(printf '[ext]\n%s\n' "$ext") -extensions ext 2>/dev/null
  rm -f "$PKI/$name.csr"
}

# ---------------------------------------------------------------------------------------------
# The command line (up|down|status DIR). Each script defines usage, set_paths, owns_pid, stop_all,
# cmd_up and cmd_status, and lists its processes in COMPONENTS.

# run_command ARGS...: dispatches the script's command line: up, down or status DIR (after
# set_dir), or --help; anything else prints the usage and exits 2.
run_command() {
  case "${1:-}" in
    up) set_dir "${2:-}"; cmd_up ;;
    down) set_dir "${2:-}"; cmd_down ;;
    status) set_dir "${2:-}"; cmd_status ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

# set_dir DIR: makes DIR absolute and rejects characters that would need quoting in DIR/env
# (plain KEY=value, so that non-shell callers can parse it), then sets the script's paths under
# it (set_paths).
set_dir() {
  [[ -n "${1:-}" ]] || { usage >&2; die "missing DIR"; }
  DIR="$(realpath -m -- "$1")"
  plain_path "$DIR" || die "DIR '$DIR' contains characters that need quoting; use a plain path"
  set_paths
}

# component_pid NAME: prints the pid recorded in $DIR/NAME.pid if that process is alive and the
# script's owns_pid PID NAME says it is NAME's, so a recycled pid is never signalled.
component_pid() {
  local name=$1 pid
  [[ -f "$DIR/$name.pid" ]] || return 1
  pid="$(cat "$DIR/$name.pid")"
  [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" || return 1
  owns_pid "$pid" "$name" || return 1
  echo "$pid"
}

# refuse_running: dies if a component of $COMPONENTS is running in $DIR.
refuse_running() {
  local name pid
  for name in "${COMPONENTS[@]}"; do
    if pid="$(component_pid "$name")"; then
      die "$name is already running in $DIR (pid $pid); run '$0 down $DIR' first"
    fi
  done
}

# arm_up_trap: from now on, any exit before 'up' sets UP_DONE=1 runs on_up_exit (INT and TERM
# exit 130).
arm_up_trap() {
  UP_DONE=0
  CURRENT=""
  trap on_up_exit EXIT
  trap 'exit 130' INT TERM
}

# cmd_down: stops every component of $DIR (the script's stop_all); nothing to do without $DIR.
cmd_down() {
  if [[ ! -d "$DIR" ]]; then
    log "$DIR does not exist; nothing to stop"
    return 0
  fi
  stop_all
}

# components_status: one line per component of $COMPONENTS; fails if one is not running.
components_status() {
  local name pid rc=0
  for name in "${COMPONENTS[@]}"; do
    if pid="$(component_pid "$name")"; then
      echo "$name running (pid $pid)"
    else
      echo "$name not running"
      rc=1
    fi
  done
  return "$rc"
}

# start NAME COMMAND...: runs COMMAND in the background, output in $LOGS/NAME.log, pid in
# $DIR/NAME.pid; NAME becomes the component whose log a failed 'up' shows.
start() {
  local name=$1
  shift
  CURRENT="$name"
  "$@" >"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$DIR/$name.pid"
}

# stop NAME [TIMEOUT]: TERM, then KILL after TIMEOUT (default $STOP_TIMEOUT) seconds; records the
# pid in STOPPED_PIDS for await_reaped.
stop() {
  local name=$1 timeout=${2:-$STOP_TIMEOUT} pid
  if pid="$(component_pid "$name")" && terminate "$name" "$pid" "$timeout"; then
    STOPPED_PIDS+=("$pid")
  fi
  rm -f "$DIR/$name.pid"
}

# wait_until NAME WHAT CMD...: polls CMD every 0.25 s until it succeeds; fails if the process of
# component NAME dies or START_TIMEOUT seconds pass. Sets WAITED to the seconds it took.
wait_until() {
  local name=$1 what=$2 t0
  shift 2
  CURRENT="$name"
  t0="$(now_ms)"
  while ! "$@" >/dev/null 2>&1; do
    component_pid "$name" >/dev/null || die "$name exited while waiting for $what"
    (($(now_ms) - t0 <= START_TIMEOUT * 1000)) || die "$what: not reached within ${START_TIMEOUT}s"
    sleep 0.25
  done
  WAITED="$(elapsed_s "$t0")"
  log "$what after $WAITED s"
}

# on_up_exit: EXIT trap of 'up'. If 'up' did not finish (UP_DONE unset), show the log of the
# component it was at and stop what it started (the script's stop_all).
on_up_exit() {
  local rc=$?
  ((UP_DONE)) && return 0
  ((rc != 0)) || rc=1
  if [[ -n "$CURRENT" && -f "$LOGS/$CURRENT.log" ]]; then
    log "last lines of $LOGS/$CURRENT.log:"
    tail -n 40 "$LOGS/$CURRENT.log" | sed 's/^/    /' >&2
  fi
  log "up failed; stopping what was started"
  stop_all
  exit "$rc"
}
