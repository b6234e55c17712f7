#!/usr/bin/env bash
# The run history's acceptance (issue 19): 100 runs of Exampleshire recorded
# in one history, then `annexa diff` of the last two (and `annexa history`)
# timed. Every run is a real `annexa generate`; every other one reads a copy
# of the data with the last 40 contacts removed, so consecutive runs differ.
#
#   bench/history_diff.sh            # BUILD_DIR=build RUNS=100 REPEAT=5
#
# Prints the median wall time of REPEAT diffs and of REPEAT history listings,
# the history file's size and the findings per run. Nothing is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
RUNS=${RUNS:-100}
REPEAT=${REPEAT:-5}
annexa="$BUILD_DIR/annexa"
[ -x "$annexa" ] || { echo "build annexa first (ninja -C $BUILD_DIR annexa)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/packs" "$work/smaller"
cp examples/exampleshire/data/* "$work/smaller/"
head -n -40 examples/exampleshire/data/contacts.csv > "$work/smaller/contacts.csv"
history="$work/packs/annexa_history.sqlite"

start=$(date +%s.%N)
for i in $(seq 1 "$RUNS"); do
  data=()
  if [ $((i % 2)) -eq 0 ]; then data=(--data-dir "$work/smaller"); fi
  at=$(printf '2026-11-23T%02d:%02d:00' $(((i - 1) / 60 + 8)) $(((i - 1) % 60)))
  rc=0
  "$annexa" generate --quiet --config config/exampleshire.yaml --out "$work/packs/pack" "${data[@]}" \
    --generated-at "$at" --history "$history" >/dev/null 2>&1 || rc=$?
  [ "$rc" -le 1 ] || { echo "run $i failed with exit $rc" >&2; exit 1; }
done
end=$(date +%s.%N)

# Median wall seconds of REPEAT runs of a command.
median() {
  local times=()
  for _ in $(seq 1 "$REPEAT"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null
    t1=$(date +%s.%N)
    times+=("$(awk -v a="$t1" -v b="$t0" 'BEGIN { print a - b }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'
}

runs=$("$annexa" history --history "$history" | tail -1 | awk '{print $1}')
diff_s=$(median "$annexa" diff --history "$history" --csv "$work/changes.csv")
history_s=$(median "$annexa" history --history "$history")
echo "runs recorded:            $runs (recording them: $(awk -v a="$end" -v b="$start" 'BEGIN { printf "%.1f", a - b }') s of generate in all)"
echo "history file:             $(du -k "$history" | cut -f1) KiB"
echo "last diff:                $("$annexa" diff --history "$history" | grep '^Findings by identity')"
echo "annexa diff (last two):   ${diff_s} s median of $REPEAT"
echo "annexa history:           ${history_s} s median of $REPEAT"
