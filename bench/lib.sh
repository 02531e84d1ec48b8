# shellcheck shell=bash
# Shared by bench/throughput.sh, bench/soak.sh and bench/discovery.sh (sourced, not run).
#
# Provides, on top of scripts/common.sh (messages, the temp dir, process bookkeeping with cleanup
# on exit, free loopback ports): prerequisites (installs wrk with apt-get when missing and run as
# root), a Prometheus backfilled with 100 pods' worth of http_requests_total, starting the adapter
# (start-to-ready time and idle RSS), wrk runs with a machine-readable result line, and probes of
# the adapter (RSS, heap after GC, its own /metrics).
#
# Environment (all optional):
#   ADAPTER_JAR      adapter jar (default adapter/target/metrics-adapter.jar, relative to the repo root)
#   JAVA_OPTS        extra JVM options for the adapter (default none: the JVM's own defaults)
#   PROMETHEUS_BIN   prometheus binary (default: prometheus on PATH)
#   PROMTOOL_BIN     promtool binary (default: promtool on PATH)
#   PODS             number of pods web-0..web-(PODS-1) (default 100)
#   KEEP_WORK=1      keep the temp dir (logs, TSDB, wrk output) instead of removing it at exit
#   QUIET_WAIT=N     before each adapter start and measured run, wait up to N s for the rest of
#                    the machine to be idle, and repeat a measured run it disturbed (default 0:
#                    neither); see wait_for_quiet and measure_wrk

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
export BENCH_DIR
# shellcheck source=SCRIPTDIR/../scripts/common.sh
source "$ROOT/scripts/common.sh"
LOG_TAG="${SCRIPT_NAME:-${0##*/}}"

