#!/usr/bin/env bash
# Runs every FactionLens test on this machine: the README's test command calls this (after setup).
#   0. Gates: cargo fmt --check, cargo clippy (native and wasm32; warnings are errors), ESLint over every JS folder
#   1. Rust: unit, integration, property and doc tests (native)
#   2. WebAssembly: wasm-bindgen tests in Node and in headless Chromium
#   3. Build: npm package (and the check that its committed TypeScript declarations are current), page
#      and extension
#   4. Node + browser tests: shared UI modules, package, page, extension (real Chromium via playwright-core)
#   5. Interchange: exports and dictionaries against the W3C tests, JSON-LD processors, followthemoney, pandas
#   6. Smoke runs: benchmark harness, fuzz targets; extension packaging and web-ext lint
# Every suite runs even when an earlier one failed; the script exits non-zero if any failed. A suite
# whose files are missing fails (nothing is skipped because a file was renamed). A suite may say it
# cannot run on this machine by exiting with status 77 (the fuzz smoke run without a nightly
# toolchain): it is reported as SKIPPED and counted apart from the passed ones.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; exit 1; }

passed=0
failed=()
skipped=()
# run NAME COMMAND...: runs one suite and records its outcome.
run() {
  local name=$1 status
  shift
  printf '\n==> %s\n' "$name"
  "$@"
  status=$?
  if [ $status -eq 0 ]; then
    passed=$((passed + 1))
  elif [ $status -eq 77 ]; then
    echo "SKIPPED: $name"
    skipped+=("$name")
  else
    echo "FAILED: $name"
    failed+=("$name")
  fi
}
# node_tests DIR: the Node test files of DIR; a folder without any is a failure, not an empty pass.
node_tests() {
  local files=("$1"/*.test.mjs)
  if [ ! -e "${files[0]}" ]; then
    echo "no test files in $1" >&2
    return 1
  fi
  node --test "${files[@]}"
}

run "cargo fmt --check" cargo fmt --check
run "cargo clippy (all targets, warnings are errors)" cargo clippy --all-targets -- -D warnings
# The `toml` feature (default) gates code: lint the build without it too.
run "cargo clippy (all targets, no default features)" cargo clippy --all-targets --no-default-features -- -D warnings
# src/wasm.rs is compiled for wasm32 only: the native run above never lints it. The wasm builds have no
# default features (scripts/build-wasm.sh): lint and test what ships, the scan-only module (pkg's
# `factionlens/scan` entry) and the whole API (`--features wasm-full`, the `factionlens` entry).
run "cargo clippy (wasm32: the scan-only module)" cargo clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings
run "cargo clippy (wasm32: the whole WebAssembly API)" cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features wasm-full -- -D warnings
run "ESLint (www, extension, ui, pkg/js, bench, tests, scripts)" npx --no-install eslint --max-warnings 0 .

run "Rust tests (native)" cargo test --all-targets
run "Rust doc tests" cargo test --doc

run "WebAssembly tests in Node (the scan-only module)" env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --no-default-features --test wasm
run "WebAssembly tests in Node (the whole API)" env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --no-default-features --features wasm-full --test wasm
run "WebAssembly tests in headless Chromium (the whole API)" env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --no-default-features --features wasm-full --test wasm

run "Build the npm package" npm run build:pkg
# The committed pkg/types/api.d.ts against the declarations the build just generated from the Rust types.
run "TypeScript declarations are current (npm run types:check)" npm run types:check
run "Build the page" npm run build:www
run "Build the extension" npm run build:ext

run "Tests: tests/ui" node_tests tests/ui
run "Tests: tests/pkg" node_tests tests/pkg
run "Tests: tests/e2e/www" node_tests tests/e2e/www
run "Tests: tests/e2e/extension" node_tests tests/e2e/extension

# Interchange: exports and dictionaries checked by the tools that define the formats (the W3C
# web-annotation-tests schemas with jsonschema and ajv, pyld and jsonld.js, followthemoney, csv, pandas).
run "Interchange: Web Annotation, JSON-LD, FollowTheMoney, CSV" bash -c \
  'cargo build -q --bin factionlens && .venv/bin/python -m unittest discover -s tests/interchange -t tests/interchange'

run "Python package and Spark example" bash scripts/test-python.sh
run "Extension packaging and web-ext lint" npm run package:ext
run "Benchmark harness smoke run" node bench/run.mjs --smoke
run "Fuzz targets smoke run" bash scripts/fuzz-smoke.sh

echo
for s in "${skipped[@]}"; do echo "  SKIPPED (not counted as passed): $s"; done
for f in "${failed[@]}"; do echo "  failed: $f"; done
echo "suites: $passed passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
