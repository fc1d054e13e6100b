"""Shared helpers of the interchange tests: where things are, and how to run the FactionLens CLI.

The tests check FactionLens's exports and dictionary reader with the tools that define the formats
(the W3C test schemas, JSON-LD processors, the followthemoney package, Python csv and pandas), never
against FactionLens's own code. Run them with the repository's virtualenv:
    .venv/bin/python -m unittest discover -s tests/interchange -v
"""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "tests" / "vendor"
SUITE = VENDOR / "web-annotation-tests"
FIXTURES = ROOT / "tests" / "fixtures"
ARTICLES = {
    "latin": FIXTURES / "000_2fad84f5b0f336b8.txt",
    "arabic": FIXTURES / "interchange" / "arabic.txt",
    "emoji": FIXTURES / "interchange" / "emoji.txt",
}
BIN = Path(os.environ.get("FACTIONLENS_BIN", ROOT / "target" / "debug" / "factionlens"))


def factionlens(*args, check=True, stdin=None, binary=False):
    """Runs the CLI; returns the CompletedProcess (text mode with universal newlines, or bytes)."""
    if not BIN.exists():
        raise RuntimeError(f"{BIN} is missing: run `cargo build` first (or set FACTIONLENS_BIN)")
    return subprocess.run(
        [str(BIN), *map(str, args)],
        capture_output=True,
        text=not binary,
        encoding=None if binary else "utf-8",
        check=check,
        input=stdin,
    )


def article(name):
    return ARTICLES[name].read_text(encoding="utf-8")
