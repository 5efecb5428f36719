#!/usr/bin/env bash
# The packaged service started on the 1M-account benchmark graph (issue 5): start-up time (JVM
# launch to the ring tracker rebuilt, to HTTP listening, and to the end of the first re-clustering
# pass), then GET /accounts/{id}/ring latency from a second process (bench/ring/RingLoad.java).
# Kafka is not started: the measurement is of the graph side; the Kafka channels retry in the
# background and never block start-up or the REST resources.
# Usage: bench/ring/run.sh [GRAPH_DIR] [REQUESTS]   (default gremlin/target/bench-graph-1m, 10000)
#        EXTRA_OPTS: further -D options for the service (note: a long ringwatch.rings.recluster-every
#        does not skip the first pass, Quarkus fires interval triggers at start); HEAP (8g),
#        REST_PORT (18480).
# The graph directory is copied first (the service's first pass writes rings into its graph);
# build the graph with MillionAccountGraph and the service with
# ./mvnw -o -q -pl graph-service -am package -DskipTests.
set -euo pipefail
cd "$(dirname "$0")/../.."
GRAPH=${1:-gremlin/target/bench-graph-1m}
REQUESTS=${2:-10000}
REST_PORT=${REST_PORT:-18480}
EXTRA_OPTS=${EXTRA_OPTS:-}
HEAP=${HEAP:-8g}
COPY="$GRAPH-service"
accounts=$(cat "$GRAPH/PROGRESS")
rm -rf "$COPY"
cp -r "$GRAPH" "$COPY"
LOG=$(mktemp /tmp/ring-bench-service.XXXXXX.log)
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $accounts accounts; log $LOG"
start=$(date +%s.%N)
# shellcheck disable=SC2086 # EXTRA_OPTS: further -D options, split on spaces
java "-Xmx$HEAP" $EXTRA_OPTS -Dquarkus.http.port="$REST_PORT" -Dringwatch.gremlin.enabled=false \
  -Dringwatch.graph.directory="$COPY" -Dkafka.bootstrap.servers=127.0.0.1:1 \
  -jar graph-service/target/quarkus-app/quarkus-run.jar >"$LOG" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
since() { printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)"; }
until grep -q "ring projection rebuilt" "$LOG"; do
  kill -0 $pid 2>/dev/null || { tail -30 "$LOG"; exit 1; }
  sleep 0.2
done
echo "tracker rebuilt after $(since) s: $(grep -o 'ring projection rebuilt.*' "$LOG")"
until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$REST_PORT/accounts/acc-0/ring"; do
  kill -0 $pid 2>/dev/null || { tail -30 "$LOG"; exit 1; }
  sleep 0.2
done
echo "first GET /accounts/acc-0/ring answered after $(since) s"
# The first scheduled pass re-clusters every loaded account while holding the tracker, so requests
# wait for it: poll until ten requests in a row answer within 50 ms, and report the slowest wait.
slowest=0; fast=0
while ((fast < 10)); do
  kill -0 $pid 2>/dev/null || { tail -30 "$LOG"; exit 1; }
  t=$(curl -fsS -o /dev/null -w '%{time_total}' --max-time 900 "http://127.0.0.1:$REST_PORT/accounts/acc-1/ring")
  if (($(echo "$t > $slowest" | bc))); then slowest=$t; fi
  if (($(echo "$t < 0.05" | bc))); then fast=$((fast + 1)); else fast=0; fi
  sleep 0.2
done
echo "steady after $(since) s (slowest request while waiting: $slowest s)"
java bench/ring/RingLoad.java "http://127.0.0.1:$REST_PORT" "$accounts" "$REQUESTS"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
