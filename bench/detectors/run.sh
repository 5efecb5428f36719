#!/usr/bin/env bash
# JMH benchmark of the detectors (features + default rules + model) on one thread.
#   bench/detectors/run.sh                                        # every DetectorsBenchmark method
#   bench/detectors/run.sh 'DetectorsBenchmark.score' -prof stack # one benchmark, with a profile
#   bench/detectors/run.sh 'DetectorsBenchmark.score' -p model=gbt  # with the trained XGBoost model
#   bench/detectors/run.sh --cpu gbt 5                            # CpuTimeReplay: events per CPU-second
# Builds the `benchmarks` module of the `bench` profile (never part of the default build) and runs
# org.openjdk.jmh.Main on its classpath. Extra arguments go to JMH (-h lists them). The measurement
# itself runs under the shared bench lock (flock $BENCH_LOCK, default /tmp/ringwatch-bench.lock)
# and nice -n 5, so that engineers sharing the machine measure one at a time. Do not wrap this
# script in flock on the same file (it would wait for itself); BENCH_LOCK=none skips the lock.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -Pbench -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=runtime
LOCKED=(flock "${BENCH_LOCK:-/tmp/ringwatch-bench.lock}" nice -n 5)
if [[ "${BENCH_LOCK:-}" == "none" ]]; then
  LOCKED=(nice -n 5)
fi
if [[ "${1:-}" == "--cpu" ]]; then
  shift
  exec "${LOCKED[@]}" java -Xms2g -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-cp.txt)" \
    io.ringwatch.benchmarks.CpuTimeReplay "$@"
fi
exec "${LOCKED[@]}" java -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-cp.txt)" \
  org.openjdk.jmh.Main "${@:-DetectorsBenchmark}"
