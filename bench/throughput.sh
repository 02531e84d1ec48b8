#!/usr/bin/env bash
# Throughput, latency and footprint of the adapter, against the same queries sent straight to
# Prometheus. See bench/README.md.
#
#   bench/throughput.sh
#
# Backfills a Prometheus with 100 pods' worth of http_requests_total, then for
#   1. the adapter with --cache-ttl=0s ("cache off"),
#   2. Prometheus alone, queried with the adapter's own PromQL ("direct"),
#   3. the adapter with its default cache (3 s, "cache on"),
# runs wrk (a warm-up, then the measured run) with the mix of bench/mixed.lua (bench/direct.lua
# for Prometheus): object requests pods/web-N/http_requests_per_second for every N, and one in
# WILDCARD_EVERY a wildcard request pods/*/http_requests_per_second?labelSelector=app%3Dweb.
# The cache-on adapter then gets a fourth, paced run: every connection pauses PACED_DELAY_MS
# between requests, which holds the load near 5,000 requests/s (the target's rate) instead of
# the saturation point. Prints every wrk report and a summary table. Numbers are printed, never
# checked.
#
# Environment (optional): DURATION (30s) and WARMUP (60s, 0 for none) of each wrk run,
# THREADS (2), CONNECTIONS (32), WILDCARD_EVERY (5), PACED_DELAY_MS (5), and those of bench/lib.sh (ADAPTER_JAR,
# JAVA_OPTS, PODS, KEEP_WORK, QUIET_WAIT, PROMETHEUS_BIN, PROMTOOL_BIN).
set -euo pipefail

SCRIPT_NAME=throughput.sh
# shellcheck source=bench/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

DURATION_S=$(parse_duration "${DURATION:-30s}") || die "DURATION: '${DURATION:-}' is not Ns, Nm, Nh or N"
WARMUP_S=$(parse_duration "${WARMUP:-60s}") || die "WARMUP: '${WARMUP:-}' is not Ns, Nm, Nh or N"
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
export WILDCARD_EVERY=${WILDCARD_EVERY:-5}
PACED_DELAY_MS=${PACED_DELAY_MS:-5}
WRK_ARGS=(-t"$THREADS" -c"$CONNECTIONS")

bench_init
echo "metrics-adapter throughput benchmark (temp dir $WORK)"
machine_summary
echo "load:       wrk ${WRK_ARGS[*]}, ${WARMUP_S}s warm-up + ${DURATION_S}s measured per run;" \
  "1 in $WILDCARD_EVERY requests is the wildcard request, the others object requests over $PODS pods"
echo

setup_prometheus

declare -A RESULT CPU OTHERS READY IDLE_RSS AFTER_RSS COUNTERS CODES

# bench_adapter LABEL [FLAG...]: start, check, warm up, measure, record, stop.
bench_adapter() {
  local label=$1
  shift
  wait_for_quiet
  start_adapter "adapter-$label" "$@"
  READY[$label]=$READY_S
  IDLE_RSS[$label]=$IDLE_RSS_KB
  check_adapter_serves
  if ((WARMUP_S > 0)); then
    run_wrk "$label-warmup" "$BENCH_DIR/mixed.lua" "$ADAPTER_URL" "${WRK_ARGS[@]}" -d"${WARMUP_S}s"
  fi
  measure_wrk "$label" "$BENCH_DIR/mixed.lua" "$ADAPTER_URL" "${WRK_ARGS[@]}" -d"${DURATION_S}s"
  RESULT[$label]=$WRK_LAST
  CPU[$label]=$WRK_CPU
  OTHERS[$label]=$WRK_OTHERS
  AFTER_RSS[$label]=$(rss_kb "$ADAPTER_PID")
  COUNTERS[$label]=$(adapter_counters)
  CODES[$label]=$(adapter_codes)
  log "adapter $label after the runs: RSS $(kb_to_mib "${AFTER_RSS[$label]}") MiB;" \
    "custom.metrics requests by code (warm-up included): ${CODES[$label]}"
  adapter_log_problems "adapter-$label"
}

# ---- 1. adapter, cache off ---------------------------------------------------------------------
echo
log "== 1. adapter, cache off (--cache-ttl=0s)"
bench_adapter cache-off --cache-ttl=0s

OBJECT_PROMQL=$(explain_promql "$API_BASE/web-42/$METRIC")
WILDCARD_PROMQL=$(explain_promql "$WILDCARD_PATH")
log "PromQL of an object request (/debug/explain): $OBJECT_PROMQL"
log "PromQL of the wildcard request (/debug/explain): ${WILDCARD_PROMQL:0:160}... (${#WILDCARD_PROMQL} chars)"
[[ $OBJECT_PROMQL == *'"web-42"'* ]] || die "the object PromQL does not name \"web-42\": $OBJECT_PROMQL"
stop adapter-cache-off

