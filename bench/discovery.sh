#!/usr/bin/env bash
# Discovery at scale: how long the adapter takes to discover 100,000 and 1,000,000 series (500
# metric names, spread over 20 namespaces and as many pods as series per name) and how much heap
# it keeps afterwards, with a 256 MiB heap.
#
# For each size: generate OpenMetrics (two samples per series, 30 min before and after now),
# backfill a fresh TSDB with promtool, start Prometheus on it, time one /api/v1/series call straight
# to Prometheus (curl, for context), start the adapter with -Xmx$DISCOVERY_HEAP and
# bench/discovery-rules.yaml (one seriesQuery selecting every series), wait until /readyz is 200,
# then read the discovery duration and series count from its /metrics, the number of metrics it
# serves, the heap after a full GC and the RSS. Printed, never asserted.
#
# Environment (optional): SIZES (default "100000 1000000"), DISCOVERY_HEAP (default 256m), and
# those of bench/lib.sh (ADAPTER_JAR, PROMETHEUS_BIN, PROMTOOL_BIN, KEEP_WORK).
set -euo pipefail

SCRIPT_NAME=discovery.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SIZES="${SIZES:-100000 1000000}"
DISCOVERY_HEAP="${DISCOVERY_HEAP:-256m}"
METRIC_NAMES=500
RULES_FILE="$BENCH_DIR/discovery-rules.yaml"
JAVA_OPTS_ARR=("-Xmx$DISCOVERY_HEAP")

# generate_series FILE SIZE: SIZE series of METRIC_NAMES counters bench_metric_NNN_total{namespace, pod,
# container}, two samples each.
generate_series() {
  python3 - "$1" "$2" "$METRIC_NAMES" <<'EOF'
import sys, time
path, total, names = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
per_name = total // names
now = int(time.time())
before, after = now - 1800, now + 1800
with open(path, "w") as f:
    for n in range(names):
        f.write(f"# TYPE bench_metric_{n:03d} counter\n")
        metric = f"bench_metric_{n:03d}_total"
        for i in range(per_name):
            labels = f'namespace="ns-{i % 20}",pod="pod-{i}",container="app"'
            f.write(f"{metric}{{{labels}}} 0 {before}\n{metric}{{{labels}}} 100 {after}\n")
    f.write("# EOF\n")
EOF
}

# metric_value NAME: the value of the adapter's first self-metric sample whose name starts with NAME.
# (awk reads to the end: stopping early would fail curl's write under pipefail.)
metric_value() {
  curl -sk --max-time 10 "$ADAPTER_URL/metrics" |
    awk -v name="$1" '$1 ~ "^" name && value == "" { value = $NF } END { print value }'
}

bench_init
echo "== discovery at scale: sizes $SIZES, $METRIC_NAMES metric names, adapter heap -Xmx$DISCOVERY_HEAP"
machine_summary
RESULTS=()
for size in $SIZES; do
  log "size $size: generating and backfilling"
  generate_series "$WORK/series-$size.om" "$size"
  start_prometheus_on "$WORK/series-$size.om" "prometheus-$size"

  start=$(($(date +%s) - 3600))
  t0=$(now_s)
  bytes=$(curl -s --max-time 300 -o /dev/null -w '%{size_download}' "$PROM_URL/api/v1/series" \
    --data-urlencode 'match[]={__name__=~"bench_metric_.*",namespace!="",pod!=""}' \
    --data-urlencode "start=$start")
  t1=$(now_s)
  direct_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  log "Prometheus alone: /api/v1/series answered $((bytes / 1048576)) MiB in ${direct_s}s"

  start_adapter "adapter-$size" --discovery-timeout=120s --metrics-relist-interval=1h
  duration=$(metric_value metrics_adapter_discovery_duration_seconds)
  series=$(metric_value metrics_adapter_discovery_series)
  served=$(curl -sk --max-time 10 "$ADAPTER_URL/apis/custom.metrics.k8s.io/v1beta2" |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)["resources"]))')
  read -r live used committed metaspace < <(heap_after_gc "$ADAPTER_PID")
  rss=$(rss_kb "$ADAPTER_PID")
  oom=$(grep -c OutOfMemoryError "$WORK/adapter-$size.log" || true)
  log "size $size: ready in ${READY_S}s, discovery ${duration}s, ${series} series, $served metrics"
  RESULTS+=("$(printf '| %s | %s | %s | %s | %s | %s MiB | %s MiB | %s MiB | %s |' \
    "$size" "$direct_s" "$duration" "$READY_S" "$served" \
    "$(kb_to_mib "$live")" "$(kb_to_mib "$used")" "$(kb_to_mib "$rss")" "$oom")")
  adapter_log_problems "adapter-$size"
  stop "adapter-$size"
  stop "prometheus-$size"
done

echo
echo "| series | Prometheus alone (s) | discovery (s) | start to ready (s) | metrics served | old gen after GC | heap used after GC | RSS | OutOfMemoryErrors |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${RESULTS[@]}"
