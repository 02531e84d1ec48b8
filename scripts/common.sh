# shellcheck shell=bash
# Shell helpers shared by demo.sh, bench/lib.sh and e2e/lib.sh; source it, don't run it. Every
# helper works under `set -euo pipefail`.
#
# Messages: log and die tag their lines with LOG_TAG (default: the script's file name).
# Processes: make_work_dir creates the temp dir WORK and the exit trap; start and spawn run
# commands in process groups of their own, which stop, reap and the trap's cleanup end. e2e/lib.sh
# replaces start, stop and wait_until with variants for components that outlive the shell
# (pid files in a state dir).

# ---- messages and checks -------------------------------------------------------------------------

# log MSG...: "[LOG_TAG] MSG" on stderr.
log() { printf '[%s] %s\n' "${LOG_TAG:-${0##*/}}" "$*" >&2; }

# die MSG...: "[LOG_TAG] ERROR: MSG" on stderr, then exits 1.
die() {
  printf '[%s] ERROR: %s\n' "${LOG_TAG:-${0##*/}}" "$*" >&2
  exit 1
}

# have CMD: true if CMD can be run (on PATH, or a function or builtin).
have() { command -v "$1" >/dev/null 2>&1; }

# parse_duration TEXT: prints the seconds of "90s", "10m", "1h", "1m30s" or "90"; fails otherwise.
parse_duration() {
  local text=$1
  if [[ $text =~ ^[0-9]+$ ]]; then
    echo $((10#$text))
    return 0
  fi
  [[ -n $text && $text =~ ^([0-9]+h)?([0-9]+m)?([0-9]+s)?$ ]] || return 1
  local h=${BASH_REMATCH[1]%h} m=${BASH_REMATCH[2]%m} s=${BASH_REMATCH[3]%s}
  echo $((10#${h:-0} * 3600 + 10#${m:-0} * 60 + 10#${s:-0}))
}

# free_ports N: prints N distinct TCP ports that are free on 127.0.0.1 right now, chosen by the
# kernel (bind to port 0). Another process could still take one before it is bound; the
# component's log then shows "address already in use".
free_ports() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()' "$1"
    return
  fi
  # Fallback: random ports below the usual ephemeral range, skipping any that are listening.
  local chosen=() port used
  used=" $(ss -Htan | awk '{n = split($4, a, ":"); print a[n]}' | tr '\n' ' ') "
  while ((${#chosen[@]} < $1)); do
    port=$((20000 + RANDOM % 12000))
    [[ "$used" == *" $port "* || " ${chosen[*]} " == *" $port "* ]] || chosen+=("$port")
  done
  echo "${chosen[*]}"
}

# ---- processes started by this shell -------------------------------------------------------------

WORK=          # the temp dir (make_work_dir): logs and data of the processes started here
PIDS=()        # pids of the processes started here, oldest first; "" once stopped or reaped
NAMES=()       # their names
LAST_PID=      # pid of the latest start or spawn
FG_PID=        # the command foreground waits for
CLEANUP_HOOK=  # a function the exit trap runs before stopping the processes (optional)

# make_work_dir NAME: creates WORK (${TMPDIR:-/tmp}/NAME.XXXXXX) and makes every exit (Ctrl-C:
# status 130, TERM: 143) run cleanup.
make_work_dir() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# cleanup: the exit trap. Ends the foreground command, runs CLEANUP_HOOK, stops every process
# started here (stop_all), removes WORK (KEEP_WORK=1 keeps it), and exits with the script's status.
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  # Whoever reads our output may be gone (closed pipe): keep cleaning up regardless.
  trap '' PIPE
  set +e
  if [[ -n $FG_PID ]]; then
    kill "$FG_PID" 2>/dev/null
    wait "$FG_PID" 2>/dev/null
  fi
  if [[ -n $CLEANUP_HOOK ]]; then "$CLEANUP_HOOK"; fi
  stop_all
  if [[ -n $WORK && -d $WORK ]]; then
    if [[ ${KEEP_WORK:-0} == 1 ]]; then
      echo "Stopped everything; kept $WORK (KEEP_WORK=1)."
    else
      rm -rf "$WORK"
      echo "Stopped everything; removed $WORK."
    fi
  fi
  exit "$code"
}

# foreground COMMAND...: runs COMMAND and returns its status, waiting in the background so that a
# signal runs the traps at once (cleanup ends COMMAND).
foreground() {
  local code=0
  "$@" &
  FG_PID=$!
  wait "$FG_PID" || code=$?
  FG_PID=
  return "$code"
}

# pause SECONDS: sleeps without delaying the traps.
pause() { foreground sleep "$1" || true; }

# spawn NAME COMMAND...: runs COMMAND in the background, in a process group of its own (setsid,
# when installed) so that stop ends its children too, with stdin from /dev/null and its output
# where ours goes; tracks it as NAME, its pid in LAST_PID.
spawn() {
  local name=$1
  shift
  if have setsid; then
    setsid "$@" </dev/null &
  else
    "$@" </dev/null &
  fi
  LAST_PID=$!
  PIDS+=("$LAST_PID")
  NAMES+=("$name")
}

# start NAME COMMAND...: spawn with the output (stdout and stderr) in $WORK/NAME.log.
start() { spawn "$@" >"$WORK/$1.log" 2>&1; }

# pid_of NAME: prints the pid of the process started as NAME, unless it was stopped or reaped.
pid_of() {
  local i
  for i in "${!NAMES[@]}"; do
    if [[ ${NAMES[i]} == "$1" && -n ${PIDS[i]} ]]; then echo "${PIDS[i]}"; fi
  done
}

# signal_group SIGNAL PID: sends SIGNAL to PID's process group, or to PID alone if it leads none.
signal_group() { kill -"$1" -- "-$2" 2>/dev/null || kill -"$1" "$2" 2>/dev/null || true; }

# stop_pids PID...: TERM to each one's process group, KILL to those still running 20 s later, and
# reaps them.
stop_pids() {
  local pid deadline=$((SECONDS + 20))
  for pid in "$@"; do signal_group TERM "$pid"; done
  for pid in "$@"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then signal_group KILL "$pid"; fi
    wait "$pid" 2>/dev/null || true
  done
}

# stop NAME: stops the process started as NAME (stop_pids) and forgets it.
stop() {
  local i
  for i in "${!NAMES[@]}"; do
    if [[ ${NAMES[i]} == "$1" && -n ${PIDS[i]} ]]; then
      stop_pids "${PIDS[i]}"
      PIDS[i]=
    fi
  done
}

# stop_all: stops every process started here and not yet stopped or reaped, newest first, and
# says which ones were still running.
stop_all() {
  local i pids=() running=()
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    [[ -n ${PIDS[i]} ]] || continue
    pids+=("${PIDS[i]}")
    if kill -0 "${PIDS[i]}" 2>/dev/null; then running+=("${NAMES[i]}"); fi
    PIDS[i]=
  done
  if ((${#running[@]} > 0)); then echo "Stopping ${running[*]}..."; fi
  if ((${#pids[@]} > 0)); then stop_pids "${pids[@]}"; fi
}

# reap NAME: waits for the process started as NAME to exit, forgets it, and returns its status.
reap() {
  local i code=0
  for i in "${!NAMES[@]}"; do
    if [[ ${NAMES[i]} == "$1" && -n ${PIDS[i]} ]]; then
      wait "${PIDS[i]}" || code=$?
      PIDS[i]=
    fi
  done
  return "$code"
}

# show_log NAME: the last 40 lines of $WORK/NAME.log on stderr, between marker lines.
show_log() {
  echo "---- last lines of $1's log ($WORK/$1.log) ----" >&2
  tail -n 40 "$WORK/$1.log" >&2 || true
  echo "----" >&2
}

# wait_until SECONDS NAME WHAT COMMAND...: polls COMMAND every 50 ms until it succeeds; dies (with
# NAME's log) when the process started as NAME exits first or SECONDS pass.
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
    pause 0.05
  done
}
