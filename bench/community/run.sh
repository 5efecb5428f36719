#!/usr/bin/env bash
# Community detection benchmark, ours against peers in the same run (issue 4, "Measure").
# Usage: bench/community/run.sh [sizes...]   (default: 100000 1000000)
# Env: NX_CAP seconds for NetworkX (default 300; 0 skips it), SEED (default 7), JAVA_XMX (default 6g),
#      JAVA_CAP / PEER_CAP seconds for our run / each igraph run (default 1800 / 600),
#      EVENTS incremental events streamed at sizes <= 100k (default 10000; 0 skips), NICE (default 10)
# Prints one tab-separated "result" line per implementation and size, with wall and CPU seconds
# (CPU time is robust to other load on the machine), and the load average before each run.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(100000 1000000); fi
NX_CAP=${NX_CAP:-300}
# Debian's interpreter: the apt packages install into it (a pyenv python3 on PATH would not see them).
PY=${PY:-/usr/bin/python3}
SEED=${SEED:-7}
OUT=${OUT:-${TMPDIR:-/tmp}/ringwatch-community-bench}
mkdir -p "$OUT"

# Peers: Debian's python3-igraph and python3-networkx, installed when missing.
if ! "$PY" -c 'import igraph, networkx' 2>/dev/null; then
  echo "installing python3-igraph python3-networkx (apt)"
  apt-get install -y -q python3-igraph python3-networkx >/dev/null || {
    apt-get update -q >/dev/null && apt-get install -y -q python3-igraph python3-networkx >/dev/null; }
fi

# Ours: compile detectors (main + test classes) and resolve its classpath once.
./mvnw -B -o -q -pl detectors test-compile -Dspotless.skip=true
./mvnw -B -o -q -pl detectors dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="detectors/target/classes:detectors/target/test-classes:$(cat detectors/target/bench.classpath)"

load() { echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) ($1)"; }
NICE=${NICE:-10}
EVENTS=${EVENTS:-10000}
load start
for n in "${SIZES[@]}"; do
  dir="$OUT/n$n"
  extra=()
  [ "$n" -le 100000 ] && [ "$EVENTS" -gt 0 ] && extra=(--incremental="$EVENTS")
  echo "## $n accounts"
  load ringwatch
  # Java's result lines (graph build, file writing, both objectives and the incremental stream).
  timeout "${JAVA_CAP:-1800}" nice -n "$NICE" java -Xmx"${JAVA_XMX:-6g}" -cp "$CP" io.ringwatch.detectors.rings.bench.CommunityBench "$n" "$SEED" "$dir" "${extra[@]}" \
    || echo "result	ringwatch	(stopped: over ${JAVA_CAP:-1800} s or failed, exit $?)"
  for objective in igraph igraph-cpm; do
    load "$objective"
    timeout "${PEER_CAP:-600}" nice -n "$NICE" "$PY" bench/community/peers.py "$dir" "$objective" \
      || echo "result	python-$objective	(stopped: over ${PEER_CAP:-600} s or failed)"
  done
  if [ "$NX_CAP" -gt 0 ]; then
    load networkx
    timeout "$NX_CAP" nice -n "$NICE" "$PY" bench/community/peers.py "$dir" networkx \
      || echo "result	networkx-louvain	(skipped: over the ${NX_CAP} s cap)"
  else
    echo "result	networkx-louvain	(skipped: NX_CAP=0)"
  fi
done
load end
