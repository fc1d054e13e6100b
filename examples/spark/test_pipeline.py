"""The Spark job on a generated 10,000-article corpus equals the CLI over the same corpus.

Run: pytest examples/spark (needs pyspark, Java 17+, the factionlens wheel installed, and the CLI:
$FACTIONLENS_CLI or target/release/factionlens).
"""

import collections
import json
import os
import pathlib
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402
import pipeline  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("spark")
    path = d / "corpus.jsonl"
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--articles", "10000", "--out", str(path)],
                   check=True)
    return d, path


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (SparkSession.builder.master("local[2]").appName("factionlens-test")
         .config("spark.sql.shuffle.partitions", "4").config("spark.ui.enabled", "false").getOrCreate())
    yield s
    s.stop()


def cli_path():
    path = os.environ.get("FACTIONLENS_CLI") or str(ROOT / "target/release/factionlens")
    assert os.access(path, os.X_OK), f"no CLI at {path}: cargo build --release first"
    return path


def test_the_corpus_is_varied(corpus):
    _, path = corpus
    rows = [json.loads(l) for l in path.open(encoding="utf-8")]
    assert len(rows) == 10_000 and len({r["id"] for r in rows}) == 10_000
    assert len({r["source"] for r in rows}) >= 30
    assert sum(any("\u0600" <= ch <= "\u06ff" for ch in r["text"]) for r in rows) >= 1000  # Arabic too
    assert len({r["date"][:7] for r in rows}) >= 80


def test_spark_job_equals_the_cli(corpus, spark):
    d, path = corpus
    mentions, monthly = pipeline.run(spark, str(path), str(d / "out"))
    got = collections.Counter(
        (r["id"], r["entity"], r["start_utf16"], r["end_utf16"], r["rule"])
        for r in mentions.select("id", "entity", "start_utf16", "end_utf16", "rule").collect()
    )
    out = subprocess.run([cli_path(), "scan", "--input", "jsonl", str(path)], capture_output=True, check=True)
    want = collections.Counter()
    dates = {json.loads(l)["id"]: json.loads(l)["date"] for l in path.open(encoding="utf-8")}
    per_month = collections.Counter()
    for line in out.stdout.decode().splitlines():
        art = json.loads(line)
        for m in art["mentions"]:
            want[(art["id"], m["entity"], m["start"], m["end"], m["rule"])] += 1
            per_month[(dates[art["id"]][:7], m["entity"])] += 1
    assert sum(want.values()) > 20_000
    assert got == want
    table = {(r["month"], r["entity"]): r["mentions"] for r in monthly.collect()}
    assert table == dict(per_month)


def test_code_point_offsets_slice_the_text_in_spark_rows(corpus, spark):
    d, path = corpus
    texts = {json.loads(l)["id"]: json.loads(l)["text"] for l in path.open(encoding="utf-8")}
    rows = spark.read.parquet(str(d / "out" / "mentions")).limit(5000).collect()
    assert rows
    for r in rows:
        assert texts[r["id"]][r["start"]:r["end"]] == r["text"]
