#!/usr/bin/env bash
# Ringwatch on fresh draws of the Fraud Detection Handbook's generator (issue 7: "check on a second
# draw of your own making"), beside the trivial baseline and the delay's ceiling in the same run.
# Usage: bench/quality/fdh_draws.sh [SEED ...]          (default seeds: 1 2 3)
# Env: CUSTOMERS (1000) TERMINALS (2000) DAYS (60) RADIUS (11): the draw's size, as the sample's;
#      FDH_TRAIN_DAYS (45) FDH_TEST_DAYS (7) DELAY_DAYS (7): the split, as bench/quality/run.sh;
#      GAP_DAYS (0): days between the last label and the test week (7: the Handbook's own protocol,
#      whose test week starts after a "delay period" without labels);
#      OUT (/tmp/ringwatch-fdh-draws); RINGWATCH_SHARED (../shared: strip_labels.py, score.py)
# Prints one line a seed: ours, baseline, ceiling (ROC AUC / PR AUC / recall at 1% FPR).
set -euo pipefail
if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
  exit 0
fi
cd "$(dirname "$0")/../.."
SHARED=${RINGWATCH_SHARED:-$(pwd)/../shared}
[ -f "$SHARED/tools/score.py" ] || { echo "no $SHARED/tools/score.py (set RINGWATCH_SHARED)" >&2; exit 2; }
OUT=${OUT:-${TMPDIR:-/tmp}/ringwatch-fdh-draws}
PY=${PY:-/usr/bin/python3}
CUSTOMERS=${CUSTOMERS:-1000}; TERMINALS=${TERMINALS:-2000}; DAYS=${DAYS:-60}; RADIUS=${RADIUS:-11}
FDH_TRAIN_DAYS=${FDH_TRAIN_DAYS:-45}; FDH_TEST_DAYS=${FDH_TEST_DAYS:-7}; DELAY_DAYS=${DELAY_DAYS:-7}; GAP_DAYS=${GAP_DAYS:-0}
if [ $# -gt 0 ]; then SEEDS=("$@"); else SEEDS=(1 2 3); fi
q() { "$PY" bench/quality/quality.py "$@"; }
trio() { "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.4f / %.4f / %.4f" % (d["roc_auc"], d["pr_auc"], d["recall_at_fpr"]))' "$1"; }

echo "# $(date -u +%FT%TZ) draws of ${CUSTOMERS} customers, ${TERMINALS} terminals, ${DAYS} days, radius ${RADIUS};" \
     "labels of days 0..$((FDH_TRAIN_DAYS - 1)), test days $((FDH_TRAIN_DAYS + GAP_DAYS))..$((FDH_TRAIN_DAYS + GAP_DAYS + FDH_TEST_DAYS - 1)), delay ${DELAY_DAYS} days"
for seed in "${SEEDS[@]}"; do
  d="$OUT/seed-$seed"
  rm -rf "$d"; mkdir -p "$d"
  "$PY" bench/quality/fdh_draw.py "$d/source" --seed "$seed" --customers "$CUSTOMERS" --terminals "$TERMINALS" \
    --days "$DAYS" --radius "$RADIUS" 2> "$d/draw.log" || { cat "$d/draw.log" >&2; exit 2; }
  "$PY" "$SHARED/tools/strip_labels.py" fdh "$d/source" "$d/input" > /dev/null
  q split fdh "$d/input" "$d/source/truth_tx.csv.gz" "$d/split" --train-days "$FDH_TRAIN_DAYS" --gap-days "$GAP_DAYS" \
    --test-days "$FDH_TEST_DAYS" > "$d/split.json"
  /usr/bin/time -f "%e s, max RSS %M KB" ./ringwatch evaluate --format fdh --input "$d/input" --out "$d/out" \
    --labels "$d/split/labels.csv" --label-delay "P${DELAY_DAYS}D" > "$d/evaluate.log" 2>&1 || { tail -20 "$d/evaluate.log"; exit 1; }
  "$PY" "$SHARED/tools/score.py" events --truth "$d/split/test_truth.csv" --pred "$d/out/scores.csv" --json > "$d/ours.json"
  q baseline-fdh "$d/input" "$d/split/labels.csv" "$d/split/test_truth.csv" "$d/baseline.csv" --delay-days "$DELAY_DAYS"
  "$PY" "$SHARED/tools/score.py" events --truth "$d/split/test_truth.csv" --pred "$d/baseline.csv" --json > "$d/baseline.json"
  q fdh-ceiling "$d/source" "$d/split/labels.csv" "$d/split/test_truth.csv" --delay-days "$DELAY_DAYS" > "$d/ceiling.json"
  echo "seed $seed: $(tail -1 "$d/draw.log" | sed 's/^fdh_draw: //')"
  echo "  ours     $(trio "$d/ours.json")   (evaluate $(tail -1 "$d/evaluate.log"))"
  echo "  baseline $(trio "$d/baseline.json")"
  echo "  ceiling  recall at 1% FPR $("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["exact"]["recall_ceiling"])' "$d/ceiling.json")"
done
