#!/usr/bin/env python3
"""Draws the seeded sample of timeline events that docs/quality.md's
"Not a date, judged by hand" counts are judged on.

    CHRONO_DUMP=/tmp/events.tsv cargo test -p sidenote-core --test chronology_quality \
        -- --ignored --nocapture report
    python3 docs/nondate-samples/sample.py /tmp/events.tsv SEED > docs/nondate-samples/seed-SEED.tsv

Then a person reads each row's context and fills in the `verdict` column:
`ok` (a date of something told), or `no:` + the reason (no date, page
furniture, a reference, a generic season...), as docs/quality.md defines.
"""
import csv
import random
import sys

path, seed = sys.argv[1], int(sys.argv[2])
n = int(sys.argv[3]) if len(sys.argv) > 3 else 300
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
picked = sorted(random.Random(seed).sample(range(len(rows)), n))
out = csv.writer(sys.stdout, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
out.writerow(["row", "page", "value", "quote", "context", "verdict"])
for i in picked:
    r = rows[i]
    out.writerow([i, r["page"], r["value"], r["quote"], r["context"], ""])
print(f"# {len(rows)} events, seed {seed}, {n} drawn", file=sys.stderr)
