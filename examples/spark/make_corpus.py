"""Generates a corpus of news-like articles for the Spark example and its test.

Articles are stitched from real text of varied outlets: the evaluation corpus (tests/eval, English and
Arabic excerpts from wire services, Iraqi and Gulf outlets, think tanks, government releases) and the
seed articles (tests/fixtures), paragraph by paragraph, with dates spread over 2019-2026. Deterministic
for a given seed.

    python make_corpus.py --articles 10000 --out corpus.jsonl      # or corpus.parquet
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import random
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
MARK = re.compile(r"\[\[([^|\]]+)\|[^\]]*\]\]")
FRONT = re.compile(r"\A\+\+\+\n.*?\n\+\+\+\n", re.S)


def paragraphs() -> list[tuple[str, str]]:
    """(outlet, paragraph) pairs from the evaluation corpus and the seed articles."""
    out: list[tuple[str, str]] = []
    for p in sorted((ROOT / "tests/eval").glob("*/*.md")):
        raw = p.read_text("utf-8")
        m = re.search(r'^outlet\s*=\s*"([^"]*)"', raw, re.M)
        outlet = m.group(1) if m else p.parent.name
        body = MARK.sub(r"\1", FRONT.sub("", raw))
        out += [(outlet, q.strip()) for q in body.split("\n\n") if len(q.strip()) > 40]
    for p in sorted((ROOT / "tests/fixtures").glob("*.txt")):
        body = p.read_text("utf-8")
        out += [("seed", q.strip()) for q in body.split("\n\n") if len(q.strip()) > 40]
    if len(out) < 50:
        raise SystemExit(f"only {len(out)} paragraphs found under {ROOT}/tests: is this the FactionLens repo?")
    return out


def articles(n: int, seed: int = 7):
    rng = random.Random(seed)
    paras = paragraphs()
    start = dt.date(2019, 1, 1)
    span = (dt.date(2026, 11, 30) - start).days
    for i in range(n):
        outlet, first = rng.choice(paras)
        body = [first] + [rng.choice(paras)[1] for _ in range(rng.randint(1, 5))]
        yield {
            "id": f"art-{i:06d}",
            "date": (start + dt.timedelta(days=rng.randrange(span))).isoformat(),
            "source": outlet,
            "text": "\n\n".join(body),
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True, help="a .jsonl or .parquet path")
    a = ap.parse_args()
    rows = list(articles(a.articles, a.seed))
    if a.out.endswith(".parquet"):
        import pandas as pd

        pd.DataFrame(rows).to_parquet(a.out, index=False)
    else:
        with open(a.out, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles -> {a.out}")


if __name__ == "__main__":
    main()
