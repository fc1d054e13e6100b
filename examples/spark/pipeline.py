"""FactionLens over an archive with Apache Spark: every mention of every article, and a per-month count
of each entity.

Reads a corpus of articles (JSON lines or Parquet with columns id, date, source, text), scans it with the
`factionlens` Python package inside `mapInPandas` (one Lens per Python worker process, built once and
reused for every batch), and writes two Parquet tables:

- OUT/mentions: one row per mention (id, date, source, entity, type, text, start, end, byte_start,
  byte_end, start_utf16, end_utf16, alias, rule, ambiguous); `start`/`end` index the article's text in
  code points, as Python and Spark strings do.
- OUT/monthly: month, entity, type, mentions, articles.

    spark-submit pipeline.py corpus.jsonl out/            # or: python pipeline.py … (local[*])
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Iterator

import pandas as pd
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

MENTION_SCHEMA = (
    "id string, date string, source string, entity string, type string, text string, "
    "start long, end long, byte_start long, byte_end long, start_utf16 long, end_utf16 long, "
    "alias string, rule string, ambiguous boolean"
)

_LENS = None


def lens():
    """The worker process's Lens, built on first use (the built-in knowledge base)."""
    global _LENS
    if _LENS is None:
        from factionlens import Lens

        _LENS = Lens()
        for path in filter(None, os.environ.get("FACTIONLENS_DICTS", "").split(os.pathsep)):
            _LENS.load_dictionary(path)
    return _LENS


def scan_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """mapInPandas body: articles in, mention rows out."""
    cols = [c.split()[0] for c in MENTION_SCHEMA.split(", ")]
    for df in batches:
        texts = df["text"].fillna("").tolist()
        rows = []
        # One thread per worker process: Spark already runs one process per core.
        for (aid, date, source), mentions in zip(
            zip(df["id"], df["date"], df["source"]), lens().scan_many(texts, threads=1)
        ):
            for m in mentions:
                rows.append({"id": aid, "date": date, "source": source, **m})
        yield pd.DataFrame(rows, columns=cols)


def read_corpus(spark: SparkSession, path: str) -> DataFrame:
    df = spark.read.parquet(path) if path.endswith(".parquet") else spark.read.json(path)
    missing = {"id", "text"} - set(df.columns)
    if missing:
        raise SystemExit(f"{path}: the corpus needs columns id and text (missing: {', '.join(sorted(missing))})")
    for c in ("date", "source"):
        if c not in df.columns:
            df = df.withColumn(c, F.lit(None).cast("string"))
    return df.select(
        F.col("id").cast("string"), F.col("date").cast("string"), F.col("source").cast("string"), "text"
    )


def run(spark: SparkSession, corpus: str, out: str) -> tuple[DataFrame, DataFrame]:
    # The workers unpickle scan_batches by module name: ship this file to them (local and cluster alike).
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    mentions = read_corpus(spark, corpus).mapInPandas(scan_batches, schema=MENTION_SCHEMA)
    mentions.write.mode("overwrite").parquet(os.path.join(out, "mentions"))
    mentions = spark.read.parquet(os.path.join(out, "mentions"))
    monthly = (
        mentions.withColumn("month", F.substring("date", 1, 7))
        .groupBy("month", "entity", "type")
        .agg(F.count("*").alias("mentions"), F.countDistinct("id").alias("articles"))
        .orderBy("month", F.desc("mentions"), "entity")
    )
    monthly.write.mode("overwrite").parquet(os.path.join(out, "monthly"))
    return mentions, spark.read.parquet(os.path.join(out, "monthly"))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", help="JSON lines or .parquet with columns id, date, source, text")
    ap.add_argument("out", help="output folder (mentions/ and monthly/ Parquet tables)")
    ap.add_argument("--master", default=None, help="Spark master when run with python (default local[*])")
    a = ap.parse_args(argv)
    # Local workers run the Python that runs this script (the one with factionlens installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("factionlens")
    if a.master or "SPARK_HOME" not in os.environ and "spark-submit" not in " ".join(sys.argv):
        builder = builder.master(a.master or "local[*]")
    spark = builder.getOrCreate()
    mentions, monthly = run(spark, a.corpus, a.out)
    print(f"{mentions.count()} mentions; top entities by month:")
    monthly.show(10, truncate=False)
    spark.stop()


if __name__ == "__main__":
    main()