ADAPTER_JAR="${ADAPTER_JAR:-adapter/target/metrics-adapter.jar}"
[[ $ADAPTER_JAR == /* ]] || ADAPTER_JAR="$ROOT/$ADAPTER_JAR"
RULES_FILE="$ROOT/rules/demo.yaml"
PODS="${PODS:-100}"
export PODS
NAMESPACE=demo
METRIC=http_requests_per_second
API_BASE="/apis/custom.metrics.k8s.io/v1beta2/namespaces/$NAMESPACE/pods"
WILDCARD_PATH="$API_BASE/*/$METRIC?labelSelector=app%3Dweb"
read -r -a JAVA_OPTS_ARR <<<"${JAVA_OPTS:-}"

now_s() { echo "${EPOCHREALTIME:-$(date +%s.%N)}"; }

ensure_wrk() {
  have wrk && return 0
  if [[ $(id -u) == 0 ]] && have apt-get; then
    log "wrk is missing: installing it (apt-get install -y --no-install-recommends wrk)"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q --no-install-recommends wrk >/dev/null; then
      apt-get update -q >/dev/null
      apt-get install -y -q --no-install-recommends wrk >/dev/null
    fi
    have wrk || die "apt-get installed wrk but no wrk is on PATH"
  else
    log "wrk is not installed. Install it, then run again:"
    echo "  sudo apt-get install --no-install-recommends wrk     # Debian, Ubuntu" >&2
    exit 1
  fi
}

# bench_init: checks prerequisites, creates the temp dir and installs the cleanup traps.
bench_init() {
  local tool
  for tool in java jcmd jstat curl python3; do
    have "$tool" || die "needs $tool on PATH (a JDK 17+, curl, python3)"
  done
  PROMETHEUS_BIN=${PROMETHEUS_BIN:-$(command -v prometheus || true)}
  PROMTOOL_BIN=${PROMTOOL_BIN:-$(command -v promtool || true)}
  [[ -n $PROMETHEUS_BIN && -n $PROMTOOL_BIN ]] ||
    die "needs prometheus and promtool (Debian: apt-get install prometheus)"
  ensure_wrk
  [[ -f $ADAPTER_JAR ]] || die "$ADAPTER_JAR is missing: build it (./mvnw -B -DskipTests package) or set ADAPTER_JAR"
  [[ -f $RULES_FILE ]] || die "$RULES_FILE is missing"
  make_work_dir metrics-adapter-bench
}

urlencode() {
  python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"
}

# ---- Prometheus --------------------------------------------------------------------------------

# generate_openmetrics FILE: http_requests_total{code="200",method="GET"} of pods web-0..web-(PODS-1)
# in namespace demo (labels namespace, pod, service="demo-app", app="web"), a sample every 15 s
# from 1 h before now to 1 h after now, growing linearly at 1 + (i % 10) requests/s for pod web-i,
# so rate() is constant: 1..10 per pod, 5.5 per pod on average.
generate_openmetrics() {
  python3 - "$1" "$PODS" <<'EOF'
import sys, time
path, pods = sys.argv[1], int(sys.argv[2])
now = int(time.time())
start, end = now - 3600, now + 3600
with open(path, "w") as f:
    f.write("# HELP http_requests Total HTTP requests.\n# TYPE http_requests counter\n")
    for i in range(pods):
        rate = 1 + i % 10
        labels = (f'namespace="demo",pod="web-{i}",service="demo-app",app="web",'
                  f'code="200",method="GET"')
        for t in range(start, end + 1, 15):
            f.write(f"http_requests_total{{{labels}}} {rate * (t - start)} {t}\n")
    f.write("# EOF\n")
EOF
}

# setup_prometheus: backfills the series with promtool into a fresh TSDB and starts Prometheus
# on it (no scrape jobs). Sets PROM_PORT, PROM_URL.
setup_prometheus() {
  log "Generating OpenMetrics for $PODS pods (2 h of samples every 15 s) and backfilling with promtool"
  generate_openmetrics "$WORK/series.om"
  start_prometheus_on "$WORK/series.om" prometheus
  local total
  total=$(curl -sfG --max-time 10 "$PROM_URL/api/v1/query" \
    --data-urlencode 'query=sum(rate(http_requests_total{namespace="demo"}[2m]))' |
    python3 -c 'import json, sys; r = json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "none")')
  log "Prometheus $PROM_URL ready (pid $PROM_PID); sum of per-pod rates now: $total requests/s"
}

# start_prometheus_on FILE NAME: backfills the OpenMetrics FILE with promtool into a fresh TSDB
# $WORK/NAME-data and starts Prometheus on it as NAME (no scrape jobs), waiting for /-/ready.
# Sets PROM_PORT, PROM_URL, PROM_PID.
start_prometheus_on() {
  local file=$1 name=$2
  "$PROMTOOL_BIN" tsdb create-blocks-from openmetrics "$file" "$WORK/$name-data" \
    >"$WORK/$name-promtool.log" 2>&1 || {
    cat "$WORK/$name-promtool.log" >&2
    die "promtool could not backfill $file"
  }
  echo "global: {scrape_interval: 15s, evaluation_interval: 15s}" >"$WORK/$name.yml"
  PROM_PORT=$(free_ports 1)
  PROM_URL="http://127.0.0.1:$PROM_PORT"
  start "$name" "$PROMETHEUS_BIN" --config.file="$WORK/$name.yml" \
    --storage.tsdb.path="$WORK/$name-data" --storage.tsdb.retention.time=30d \
    --web.listen-address="127.0.0.1:$PROM_PORT"
  PROM_PID=$LAST_PID
  wait_until 120 "$name" "readiness (/-/ready)" curl -sf --max-time 2 "$PROM_URL/-/ready"
}

# ---- adapter -----------------------------------------------------------------------------------

# start_adapter NAME [FLAG...]: starts the adapter on a free port with rules/demo.yaml (standalone,
# fresh --cert-dir) and waits for /readyz 200. Sets ADAPTER_PID, ADAPTER_URL, READY_S (start to
# ready, seconds) and IDLE_RSS_KB (right after ready).
start_adapter() {
  local name=$1
  shift
  local port t0 t1
  port=$(free_ports 1)
  ADAPTER_URL="https://127.0.0.1:$port"
  t0=$(now_s)
  start "$name" java "${JAVA_OPTS_ARR[@]}" -jar "$ADAPTER_JAR" --config="$RULES_FILE" \
    --prometheus-url="$PROM_URL" --kubeconfig=none --secure-port="$port" \
    --bind-address=127.0.0.1 --cert-dir="$WORK/certs-$name" "$@"
  ADAPTER_PID=$LAST_PID
  wait_until 120 "$name" "readiness (/readyz 200)" adapter_ready
  t1=$(now_s)
  READY_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  IDLE_RSS_KB=$(rss_kb "$ADAPTER_PID")
  log "adapter $name ($*) ready at $ADAPTER_URL in ${READY_S}s, RSS $(kb_to_mib "$IDLE_RSS_KB") MiB (pid $ADAPTER_PID)"
}

adapter_ready() {
  [[ $(curl -sk --max-time 2 -o /dev/null -w '%{http_code}' "$ADAPTER_URL/readyz") == 200 ]]
}

# check_adapter_serves: fails unless the wildcard request lists all PODS pods and an object
# request answers 200 (the setup is broken otherwise; this checks no benchmark number).
check_adapter_serves() {
  local count
  count=$(curl -sk --max-time 10 "$ADAPTER_URL$WILDCARD_PATH" |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin).get("items") or []))' 2>/dev/null || echo 0)
  [[ $count == "$PODS" ]] || die "the wildcard request answered $count items instead of $PODS"
  local code
  code=$(curl -sk --max-time 10 -o /dev/null -w '%{http_code}' "$ADAPTER_URL$API_BASE/web-0/$METRIC")
  [[ $code == 200 ]] || die "the object request for web-0 answered $code"
}

