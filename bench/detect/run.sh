#!/usr/bin/env bash
# POST /detect latency under open-loop load from a second process on loopback (issue 3, "Measure").
# Starts the service with ./ringwatch up on spare ports (simulator at SIM_RATE, default 50 tx/s), offers RATE requests/s
# for SECONDS after a warm-up, prints p50/p90/p99/p99.9, and stops what it started.
# Usage: bench/detect/run.sh [SECONDS] [RATE...]      (default 30 2000; several rates run one after
#        another against the same service, each with its own WARMUP-second warm-up, default 10)
#        PREWARM: seconds of PREWARM_RATE requests/s (default 60 s at 100/s) before the first rate,
#        unmeasured: on two cores the JIT compiler threads still take a large share of the CPU for
#        minutes after start-up, and a short warm-up measures the compiler as much as the endpoint.
#        CONNECTIONS: keep-alive connections of the load generator (default 64).
#        PEER=1: before each rate, the same rate of plain acks=all producer sends (AckLoad.java, 2
#        records an answer, topics of its own) against the stack's broker: the floor under any
#        answer that waits for the broker, measured on the same machine in the same run.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_=${1:-30}
shift || true
RATES=("$@")
[ ${#RATES[@]} -gt 0 ] || RATES=(2000)
export REST_PORT=${REST_PORT:-18080} GREMLIN_PORT=${GREMLIN_PORT:-18182}
# The service's heap holds ~500-700 MB live (scoring state, remembered decisions, vertex-id cache,
# ring projection). For the measurement: ZGC in a fixed 3 GB heap. G1 (2 GB, 20 ms pause goal)
# paused 12-50 ms about twice a second at 2,000 requests/s: p99 27.5 and 27.6 ms in two runs with
# the broker on Kafka's own JVM options; ZGC 7.8-19.2 ms in five (median 10.9; docs/benchmarks.md,
# sixth session). RINGWATCH_SERVICE_JAVA_OPTS overrides (" " for the launcher's defaults). Measure on a
# fresh state: the stack reuses .ringwatch/, and a graph writer still catching up a previous run's
# backlog skews every figure.
export RINGWATCH_SERVICE_JAVA_OPTS=${RINGWATCH_SERVICE_JAVA_OPTS:-"-Xms3g -Xmx3g -XX:+UseZGC"}
export KAFKA_PORT=${KAFKA_PORT:-19092} KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19093}
trap './ringwatch down >/dev/null 2>&1 || true' EXIT
./ringwatch up
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), service JVM options: $RINGWATCH_SERVICE_JAVA_OPTS"
WARMUP=${WARMUP:-10}
PREWARM=${PREWARM:-60}
PREWARM_RATE=${PREWARM_RATE:-100}
CONNECTIONS=${CONNECTIONS:-64}
if [ "$PREWARM" -gt 0 ]; then
  echo "# pre-warm: ${PREWARM} s at ${PREWARM_RATE}/s, unmeasured"
  java bench/detect/DetectLoad.java "http://127.0.0.1:$REST_PORT/detect" "$PREWARM_RATE" 1 "$PREWARM" "$CONNECTIONS" >/dev/null
fi
# Measure from a caught-up service: the graph writer runs behind /detect (ADR 0019, 0024), and a
# pre-warm's backlog still being written would be measured with the rates below.
caught_up() {
  local waited=0 pending
  while true; do
    pending=$(curl -fsS "http://127.0.0.1:$REST_PORT/q/metrics" 2>/dev/null |
      awk '/^ringwatch_detect_pending /{print int($2)} END{if(NR>0)print "m"}' | head -1)
    if [ "$pending" = "m" ]; then
      echo "# no ringwatch_detect_pending gauge (an older build): not waiting for the graph writer"
      return
    fi
    if [ "${pending:-1}" -eq 0 ]; then
      echo "# graph writer caught up (${waited} s)"
      return
    fi
    if [ "$waited" -ge 600 ]; then
      echo "# graph writer still ${pending} events behind after ${waited} s; measuring anyway"
      return
    fi
    [ $((waited % 10)) -ne 0 ] || echo "# waiting for the graph writer: ${pending:-?} events behind"
    sleep 2
    waited=$((waited + 2))
  done
}
for rate in "${RATES[@]}"; do
  caught_up
  if [ "${PEER:-0}" = "1" ]; then
    echo "# peer, plain producer at $rate answers/s: load $(cut -d' ' -f1-3 /proc/loadavg)"
    java ${LOAD_JAVA_OPTS:-} -cp "$(tr -d '\n' < launcher/target/kafka.classpath)" bench/detect/AckLoad.java \
      "127.0.0.1:$KAFKA_PORT" "$rate" "$SECONDS_" "$WARMUP" 2 2>/dev/null
  fi
  echo "# rate $rate: load $(cut -d' ' -f1-3 /proc/loadavg)"
  java ${LOAD_JAVA_OPTS:-} bench/detect/DetectLoad.java "http://127.0.0.1:$REST_PORT/detect" "$rate" "$SECONDS_" "$WARMUP" "$CONNECTIONS"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
