#!/usr/bin/env bash
# Soak test: a steady, moderate load on the adapter (default cache) for DURATION, sampling its
# heap after a full GC, its RSS and its request/error counters every SAMPLE_INTERVAL.
# See bench/README.md.
#
#   DURATION=10m bench/soak.sh
#
# Same setup as bench/throughput.sh (bench/lib.sh): Prometheus backfilled with 100 pods, the
# adapter standalone with rules/demo.yaml and its default cache (3 s). The load is wrk -t1 -c4 with
# bench/mixed.lua, each connection pausing DELAY_MS between requests (wrk has no rate option), so
# the rate stays moderate. Each sample runs `jcmd PID GC.run` and reads the heap from `jstat -gc`,
# RSS and thread count from ps, and the custom.metrics request counts by code from the adapter's
# /metrics. Prints the samples and a summary; nothing is checked.
#
# Environment (optional): DURATION (10m), SAMPLE_INTERVAL (30s), THREADS (1), CONNECTIONS (4),
# DELAY_MS (10), WILDCARD_EVERY (5), and those of bench/lib.sh (ADAPTER_JAR, JAVA_OPTS, PODS,
# KEEP_WORK, QUIET_WAIT, PROMETHEUS_BIN, PROMTOOL_BIN).
set -euo pipefail

SCRIPT_NAME=soak.sh
# shellcheck source=bench/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

DURATION_S=$(parse_duration "${DURATION:-10m}") || die "DURATION: '${DURATION:-}' is not Ns, Nm, Nh or N"
INTERVAL_S=$(parse_duration "${SAMPLE_INTERVAL:-30s}") || die "SAMPLE_INTERVAL: '${SAMPLE_INTERVAL:-}' is not Ns, Nm or N"
((DURATION_S >= 10)) || die "DURATION must be at least 10s"
((INTERVAL_S >= 1)) || die "SAMPLE_INTERVAL must be at least 1s"
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-4}
export DELAY_MS=${DELAY_MS:-10}
export WILDCARD_EVERY=${WILDCARD_EVERY:-5}

bench_init
echo "metrics-adapter soak test (temp dir $WORK)"
machine_summary
echo "load:       wrk -t$THREADS -c$CONNECTIONS -d${DURATION_S}s, ${DELAY_MS} ms pause per connection between requests;" \
  "1 in $WILDCARD_EVERY requests is the wildcard request; a sample every ${INTERVAL_S}s"
echo

setup_prometheus
wait_for_quiet
start_adapter adapter
check_adapter_serves

SAMPLES=()
WRK_PID=
proc_snapshot "$WORK/procs.prev"
CPU_T=$(now_s) CPU_BUSY=$(busy_ticks) CPU_ADAPTER=$(proc_ticks "$ADAPTER_PID")
CPU_PROM=$(proc_ticks "$PROM_PID") CPU_WRK=0
# sample T: one line "t_s live_kb heap_used_kb heap_committed_kb metaspace_kb rss_kb threads
# api_requests api_non2xx prom_queries prom_failed cache_hits cache_misses prom_other
# prom_other_failed adapter_cores rest_cores", printed and kept in SAMPLES (live_kb: old generation right after the full GC, see
# heap_after_gc in lib.sh; *_cores: CPU since the previous sample, measured before this sample's
# GC; rest: the machine minus adapter, Prometheus and wrk).
sample() {
  local t busy a p w secs rest heap counters line
  t=$(now_s) busy=$(busy_ticks) a=$(proc_ticks "$ADAPTER_PID") p=$(proc_ticks "$PROM_PID")
  w=$(proc_ticks "$WRK_PID")
  proc_snapshot "$WORK/procs.now"
  secs=$(awk -v a="$CPU_T" -v b="$t" 'BEGIN { print b - a }')
  rest=$(((busy - CPU_BUSY) - (a - CPU_ADAPTER) - (p - CPU_PROM) - (w - CPU_WRK)))
  ((rest >= 0)) || rest=0
  local cpu_line
  if [[ $1 == 0 ]]; then
    cpu_line="- -" # before the load: no interval yet
  elif [[ $1 == end* ]]; then
    # wrk has exited: its CPU of the last interval is unknown, so "rest" would be wrong.
    cpu_line="$(cores $((a - CPU_ADAPTER)) "$secs") -"
  else
    cpu_line="$(cores $((a - CPU_ADAPTER)) "$secs") $(cores "$rest" "$secs")"
  fi
  heap=$(heap_after_gc "$ADAPTER_PID")
  counters=$(adapter_counters)
  line="$1 $heap $(rss_kb "$ADAPTER_PID") $(threads_of "$ADAPTER_PID") $counters $cpu_line"
  SAMPLES+=("$line")
  # shellcheck disable=SC2086
  printf '%8s %9s %9s %9s %8s %8s %7s %9s %7s %8s %8s %8s %6s\n' $(cut -d' ' -f1-11,16-17 <<<"$line")
  if [[ $1 != end* && $1 != 0 ]] && ((rest * 10 >= CLK_TCK * ${secs%.*})); then
    echo "         (rest >= 0.1 cores: $(other_consumers "$WORK/procs.prev" "$WORK/procs.now" "$secs" "${PIDS[@]}" $$))"
  fi
  # The next interval starts after the GC and the probes.
  proc_snapshot "$WORK/procs.prev"
  CPU_T=$(now_s) CPU_BUSY=$(busy_ticks) CPU_ADAPTER=$(proc_ticks "$ADAPTER_PID")
  CPU_PROM=$(proc_ticks "$PROM_PID") CPU_WRK=$(proc_ticks "$WRK_PID")
}