# ---- 2. Prometheus directly --------------------------------------------------------------------
echo
log "== 2. Prometheus directly, the adapter's PromQL (adapter stopped)"
OBJECT_QUERY_PATH="/api/v1/query?query=$(urlencode "${OBJECT_PROMQL//\"web-42\"/\"__POD__\"}")"
WILDCARD_QUERY_PATH="/api/v1/query?query=$(urlencode "$WILDCARD_PROMQL")"
export OBJECT_QUERY_PATH WILDCARD_QUERY_PATH
code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$PROM_URL${OBJECT_QUERY_PATH//__POD__/web-0}")
[[ $code == 200 ]] || die "Prometheus answered $code to the object query"
if ((WARMUP_S > 0)); then
  run_wrk direct-warmup "$BENCH_DIR/direct.lua" "$PROM_URL" "${WRK_ARGS[@]}" -d"${WARMUP_S}s"
fi
measure_wrk direct "$BENCH_DIR/direct.lua" "$PROM_URL" "${WRK_ARGS[@]}" -d"${DURATION_S}s"
RESULT[direct]=$WRK_LAST
CPU[direct]=$WRK_CPU
OTHERS[direct]=$WRK_OTHERS

# ---- 3. adapter, default cache -----------------------------------------------------------------
echo
log "== 3. adapter, default cache (no --cache-ttl: 3s)"
bench_adapter cache-on
log "== 3b. the same adapter, paced: ${PACED_DELAY_MS} ms pause per connection between requests"
export DELAY_MS=$PACED_DELAY_MS
measure_wrk cache-on-paced "$BENCH_DIR/mixed.lua" "$ADAPTER_URL" "${WRK_ARGS[@]}" -d"${DURATION_S}s"
unset DELAY_MS
RESULT[cache-on-paced]=$WRK_LAST
CPU[cache-on-paced]=$WRK_CPU
OTHERS[cache-on-paced]=$WRK_OTHERS
stop adapter-cache-on

# ---- summary -----------------------------------------------------------------------------------
ratio=$(awk -v a="$(wrk_field p50_ms "${RESULT[cache-off]}")" -v d="$(wrk_field p50_ms "${RESULT[direct]}")" \
  'BEGIN { if (d > 0) printf "%.2f", a / d; else print "n/a" }')

echo
echo "==== Summary (wrk ${WRK_ARGS[*]} -d${DURATION_S}s after a ${WARMUP_S}s warm-up; $PODS pods; 1 in $WILDCARD_EVERY requests wildcard)"
echo
echo "| run | requests/s | p50 ms | p90 ms | p99 ms | max ms | requests | non-2xx | socket errors | CPU cores: adapter / Prometheus / wrk / rest |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for label in cache-off direct cache-on cache-on-paced; do
  line=${RESULT[$label]}
  case $label in
    cache-off) name="adapter, cache off" ;;
    direct) name="Prometheus direct" ;;
    cache-on) name="adapter, cache on (3s)" ;;
    cache-on-paced) name="adapter, cache on, paced (${PACED_DELAY_MS} ms pauses)" ;;
  esac
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$(wrk_field rps "$line")" \
    "$(wrk_field p50_ms "$line")" "$(wrk_field p90_ms "$line")" "$(wrk_field p99_ms "$line")" \
    "$(wrk_field max_ms "$line")" "$(wrk_field requests "$line")" "$(wrk_field non2xx "$line")" \
    "$(wrk_socket_errors "$line")" "${CPU[$label]// / \/ }"
done
echo
for label in cache-off direct cache-on cache-on-paced; do
  echo "other processes using CPU during the $label run: ${OTHERS[$label]}"
done
echo
echo "| adapter | start to ready s | RSS idle after ready MiB | RSS after the runs MiB | Prometheus queries (failed) | other Prometheus calls (failed) | cache hits / misses | requests by code |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for label in cache-off cache-on; do
  read -r _req _bad q qf hit miss other other_failed <<<"${COUNTERS[$label]}"
  printf '| %s | %s | %s | %s | %s (%s) | %s (%s) | %s / %s | %s |\n' "$label" "${READY[$label]}" \
    "$(kb_to_mib "${IDLE_RSS[$label]}")" "$(kb_to_mib "${AFTER_RSS[$label]}")" "$q" "$qf" \
    "$other" "$other_failed" "$hit" "$miss" "${CODES[$label]}"
done
echo
echo "adapter p50 / direct p50 (cache off): $ratio    (target: within 1.3x)"
echo "cache on: saturated $(wrk_field rps "${RESULT[cache-on]}") requests/s at p99 $(wrk_field p99_ms "${RESULT[cache-on]}") ms," \
  "paced $(wrk_field rps "${RESULT[cache-on-paced]}") requests/s at p99 $(wrk_field p99_ms "${RESULT[cache-on-paced]}") ms" \
  "   (target: at least 5000 requests/s at p99 under 20 ms)"
echo "(Adapter counters include the warm-up, the readiness checks and the explain calls. CPU is in"
echo "cores of $(nproc) during each measured run; 'rest' is everything else on the machine, which should be ~0.)"
