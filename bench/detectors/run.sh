#!/usr/bin/env bash
# JMH benchmark of the detectors (features + default rules + model) on one thread.
#   bench/detectors/run.sh                                        # every DetectorsBenchmark method
#   bench/detectors/run.sh 'DetectorsBenchmark.score' -prof stack # one benchmark, with a profile
#   bench/detectors/run.sh 'DetectorsBenchmark.score' -p model=gbt  # with the trained XGBoost model
#   bench/detectors/run.sh --cpu gbt 5                            # CpuTimeReplay: events per CPU-second
# Builds the `benchmarks` module of the `bench` profile (never part of the default build) and runs
# org.openjdk.jmh.Main on its classpath. Extra arguments go to JMH (-h lists them).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -Pbench -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=runtime
if [[ "${1:-}" == "--cpu" ]]; then
  shift
  exec java -Xms2g -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-cp.txt)" \
    io.ringwatch.benchmarks.CpuTimeReplay "$@"
fi
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-cp.txt)" \
  org.openjdk.jmh.Main "${@:-DetectorsBenchmark}"