# explain_promql REQUEST_PATH: the exact PromQL the adapter sends for REQUEST_PATH (its
# /debug/explain endpoint, .queries[0].promql).
explain_promql() {
  curl -sk --max-time 10 "$ADAPTER_URL/debug/explain?path=$(urlencode "$1")" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["queries"][0]["promql"])'
}

rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }

threads_of() { ps -o nlwp= -p "$1" | tr -d ' '; }

kb_to_mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# heap_after_gc PID: runs a full GC (jcmd GC.run), then prints "LIVE_KB USED_KB COMMITTED_KB
# METASPACE_KB" from jstat -gc. LIVE_KB is the old generation's occupancy: right after a full GC it
# holds everything that survived, while eden already refills in the half second jstat needs to
# attach; USED_KB is the whole heap (survivors + eden + old) at that moment.
heap_after_gc() {
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  jstat -gc "$1" | awk '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    NR == 2 {
      used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]
      committed = $col["S0C"] + $col["S1C"] + $col["EC"] + $col["OC"]
      printf "%.0f %.0f %.0f %.0f\n", $col["OU"], used, committed, $col["MU"]
    }'
}

# adapter_counters: from the adapter's /metrics, prints "API_REQUESTS API_NON2XX PROM_QUERIES
# PROM_FAILED CACHE_HITS CACHE_MISSES PROM_OTHER PROM_OTHER_FAILED" where API_* count
# custom.metrics.k8s.io requests (non-2xx: any code outside 2xx), PROM_QUERIES the adapter's
# /api/v1/query calls to Prometheus, PROM_OTHER its other calls (/api/v1/series: discovery and,
# in some versions, the objects of wildcard requests); *_FAILED: any outcome but success.
adapter_counters() {
  curl -sk --max-time 10 "$ADAPTER_URL/metrics" | awk '
    /^metrics_adapter_api_requests_total\{/ && /group="custom.metrics.k8s.io"/ {
      req += $NF
      if ($0 !~ /code="2[0-9][0-9]"/) bad += $NF
    }
    /^metrics_adapter_prometheus_requests_total\{/ && /endpoint="query"/ {
      q += $NF
      if ($0 !~ /outcome="success"/) qf += $NF
    }
    /^metrics_adapter_prometheus_requests_total\{/ && !/endpoint="query"/ {
      o += $NF
      if ($0 !~ /outcome="success"/) of += $NF
    }
    /^metrics_adapter_cache_lookups_total\{/ && /cache="query_result"/ {
      if ($0 ~ /result="hit"/) hit += $NF; else miss += $NF
    }
    END { printf "%d %d %d %d %d %d %d %d\n", req, bad, q, qf, hit, miss, o, of }'
}

# adapter_codes: custom.metrics.k8s.io request counts by code, e.g. "200=1234 503=5".
adapter_codes() {
  curl -sk --max-time 10 "$ADAPTER_URL/metrics" | awk '
    /^metrics_adapter_api_requests_total\{/ && /group="custom.metrics.k8s.io"/ {
      match($0, /code="[^"]*"/); code = substr($0, RSTART + 6, RLENGTH - 7); n[code] += $NF
    }
    END { s = ""; for (c in n) s = s sprintf("%s%s=%d", (s == "" ? "" : " "), c, n[c]); print (s == "" ? "none" : s) }'
}

# adapter_log_problems NAME: prints the WARN/ERROR lines of NAME's log (at most 20) and their count.
adapter_log_problems() {
  local file="$WORK/$1.log" n
  n=$(grep -cE '\b(WARN|ERROR)\b|Exception' "$file" || true)
  echo "adapter log ($1): $n WARN/ERROR/exception lines"
  if ((n > 0)); then grep -E '\b(WARN|ERROR)\b|Exception' "$file" | head -n 20 | sed 's/^/  | /'; fi
}

# ---- CPU accounting ----------------------------------------------------------------------------
# The numbers only mean something on an otherwise idle machine: every run reports the CPU (in
# cores) used by the adapter, Prometheus, wrk and the rest of the machine (other processes and
# kernel work not charged to them), so that a busy machine shows.

CLK_TCK=$(getconf CLK_TCK)

# proc_ticks PID: user + system clock ticks of PID (0 when PID is empty or gone).
proc_ticks() {
  if [[ -n ${1:-} ]] && [[ -r /proc/$1/stat ]]; then
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0
  else
    echo 0
  fi
}

# busy_ticks: clock ticks the whole machine spent busy (user nice system irq softirq steal).
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

# children_seconds FILE: user + system seconds of waited-for children, from the output of the
# `times` builtin saved in FILE (run as `times >FILE` in the current shell: no subshell).
children_seconds() {
  awk 'NR == 2 {
    t = 0
    for (i = 1; i <= 2; i++) { split($i, p, "m"); sub(/s$/, "", p[2]); t += p[1] * 60 + p[2] }
    print t
  }' "$1"
}

# proc_snapshot FILE: "pid ticks name" of every process, for other_consumers.
proc_snapshot() {
  python3 - "$1" <<'PY'
import os, sys
hz = os.sysconf("SC_CLK_TCK")
with open("/proc/uptime") as f:
    now_ticks = int(float(f.read().split()[0]) * hz)
with open(sys.argv[1], "w") as out:
    out.write(f"uptime {now_ticks} -\n")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        if int(pid) == os.getpid():
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        words = cmd.split()
        if not words:
            name = stat[stat.index("(") + 1:stat.rindex(")")]
        elif "plexus-classworlds" in cmd:
            name = "maven"
        else:
            jars = [os.path.basename(w) for w in words if w.endswith(".jar")]
            name = os.path.basename(words[0]) + (":" + jars[0] if jars else "")
        # pid, CPU ticks, start time (ticks after boot), name
        out.write(f"{pid} {int(fields[11]) + int(fields[12])} {fields[19]} {name.replace(' ', '_')[:60]}\n")
PY
}

# other_consumers BEFORE AFTER SECONDS PID...: the (at most 3) processes other than PID... that
# used the most CPU between two proc_snapshot files, as "name(pid)=cores", or "none". A process
# started in between counts with all its CPU; one that ended in between is not seen.
other_consumers() {
  local before=$1 after=$2 secs=$3
  shift 3
  awk -v secs="$secs" -v hz="$CLK_TCK" -v mine=" $* " '
    NR == FNR { if ($1 == "uptime") boot0 = $2; else { t0[$1] = $2; s0[$1] = $3 }; next }
    $1 == "uptime" || index(mine, " " $1 " ") > 0 { next }
    {
      if ($1 in t0 && s0[$1] == $3) used = $2 - t0[$1]
      else if ($3 >= boot0) used = $2
      else next
      if (used > 0) printf "%.2f %s(%s)\n", used / hz / secs, $4, $1
    }' "$before" "$after" | sort -rn | head -n 3 |
    awk '$1 >= 0.02 { printf "%s%s=%s", (n++ ? ", " : ""), $2, $1 } END { if (!n) printf "none" }'
}

# cores TICKS SECONDS: TICKS as cores over SECONDS of wall time.
cores() { awk -v t="$1" -v s="$2" -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", (s > 0 ? t / hz / s : 0) }'; }

# our_ticks: CPU ticks of every process started here.
our_ticks() {
  local pid total=0
  for pid in "${PIDS[@]}"; do
    [[ -n $pid ]] && total=$((total + $(proc_ticks "$pid")))
  done
  echo "$total"
}

# wait_for_quiet: with QUIET_WAIT=N (seconds; default 0, no waiting), waits up to N s until the
# rest of the machine (everything but the processes started here) has stayed under 0.1 cores for
# 10 s in a row, then returns; on a shared machine this keeps other jobs out of a measurement.
wait_for_quiet() {
  local limit=${QUIET_WAIT:-0}
  ((limit > 0)) || return 0
  local deadline=$((SECONDS + limit)) quiet=0 b0 b1 m0 m1 waited=0
  while ((quiet < 10)); do
    if ((SECONDS >= deadline)); then
      log "the machine is still busy after ${limit}s (QUIET_WAIT): measuring anyway"
      return 0
    fi
    b0=$(busy_ticks) m0=$(our_ticks)
    sleep 2
    b1=$(busy_ticks) m1=$(our_ticks)
    if (((b1 - b0) - (m1 - m0) < CLK_TCK * 2 / 10)); then
      quiet=$((quiet + 2))
    else
      quiet=0
      ((waited)) || log "waiting for other processes to stop using CPU (QUIET_WAIT=${limit}s)..."
      waited=1
    fi
  done
  ((waited == 0)) || log "the machine is quiet again"
}

# ---- wrk ---------------------------------------------------------------------------------------

# run_wrk LABEL SCRIPT URL WRK_ARGS...: runs wrk --latency -s SCRIPT WRK_ARGS URL, prints its
# report (kept in $WORK/wrk-LABEL.txt) and sets WRK_LAST to its WRK_RESULT line (see report.lua)
# and WRK_CPU to "ADAPTER PROMETHEUS WRK REST" (cores used during the run; ADAPTER is that of
# ADAPTER_PID when it runs, else 0).
run_wrk() {
  local label=$1 script=$2 url=$3
  shift 3
  local adapter_pid=${ADAPTER_PID:-}
  [[ -n $adapter_pid ]] && ! kill -0 "$adapter_pid" 2>/dev/null && adapter_pid=
  log "wrk $label: wrk $* --latency -s $(basename "$script") $url"
  local t0 t1 busy0 busy1 a0 a1 p0 p1 code=0
  proc_snapshot "$WORK/procs.0"
  times >"$WORK/times.0"
  t0=$(now_s) busy0=$(busy_ticks) a0=$(proc_ticks "$adapter_pid") p0=$(proc_ticks "${PROM_PID:-}")
  foreground wrk "$@" --latency -s "$script" "$url" >"$WORK/wrk-$label.txt" 2>&1 || code=$?
  t1=$(now_s) busy1=$(busy_ticks) a1=$(proc_ticks "$adapter_pid") p1=$(proc_ticks "${PROM_PID:-}")
  times >"$WORK/times.1"
  proc_snapshot "$WORK/procs.1"
  if ((code != 0)); then
    cat "$WORK/wrk-$label.txt" >&2
    die "wrk $label failed (exit $code)"
  fi
  sed 's/^/    /' "$WORK/wrk-$label.txt"
  WRK_LAST=$(grep '^WRK_RESULT ' "$WORK/wrk-$label.txt" | tail -n 1)
  [[ -n $WRK_LAST ]] || die "wrk $label printed no WRK_RESULT line"
  local secs wrk_ticks
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  wrk_ticks=$(awk -v a="$(children_seconds "$WORK/times.0")" -v b="$(children_seconds "$WORK/times.1")" \
    -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", (b - a) * hz }')
  local rest=$(((busy1 - busy0) - (a1 - a0) - (p1 - p0) - wrk_ticks))
  ((rest >= 0)) || rest=0
  WRK_CPU="$(cores $((a1 - a0)) "$secs") $(cores $((p1 - p0)) "$secs") $(cores "$wrk_ticks" "$secs") $(cores "$rest" "$secs")"
  read -r _a _p _w _r <<<"$WRK_CPU"
  log "wrk $label: CPU cores used (of $(nproc)): adapter $_a, prometheus $_p, wrk $_w, rest of the machine $_r"
  WRK_OTHERS=$(other_consumers "$WORK/procs.0" "$WORK/procs.1" "$secs" "${PIDS[@]}" $$)
  log "wrk $label: other processes using CPU meanwhile: $WRK_OTHERS"
}

# measure_wrk LABEL SCRIPT URL WRK_ARGS...: run_wrk for a measured run. With QUIET_WAIT set, it
# first waits for a quiet machine (wait_for_quiet) and repeats the run (at most 3 runs in all)
# when the rest of the machine used 0.1 cores or more meanwhile; the last run counts.
measure_wrk() {
  local attempt rest
  for attempt in 1 2 3; do
    wait_for_quiet
    run_wrk "$@"
    rest=$(cut -d' ' -f4 <<<"$WRK_CPU")
    if [[ ${QUIET_WAIT:-0} == 0 ]] || awk -v r="$rest" 'BEGIN { exit !(r < 0.1) }'; then
      return 0
    fi
    ((attempt == 3)) || log "wrk $1: other processes used $rest cores meanwhile: repeating the run"
  done
  log "wrk $1: the machine was busy during 3 runs; keeping the last one"
}

# wrk_field NAME [RESULT_LINE]: one field of a WRK_RESULT line (default WRK_LAST).
wrk_field() {
  local line=${2:-$WRK_LAST}
  awk -v key="$1" '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] } }' <<<"$line"
}

# wrk_socket_errors [RESULT_LINE]: connect + read + write + timeout errors.
wrk_socket_errors() {
  local line=${1:-$WRK_LAST}
  echo $(($(wrk_field connect "$line") + $(wrk_field read "$line") + $(wrk_field write "$line") + $(wrk_field timeout "$line")))
}

# machine_summary: one line each for the machine, JDK, Prometheus, commit and date.
machine_summary() {
  local mem jdk prom commit
  mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  jdk=$(java -version 2>&1 | sed -n 2p || true)
  prom=$("$PROMETHEUS_BIN" --version 2>&1 | sed -n 1p || true)
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  local b0 b1
  b0=$(busy_ticks)
  sleep 2
  b1=$(busy_ticks)
  echo "machine:    $(nproc) cores, $mem ($(uname -sr))"
  echo "            busy before the start: $(cores $((b1 - b0)) 2) cores over 2 s (should be ~0), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "jdk:        $jdk${JAVA_OPTS:+ (JAVA_OPTS=$JAVA_OPTS)}"
  echo "prometheus: $prom"
  echo "wrk:        $(wrk -v 2>&1 | sed -n 1p | cut -d' ' -f1-2 || true)"
  echo "commit:     $commit (HEAD of $ROOT; the jar is built from whatever tree built it)"
  echo "jar:        $ADAPTER_JAR ($(date -u -r "$ADAPTER_JAR" '+%Y-%m-%d %H:%M:%S UTC'), $(stat -c %s "$ADAPTER_JAR") bytes)"
  echo "date:       $(date -u)"
}
