#!/usr/bin/env bash
# The Python package and the Spark example (issue 18), as a user gets them:
#   1. build the abi3 wheel with maturin (python/),
#   2. install it into a FRESH virtual environment with nothing else and use it,
#   3. pytest the package (against the CLI and Python's own slicing) and the Spark job on 10,000 articles
#      (against the CLI's --input jsonl), with the wheel installed into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
target=${CARGO_TARGET_DIR:-target}
cargo build --release --bin factionlens
export FACTIONLENS_CLI=$PWD/$target/release/factionlens

rm -rf python/dist
(cd python && ../.venv/bin/maturin build --release -o dist)
wheel=$(ls python/dist/factionlens-*.whl)

fresh=$(mktemp -d)/venv
python3 -m venv "$fresh"
"$fresh/bin/pip" install -q --disable-pip-version-check "$wheel"
"$fresh/bin/python" - <<'PY'
import factionlens
lens = factionlens.Lens()
text = "قال قيس الخزعلي إن Kataib Hizballah 😀 والحشد الشعبي"
ms = lens.scan(text)
assert [text[m["start"]:m["end"]] for m in ms] == [m["text"] for m in ms] and len(ms) >= 2, ms
print(f"fresh venv: factionlens {factionlens.__version__}, {len(lens)} entities, {len(ms)} mentions")
PY
rm -rf "$(dirname "$fresh")"

$py -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$wheel"
$py -m pytest -q -W ignore::FutureWarning python/tests examples/spark
