#!/usr/bin/env python3
"""Turns bench/run's raw timings into bench/results.md: per benchmark the
wall time (min, median), CPU time, peak RSS and rows per second, then the
issue's targets as ratios measured in the same run, each met or not.

Usage: summarise.py TIMES.tsv FACTS.tsv > results.md
TIMES.tsv: id, wall s, user s, sys s, peak RSS KB (one line per run).
FACTS.tsv: name, value (row counts, versions, load).
"""
import statistics
import sys
from collections import defaultdict
from datetime import date

runs = defaultdict(list)
for line in open(sys.argv[1]):
    bench, wall, user, sys_s, rss = line.rstrip("\n").split("\t")
    runs[bench].append((float(wall), float(user) + float(sys_s), int(rss)))
facts = {}
for line in open(sys.argv[2]):
    name, value = line.rstrip("\n").split("\t", 1)
    facts[name] = value  # the last value wins (pandas rows repeat per run)


def stat(bench):
    r = runs.get(bench)
    if not r:
        return None
    walls = sorted(x[0] for x in r)
    return {
        "n": len(r),
        "min": walls[0],
        "median": statistics.median(walls),
        "cpu": statistics.median(x[1] for x in r),
        "rss": statistics.median(x[2] for x in r) / 1024,
    }


def num(name):
    return int(facts.get(name, "0") or 0)


s1, s10 = facts.get("scale", "1.0"), facts.get("big_scale", "10")
rows = {
    "generate_s1": num("annex_s1"), "floor_s1": num("annex_s1"), "pandas_s1": num("pandas_rows_s1"),
    "generate_sql_s1": num("annex_s1"),
    "validate_s1": num("annex_s1"), "validate_v120": num("annex_v120"), "validate_v55": num("annex_v55"),
    "generate_s10": num("annex_s10"), "floor_s10": num("annex_s10"), "pandas_s10": num("pandas_rows_s10"),
}
what = {
    "generate_s1": f"`annexa generate` end to end, scale {s1}",
    "generate_sql_s1": f"`annexa generate`, List 1 through an SQL source (`SELECT * FROM contacts`), scale {s1}",
    "floor_s1": f"bare libxlsxwriter floor, scale {s1}",
    "pandas_s1": f"pandas + XlsxWriter script, scale {s1}",
    "validate_s1": f"`annexa validate --workbook`, scale {s1} workbook",
    "validate_v120": "`annexa validate --workbook`, scale 0.68 workbook",
    "validate_v55": "`annexa validate --workbook`, scale 0.31 workbook",
    "generate_s10": f"`annexa generate` end to end, scale {s10}",
    "floor_s10": f"bare libxlsxwriter floor, scale {s10}",
    "pandas_s10": f"pandas + XlsxWriter script, scale {s10}",
}
st = {b: stat(b) for b in what}

out = []
p = out.append
p("# Benchmark results")
p("")
p(f"Written by `bench/run` on {date.today().isoformat()} (commit {facts.get('commit', '?')}, "
  f"{facts.get('annexa_version', '?')}); the whole run took {facts.get('seconds', '?')} s.")
p(f"Machine: {facts.get('cpu', '?')}; load average {facts.get('load_start', '?')} at the start, "
  f"{facts.get('load_end', '?')} at the end (the machine is shared: compare the ratios, "
  f"which are measured in the same run, runs interleaved).")
p(f"libxlsxwriter {facts.get('libxlsxwriter', '?')}; pandas and XlsxWriter {facts.get('pandas', '?')}.")
p("")
p(f"Data: Exampleshire at scale {s1} ({num('raw_s1'):,} raw rows, {num('annex_s1'):,} Annex A rows, "
  f"workbook {num('book_kb_s1') / 1024:.1f} MB) and scale {s10} ({num('raw_s10'):,} raw rows, "
  f"{num('annex_s10'):,} Annex A rows); validate also reads the scale 0.68 workbook "
  f"({num('annex_v120'):,} rows: the issue's \"largest council's Annex A workbook (about 120,000 rows)\") "
  f"and the scale 0.31 one ({num('annex_v55'):,} rows).")