printf '%8s %9s %9s %9s %8s %8s %7s %9s %7s %8s %8s %8s %6s\n' t_s live_kb heap_kb heap_comm meta_kb \
  rss_kb threads api_reqs non2xx prom_q prom_err cpu_adpt rest
wait_for_quiet
sample 0
log "starting the load for ${DURATION_S}s" >&2

start wrk wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION_S}s" --latency -s "$BENCH_DIR/mixed.lua" "$ADAPTER_URL"
WRK_PID=$LAST_PID
CPU_WRK=0
load_start=$SECONDS
next=$INTERVAL_S
while kill -0 "$WRK_PID" 2>/dev/null; do
  if ! kill -0 "$ADAPTER_PID" 2>/dev/null; then
    show_log adapter
    die "the adapter exited during the soak"
  fi
  if ((SECONDS - load_start >= next)); then
    sample "$next"
    next=$((next + INTERVAL_S))
  fi
  pause 0.5
done
wrk_code=0
wait "$WRK_PID" || wrk_code=$?
((wrk_code == 0)) || {
  show_log wrk
  die "wrk failed (exit $wrk_code)"
}
elapsed=$((SECONDS - load_start))
WRK_PID=
sample "end(${elapsed})"

echo
echo "wrk report:"
sed 's/^/    /' "$WORK/wrk.log"
WRK_LAST=$(grep '^WRK_RESULT ' "$WORK/wrk.log" | tail -n 1)
[[ -n $WRK_LAST ]] || die "wrk printed no WRK_RESULT line"
codes=$(adapter_codes)
echo
adapter_log_problems adapter

# ---- summary -----------------------------------------------------------------------------------
first_load=${SAMPLES[1]:-${SAMPLES[0]}}
last=${SAMPLES[${#SAMPLES[@]} - 1]}
field() { cut -d' ' -f"$1" <<<"$2"; }
# Least-squares slope of heap-after-GC over the samples under load, in KiB per minute.
slope=$(printf '%s\n' "${SAMPLES[@]:1}" | awk '
  { t = $1; gsub(/[^0-9]/, "", t); x[NR] = t; y[NR] = $2; n = NR }
  END {
    if (n < 2) { print "n/a"; exit }
    for (i = 1; i <= n; i++) { sx += x[i]; sy += y[i] }
    mx = sx / n; my = sy / n
    for (i = 1; i <= n; i++) { num += (x[i] - mx) * (y[i] - my); den += (x[i] - mx) ^ 2 }
    if (den == 0) { print "n/a"; exit }
    printf "%+.1f", num / den * 60
  }')

echo
echo "==== Summary (soak ${DURATION_S}s, wrk -t$THREADS -c$CONNECTIONS with ${DELAY_MS} ms pauses, default cache)"
echo
echo "| | value |"
echo "|---|---|"
echo "| requests (wrk) | $(wrk_field requests) in $(wrk_field duration_s) s = $(wrk_field rps) requests/s |"
echo "| latency (wrk) | p50 $(wrk_field p50_ms) ms, p90 $(wrk_field p90_ms) ms, p99 $(wrk_field p99_ms) ms, max $(wrk_field max_ms) ms |"
echo "| errors (wrk) | non-2xx $(wrk_field non2xx), socket errors $(wrk_socket_errors) |"
echo "| requests by code (adapter /metrics, custom.metrics.k8s.io) | $codes |"
echo "| Prometheus queries by the adapter (failed) | $(field 10 "$last") ($(field 11 "$last")); cache hits $(field 12 "$last"), misses $(field 13 "$last") |"
echo "| other Prometheus calls by the adapter, e.g. /api/v1/series (failed) | $(field 14 "$last") ($(field 15 "$last")) |"
echo "| live heap after full GC: before load / first sample under load / last | $(field 2 "${SAMPLES[0]}") / $(field 2 "$first_load") / $(field 2 "$last") KiB |"
echo "| live heap after full GC, trend under load (least squares) | $slope KiB/min |"
echo "| whole heap right after GC: before load / first under load / last | $(field 3 "${SAMPLES[0]}") / $(field 3 "$first_load") / $(field 3 "$last") KiB |"
echo "| RSS: before load / first sample under load / last | $(field 6 "${SAMPLES[0]}") / $(field 6 "$first_load") / $(field 6 "$last") KiB |"
echo "| threads: before load / last | $(field 7 "${SAMPLES[0]}") / $(field 7 "$last") |"
echo "| adapter CPU under load (mean of the samples) | $(printf '%s\n' "${SAMPLES[@]:1}" | awk '{ s += $16; n++ } END { printf "%.2f", (n ? s / n : 0) }') cores; rest of the machine $(printf '%s\n' "${SAMPLES[@]:1}" | awk '$17 != "-" { s += $17; n++ } END { printf "%.2f", (n ? s / n : 0) }') cores (should be ~0) |"
