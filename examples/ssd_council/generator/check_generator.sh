#!/usr/bin/env bash
# CTest's check of make_ssd_council.py (README.md, "Guarantees"): at scale 1
# it writes the committed examples/ssd_council/data byte for byte; at scale 3
# (about 900 children) two runs write the same bytes, the self-check passes
# and the cohorts are about three times those of scale 1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/make_ssd_council.py" --out "$work/s1" >/dev/null
diff -r "$work/s1" "$here/../data"
python3 "$here/make_ssd_council.py" --out "$work/a" --scale 3 >"$work/a.out"
python3 "$here/make_ssd_council.py" --out "$work/b" --scale 3 >/dev/null
diff -r "$work/a" "$work/b"
# The cohorts that scale, per unit of scale (build() and adoption_children()):
# 30 contact-only + 4 unborn + 176 needs stories (28+52+20+40+36) + 42 in
# care + 25 care leavers + 13 adopted = 290 children; the probes' 55 do not
# scale (345 at scale 1). So 55 + 3 x 290 = 925.
grep -qx 'children: 925' "$work/a.out" || { cat "$work/a.out" >&2; exit 1; }
if python3 "$here/make_ssd_council.py" --out "$work/c" --scale 0.5 2>/dev/null; then
  echo "check_generator: --scale 0.5 was accepted" >&2
  exit 1
fi
echo "check_generator: ok"
