#!/usr/bin/env python3
"""Count the knowledge base's entities per file and per type, and those with a Wikidata QID.

Reads data/kb/*.toml (meta.toml holds no entities) and prints a Markdown table for docs/kb-audit.md's
"Coverage" section. Usage: python3 scripts/kb-coverage.py [KB_DIR]
"""
import glob
import os
import sys
import tomllib
from collections import Counter

kb = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "data", "kb")
files = sorted(f for f in glob.glob(os.path.join(kb, "*.toml")) if not f.endswith("meta.toml"))
per_file, per_type, qid_file, qid_type = Counter(), Counter(), Counter(), Counter()
for f in files:
    name = os.path.basename(f)
    with open(f, "rb") as fh:
        for e in tomllib.load(fh).get("entity", []):
            per_file[name] += 1
            per_type[e["type"]] += 1
            if e.get("wikidata"):
                qid_file[name] += 1
                qid_type[e["type"]] += 1
total, qids = sum(per_file.values()), sum(qid_file.values())


def table(title, counts, qid_counts):
    print(f"| {title} | entities | with a QID |")
    print("|---|---:|---:|")
    for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"| {k} | {n} | {qid_counts[k]} |")
    print(f"| **total** | **{total}** | **{qids}** ({100 * qids / total:.1f} %) |")
    print()


table("file", per_file, qid_file)
table("type", per_type, qid_type)
