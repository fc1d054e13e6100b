#!/usr/bin/env python3
"""List the evaluation corpus's gold mentions that the knowledge base does not find, grouped by entity.

Why it exists: to see which *names* (spellings, Arabic short forms, truncations) the KB lacks, before the
engine's scorer exists on this branch. It is a research aid for KB authors, not the scorer: a gold mention
counts as found when a scanned mention with the same entity id overlaps its span (exact spans are the
scorer's business). The corpus format and its parser are tests/eval/check.py's (imported, not copied).

    cargo build
    python3 scripts/kb-corpus-gaps.py [--bin target/debug/factionlens] [--dict extra.toml ...]

`--dict` loads KB files of other branches (e.g. `git show wt/x:data/kb/y.toml > /tmp/y.toml`) as custom
dictionaries, so the report covers the KB as it will be after the merge.
"""
import argparse
import collections
import importlib.util
import json
import pathlib
import subprocess
import tempfile
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("check", ROOT / "tests" / "eval" / "check.py")
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)


def scan_all(binary, dicts, texts):
    """Scan every text in one process (the dictionaries are parsed once); mentions per text, in order."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n, text in enumerate(texts):
            p = pathlib.Path(tmp) / f"{n:03}.txt"
            p.write_text(text, encoding="utf-8")
            paths.append(str(p))
        args = [binary, "scan", "--format", "jsonl", *paths]
        for d in dicts:
            args += ["--dict", d]
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    by_file = {r["file"]: r["mentions"] for r in map(json.loads, out.splitlines())}
    return [by_file[p] for p in paths]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=str(ROOT / "target" / "debug" / "factionlens"))
    ap.add_argument("--dict", action="append", default=[], dest="dicts")
    a = ap.parse_args()
    ids = set()
    for f in [*(ROOT / "data" / "kb").glob("*.toml"), *map(pathlib.Path, a.dicts)]:
        ids |= {e["id"] for e in tomllib.loads(f.read_text(encoding="utf-8")).get("entity", [])}
    missed, wrong, negatives = collections.defaultdict(list), collections.defaultdict(list), []
    total = found = 0
    files = sorted((ROOT / "tests" / "eval").glob("*/*.md"))
    parsed = [check.plain(check.split(path)[1]) for path in files]
    scanned = scan_all(a.bin, a.dicts, [text for text, _ in parsed])
    for path, (_text, gold), mentions in zip(files, parsed, scanned):
        where = f"{path.parent.name}/{path.name[:3]}"
        for start, end, surface, ident, _note in gold:
            over = [m for m in mentions if m["start"] < end and start < m["end"]]
            if ident == "?":
                negatives += [(where, surface, m["entity"]) for m in over]
                continue
            total += 1
            if any(m["entity"] == ident for m in over):
                found += 1
            elif over:
                wrong[ident].append(f'"{surface}" → {over[0]["entity"]} via "{over[0]["text"]}" ({where})')
            else:
                missed[ident].append(f'"{surface}" ({where})')
    print(f"gold mentions {total}; found with the right id (overlap) {found} = {found / total:.1%}")
    print("\n## Missed (nothing scanned over the gold span)")
    for ident, v in sorted(missed.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        flag = "" if ident in ids else " [id in no KB file]"
        print(f"- {ident}{flag}: " + "; ".join(v))
    print("\n## Another entity over the gold span")
    for ident, v in sorted(wrong.items()):
        print(f"- {ident}: " + "; ".join(v))
    print("\n## Hard negatives marked")
    for where, surface, entity in negatives:
        print(f'- "{surface}" → {entity} ({where})')


if __name__ == "__main__":
    main()
