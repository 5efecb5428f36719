#!/usr/bin/env bash
# Detection quality on the shared external samples (issue 7), ours beside trivial baselines in the
# same run. Regenerates docs/quality/results.md and the PNG figures under docs/quality/.
# Usage: bench/quality/run.sh [amlsim] [paysim] [fdh]      (default: all three)
# Env: RINGWATCH_SHARED (default ../shared beside the repository), OUT (default /tmp/ringwatch-quality),
#      TRAIN_SHARE (0.5: share of the history whose labels are known, AMLSim and PaySim),
#      FDH_TRAIN_DAYS (45) / FDH_TEST_DAYS (7): the Handbook's split, labels of days 0..44 and the
#      following week as test, DELAY_DAYS (7: label delay of the label-fed features)
set -euo pipefail
if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
  exit 0
fi
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SHARED=${RINGWATCH_SHARED:-$ROOT/../shared}
[ -d "$SHARED/data" ] || { echo "no shared data under $SHARED (set RINGWATCH_SHARED)" >&2; exit 2; }
OUT=${OUT:-${TMPDIR:-/tmp}/ringwatch-quality}
PY=${PY:-/usr/bin/python3}   # Debian's interpreter: apt installs pandas/sklearn/matplotlib into it
TRAIN_SHARE=${TRAIN_SHARE:-0.5}
FDH_TRAIN_DAYS=${FDH_TRAIN_DAYS:-45}
FDH_TEST_DAYS=${FDH_TEST_DAYS:-7}
DELAY_DAYS=${DELAY_DAYS:-7}
if [ $# -gt 0 ]; then SETS=("$@"); else SETS=(amlsim paysim fdh); fi

if ! "$PY" -c 'import pandas, sklearn, matplotlib, networkx, igraph' 2>/dev/null; then
  echo "installing python3-pandas python3-sklearn python3-matplotlib python3-networkx python3-igraph (apt)"
  apt-get install -y -q python3-pandas python3-sklearn python3-matplotlib python3-networkx python3-igraph >/dev/null || {
    apt-get update -q >/dev/null && apt-get install -y -q python3-pandas python3-sklearn python3-matplotlib \
      python3-networkx python3-igraph >/dev/null; }
fi
score() { "$PY" "$SHARED/tools/score.py" "$@"; }
q() { "$PY" bench/quality/quality.py "$@"; }

echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for s in "${SETS[@]}"; do
  d="$OUT/$s"
  rm -rf "$d"; mkdir -p "$d"
  data="$SHARED/data/$s-sample"
  echo "## $s"
  "$PY" "$SHARED/tools/strip_labels.py" "$s" "$data" "$d/input" >/dev/null
  # Label-free run: rings and unsupervised scores, what a user gets without any feedback.
  /usr/bin/time -f "evaluate (no labels): %e s, max RSS %M KB" \
    ./ringwatch evaluate --format "$s" --input "$d/input" --out "$d/unlabelled" > "$d/unlabelled.log" 2>&1 \
    || { tail -20 "$d/unlabelled.log"; exit 1; }
  tail -1 "$d/unlabelled.log"
  # Time split: labels of the earliest history (TRAIN_SHARE, or FDH_TRAIN_DAYS), test on the events after.
  if [ "$s" = fdh ]; then
    q split "$s" "$d/input" "$data/truth_tx.csv.gz" "$d/split" --train-days "$FDH_TRAIN_DAYS" --test-days "$FDH_TEST_DAYS"
  else
    q split "$s" "$d/input" "$data/truth_tx.csv.gz" "$d/split" --train-share "$TRAIN_SHARE"
  fi
  /usr/bin/time -f "evaluate (labels): %e s, max RSS %M KB" \
    ./ringwatch evaluate --format "$s" --input "$d/input" --out "$d/labelled" --labels "$d/split/labels.csv" --label-delay "P${DELAY_DAYS}D" \
    > "$d/labelled.log" 2>&1 || { tail -20 "$d/labelled.log"; exit 1; }
  tail -1 "$d/labelled.log"
  score events --truth "$d/split/test_truth.csv" --pred "$d/labelled/scores.csv" --json > "$d/events_score.json"
  if [ "$s" != fdh ]; then
    zcat "$data/truth_rings.csv.gz" > "$d/truth_rings.csv"
    score rings --truth "$d/truth_rings.csv" --pred "$d/unlabelled/rings.csv" --json > "$d/rings_score.json"
    q baseline-rings "$s" "$d/input" "$d/baseline_rings.csv"
    score rings --truth "$d/truth_rings.csv" --pred "$d/baseline_rings.csv" --json > "$d/baseline_rings_score.json"
    if [ "$s" = amlsim ]; then
      q baseline-leiden "$d/input" "$d/baseline_leiden.csv"
      score rings --truth "$d/truth_rings.csv" --pred "$d/baseline_leiden.csv" --json > "$d/baseline_leiden_score.json"
    fi
  else
    q baseline-fdh "$d/input" "$d/split/labels.csv" "$d/split/test_truth.csv" "$d/baseline_scores.csv" --delay-days "$DELAY_DAYS"
    score events --truth "$d/split/test_truth.csv" --pred "$d/baseline_scores.csv" --json > "$d/baseline_events_score.json"
  fi
done
mkdir -p docs/quality
q plots "$OUT" docs/quality
q table "$OUT" docs/quality/results.md
