#!/usr/bin/env bash
# Runs every FactionLens test on this machine: the README's test command calls this (after setup).
#   1. Rust: unit, integration, property and doc tests (native)
#   2. WebAssembly: wasm-bindgen tests in Node and in headless Chromium
#   3. Build: npm package, page and extension
#   4. Node + browser tests: package, page, extension (real Chromium via playwright-core)
#   5. Smoke runs: benchmark harness, fuzz targets; web-ext lint
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

passed=0
stage() { printf '\n==> %s\n' "$1"; }
ok() { passed=$((passed + 1)); }

stage "Rust tests (native)"
cargo test --all-targets && ok
cargo test --doc && ok

if [ -f tests/wasm.rs ]; then
  stage "WebAssembly tests in Node"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target wasm32-unknown-unknown --test wasm && ok
  stage "WebAssembly tests in headless Chromium"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner WASM_BINDGEN_USE_BROWSER=1 \
    CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm && ok
fi

stage "Build the npm package, the page and the extension"
[ -f pkg/build.mjs ] && { npm run build:pkg && ok; }
[ -f www/build.mjs ] && { npm run build:www && ok; }
[ -f extension/build.mjs ] && { npm run build:ext && ok; }

for suite in ui pkg www ext; do
  case $suite in
    ui) dir=tests/ui ;;
    pkg) dir=tests/pkg ;;
    www) dir=tests/e2e/www ;;
    ext) dir=tests/e2e/extension ;;
  esac
  if compgen -G "$dir/*.test.mjs" >/dev/null; then
    stage "Tests: $dir"
    npm run "test:$suite" && ok
  fi
done

if [ -f extension/package.mjs ]; then
  stage "Extension packaging and web-ext lint"
  npm run package:ext && ok
fi

if [ -f bench/run.mjs ]; then
  stage "Benchmark harness smoke run"
  node bench/run.mjs --smoke && ok
fi

if [ -f scripts/fuzz-smoke.sh ]; then
  stage "Fuzz targets smoke run"
  bash scripts/fuzz-smoke.sh && ok
fi

echo
echo "suites: $passed passed, 0 failed"
