#!/usr/bin/env python3
"""The memory probe's data (bench/README.md, "Memory"): Exampleshire's small
extracts with contacts.csv grown to N rows.

Every contact row is one of the example's own contacts.csv rows (its person,
source and outcome, so the same people, codes and odd spellings), given a new
CONTACT_ID and a contact date drawn at random (seeded: the same bytes every
run) from the DAYS days up to the reference date 2026-11-23. The other 19
extracts are copied unchanged, so `annexa generate --config
config/exampleshire.yaml --data-dir OUT` reads them.

  bench/make_big_csv.py --rows 10000000 --days 3650 --out /tmp/probe10m
      # the 10-million-row contacts CSV (about 450 MB); 1 in 20 contacts
      # falls in List 1's six months
  bench/make_big_csv.py --rows 1000000 --days 182 --out /tmp/probe1m
      # a one-million-row List 1: every contact in the window
  bench/make_big_csv.py --rows 1000000 --days 182 --unknown-people 1 --out /tmp/probe1m-bad
      # the same, every contact naming a child people.csv does not hold:
      # several findings per row (orphan, join failed, missing values)
  bench/make_big_csv.py --rows 1000000 --days 182 --unknown-source 1 --out /tmp/probe1m-zz
      # every contact kept in List 1 with a source no code map covers:
      # findings held per row while the list is built

Prints the rows and bytes of contacts.csv written.
"""
import argparse
import datetime
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "examples", "exampleshire", "data")
REFERENCE = datetime.datetime(2026, 11, 23)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, required=True, help="contact rows to write")
    ap.add_argument("--days", type=int, default=3650, help="contact dates spread over this many days before 2026-11-23")
    ap.add_argument("--out", required=True, help="folder to write the extracts into (created)")
    ap.add_argument("--unknown-people", type=float, default=0.0,
                    help="this fraction of contacts name a person not in people.csv (each such row gives several findings)")
    ap.add_argument("--unknown-source", type=float, default=0.0,
                    help="this fraction of contacts have CONTACT_SOURCE 'ZZ', which no code map covers (a finding on a kept row)")
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    if args.rows < 0 or args.days < 1:
        sys.exit("make_big_csv: --rows must be >= 0 and --days >= 1")
    os.makedirs(args.out, exist_ok=True)
    for name in sorted(os.listdir(EXAMPLE)):
        if name.endswith(".csv") and name != "contacts.csv":
            shutil.copyfile(os.path.join(EXAMPLE, name), os.path.join(args.out, name))

    with open(os.path.join(EXAMPLE, "contacts.csv"), newline="", encoding="utf-8") as f:
        lines = f.read().splitlines()
    header, templates = lines[0], lines[1:]
    # The row after CONTACT_ID and CONTACT_DATE_TIME: PERSON_ID, then
    # CONTACT_SOURCE and CONTACT_OUTCOME (the example has no quoted commas).
    parts = []
    for line in templates:
        cells = line.split(",")
        assert len(cells) == 5, line
        parts.append((cells[1], cells[3], cells[4]))

    rng = random.Random(args.seed)
    seconds = args.days * 86400
    path = os.path.join(args.out, "contacts.csv")
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(header + "\n")
        batch = []
        for i in range(args.rows):
            person, source, outcome = parts[rng.randrange(len(parts))]
            if args.unknown_people and rng.random() < args.unknown_people:
                person = str(9000000 + i)
            if args.unknown_source and (args.unknown_source >= 1 or rng.random() < args.unknown_source):
                source = "ZZ"
            when = REFERENCE - datetime.timedelta(seconds=rng.randrange(seconds) + 1)
            batch.append(f"{30000001 + i},{person},{when:%Y-%m-%d %H:%M:%S},{source},{outcome}\n")
            if len(batch) == 100000:
                out.write("".join(batch))
                written += len(batch)
                batch.clear()
        out.write("".join(batch))
        written += len(batch)
    print(f"contacts.csv\t{written} rows\t{os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
