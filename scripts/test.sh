#!/usr/bin/env bash
# Runs every FactionLens test on this machine: the README's test command calls this (after setup).
#   1. Rust: unit, integration, property and doc tests (native)
#   2. WebAssembly: wasm-bindgen tests in Node and in headless Chromium
#   3. Build: npm package, page and extension
#   4. Node + browser tests: shared UI modules, package, page, extension (real Chromium via playwright-core)
#   5. Smoke runs: benchmark harness, fuzz targets; extension packaging and web-ext lint
# Every suite runs even when an earlier one failed; the script exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; exit 1; }

passed=0
failed=()
# run NAME COMMAND...: runs one suite and records its outcome.
run() {
  local name=$1
  shift
  printf '\n==> %s\n' "$name"
  if "$@"; then
    passed=$((passed + 1))
  else
    echo "FAILED: $name"
    failed+=("$name")
  fi
}

run "Rust tests (native)" cargo test --all-targets
run "Rust doc tests" cargo test --doc

if [ -f tests/wasm.rs ]; then
  run "WebAssembly tests in Node" env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target wasm32-unknown-unknown --test wasm
  run "WebAssembly tests in headless Chromium" env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm
fi

[ -f pkg/build.mjs ] && run "Build the npm package" npm run build:pkg
[ -f www/build.mjs ] && run "Build the page" npm run build:www
[ -f extension/build.mjs ] && run "Build the extension" npm run build:ext

for suite in ui pkg www ext; do
  case $suite in
    ui) dir=tests/ui ;;
    pkg) dir=tests/pkg ;;
    www) dir=tests/e2e/www ;;
    ext) dir=tests/e2e/extension ;;
  esac
  if compgen -G "$dir/*.test.mjs" >/dev/null; then
    run "Tests: $dir" npm run "test:$suite"
  fi
done

run "Python package and Spark example" bash scripts/test-python.sh
[ -f extension/package.mjs ] && run "Extension packaging and web-ext lint" npm run package:ext
[ -f bench/run.mjs ] && run "Benchmark harness smoke run" node bench/run.mjs --smoke
[ -f scripts/fuzz-smoke.sh ] && run "Fuzz targets smoke run" bash scripts/fuzz-smoke.sh

echo
echo "suites: $passed passed, ${#failed[@]} failed"
for f in "${failed[@]}"; do echo "  failed: $f"; done
[ ${#failed[@]} -eq 0 ]