p("")
p("| benchmark | Annex A rows | runs | wall min | wall median | CPU median | peak RSS | rows/s |")
p("|---|---:|---:|---:|---:|---:|---:|---:|")
for b, label in what.items():
    s = st[b]
    if not s:
        p(f"| {label} | {rows[b]:,} | 0 | skipped | | | | |")
        continue
    rate = rows[b] / s["median"] if s["median"] > 0 else 0
    p(f"| {label} | {rows[b]:,} | {s['n']} | {s['min']:.2f} s | {s['median']:.2f} s | {s['cpu']:.2f} s | "
      f"{s['rss']:.0f} MB | {rate:,.0f} |")
p("")
p("Wall and CPU (user + sys) are medians over the runs; peak RSS is the median of the runs' maxima. "
  "rows/s is Annex A rows over the median wall time (the pandas script's own row count for it).")
p("")


def ratio(a, b):
    if not st.get(a) or not st.get(b) or st[b]["median"] == 0:
        return None
    return st[a]["median"] / st[b]["median"]


def verdict(ok):
    return "met" if ok else "NOT met"


p("## Targets")
p("")
p("| target | measured | |")
p("|---|---:|---|")
r = ratio("generate_s1", "floor_s1")
if r is not None:
    p(f"| `generate` at scale {s1}, source contracts on, within 1.3x of the libxlsxwriter floor | {r:.2f}x | "
      f"{verdict(r <= 1.3)} |")
r = ratio("pandas_s1", "generate_s1")
if r is not None:
    p(f"| `generate` at scale {s1} at least 7x faster than pandas + XlsxWriter | {r:.1f}x | {verdict(r >= 7)} |")
for key, note in (("validate_v120", ""), ("validate_s1", "; half again the issue's size, so not an issue target")):
    v = st.get(key)
    if v:
        p(f"| `validate --workbook` on the {what[key].split(', ')[1]} ({rows[key]:,} rows{note}) under 1.5 s | "
          f"{v['median']:.2f} s | {verdict(v['median'] < 1.5)} |")
        p(f"| ... and under 150 MB peak RSS | {v['rss']:.0f} MB | {verdict(v['rss'] < 150)} |")
r = ratio("generate_s10", "generate_s1")
data = num("annex_s10") / num("annex_s1") if num("annex_s1") else 0
if r is not None:
    p(f"| `generate` at scale {s10} takes at most 11x the time of scale {s1} | {r:.2f}x | {verdict(r <= 11)} |")
    m = st["generate_s10"]["rss"] / st["generate_s1"]["rss"]
    p(f"| ... and its peak memory grows no faster than the data ({data:.2f}x the Annex A rows) | {m:.2f}x | "
      f"{verdict(m <= data)} |")
p("")
p("Other ratios from the same run (median wall time):")
p("")
sql = st.get("generate_sql_s1")
if sql and st.get("generate_s1"):
    p(f"- an SQL source reading the largest table (contacts) / `generate` at scale {s1}: "
      f"{ratio('generate_sql_s1', 'generate_s1'):.2f}x wall, "
      f"{sql['cpu'] / st['generate_s1']['cpu']:.2f}x CPU, "
      f"{sql['rss'] - st['generate_s1']['rss']:+.0f} MB peak RSS")
for a, b, text in [("generate_s10", "floor_s10", f"`generate` / floor at scale {s10}"),
                   ("pandas_s10", "generate_s10", f"pandas / `generate` at scale {s10}"),
                   ("floor_s10", "floor_s1", f"floor at scale {s10} / scale {s1}"),
                   ("validate_s1", "validate_v55", f"validate, scale {s1} / scale 0.31 workbook"),
                   ("validate_v120", "validate_v55", "validate, scale 0.68 / scale 0.31 workbook")]:
    r = ratio(a, b)
    p(f"- {text}: " + (f"{r:.2f}x" if r is not None else "not measured"))
print("\n".join(out))
