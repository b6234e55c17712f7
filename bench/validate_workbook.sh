#!/usr/bin/env bash
# Benchmark: `annexa validate --workbook` on a ~55,000-row Annex A workbook.
# Builds Exampleshire's extracts at scale 0.31 (about 55,000 Annex A rows),
# writes its workbook with `annexa generate`, then times validation of that
# workbook RUNS times with /usr/bin/time (wall seconds and peak RSS).
# Usage: bench/validate_workbook.sh [RUNS]   (after scripts/build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ninja -C build annexa exampleshire_gen >/dev/null
./build/examples/exampleshire/generator/exampleshire_gen --out "$work/data" --scale 0.31 >/dev/null
set +e
./build/annexa generate --config config/exampleshire.yaml --data-dir "$work/data" --out "$work/pack" \
  --generated-at 2026-11-23T09:30:00 --quiet >/dev/null
set -e
book="$work/pack/annex_a_999_2026-11-23.xlsx"
rows=$( (./build/annexa validate --workbook "$book" --reference-date 2026-11-23 || true) | awk '/^ *[0-9]+  List/ {n += $3} END {print n}')
echo "workbook: $(du -k "$book" | cut -f1) KB, $rows Annex A rows"
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" ./build/annexa validate --workbook "$book" --reference-date 2026-11-23 >/dev/null 2>"$work/time" || true
  tail -1 "$work/time"
done | sort -n | awk '{w[NR]=$1; m[NR]=$2} END {printf "validate: min %.2f s, median %.2f s wall; peak RSS median %d MB (%d runs)\n", w[1], w[int((NR+1)/2)], m[int((NR+1)/2)]/1024, NR}'
