"""Python and Spark throughput (issue 18): the Python package (one call per article vs scan_many on 1 and 2
threads), the CLI with --input jsonl (1 and 2 threads), and the Spark job at local[1] and local[2], all on
the same generated corpus. Prints a Markdown table for BENCHMARKS.md.

    .venv/bin/python bench/python.py [--articles 10000]
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples/spark"))


def timed(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), max(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    import make_corpus

    from factionlens import Lens

    tmp = pathlib.Path(tempfile.mkdtemp())
    corpus = tmp / "corpus.jsonl"
    rows = list(make_corpus.articles(a.articles))
    with corpus.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    texts = [r["text"] for r in rows]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    lens = Lens()
    cli = os.environ.get("FACTIONLENS_CLI") or str(ROOT / "target/release/factionlens")
    results = []

    def add(what, cores, med_min_max):
        med, lo, hi = med_min_max
        results.append((what, cores, a.articles / med, mb / med, mb / med / cores, lo, hi))

    add("Python `lens.scan(text)` per article", 1, timed(lambda: [lens.scan(t) for t in texts], a.runs))
    add("Python `lens.scan_many(texts, threads=1)`", 1, timed(lambda: lens.scan_many(texts, threads=1), a.runs))
    add("Python `lens.scan_many(texts)` (2 threads)", 2, timed(lambda: lens.scan_many(texts, threads=2), a.runs))
    for th in (1, 2):
        add(f"CLI `scan --input jsonl --threads {th}`", th, timed(
            lambda: subprocess.run([cli, "scan", "--input", "jsonl", "--threads", str(th), str(corpus)],
                                   stdout=subprocess.DEVNULL, check=True), a.runs))
    from pyspark.sql import SparkSession

    import pipeline

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    for cores in (1, 2):
        spark = (SparkSession.builder.master(f"local[{cores}]").appName("fl-bench")
                 .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", str(cores))
                 .getOrCreate())
        pipeline.run(spark, str(corpus), str(tmp / "warm"))  # JVM and workers warm
        add(f"Spark job (`local[{cores}]`, mentions + monthly Parquet)", cores,
            timed(lambda: pipeline.run(spark, str(corpus), str(tmp / "out")), a.runs))
        spark.stop()
    print(f"\n{a.articles} articles, {mb:.1f} MB of UTF-8, median of {a.runs} runs (min-max in seconds)\n")
    print("| what | cores | articles/s | MB/s | MB/s per core | min-max s |")
    print("|---|---|---|---|---|---|")
    for what, cores, aps, mbs, per, lo, hi in results:
        print(f"| {what} | {cores} | {aps:,.0f} | {mbs:.1f} | {per:.1f} | {lo:.2f}-{hi:.2f} |")


if __name__ == "__main__":
    main()
