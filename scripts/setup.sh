#!/usr/bin/env bash
# Installs everything FactionLens needs on a fresh Debian machine with Rust and Node:
# the wasm32 target, rustfmt and clippy, the wasm-bindgen CLI matching Cargo.lock, Debian's Chromium +
# ChromeDriver and Firefox ESR (browser tests; Debian's security suite carries ESR 153, driven by
# puppeteer-core over WebDriver BiDi), a word list (the variant false-positive test) and the npm packages.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

for c in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$c"; then
    say "adding the $c component (the fmt and clippy gates of scripts/test.sh)"
    rustup component add "$c"
  fi
done

want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/, "", $0); print; exit}' Cargo.lock 2>/dev/null || true)
if [ -z "$want" ]; then
  cargo generate-lockfile >/dev/null 2>&1 || true
  want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/, "", $0); print; exit}' Cargo.lock)
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (have: ${have:-none}); takes a few minutes"
  # No --locked: the crates.io mirror this project is built against lacks one version that
  # wasm-bindgen-cli's own Cargo.lock pins, so a locked install fails there; the unlocked one resolves
  # a published compatible version.
  cargo install wasm-bindgen-cli --version "$want"
fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
[ -x /usr/bin/firefox-esr ] || need_apt+=(firefox-esr)
[ -f /usr/share/dict/words ] || need_apt+=(wamerican)
# PyICU (a dependency of followthemoney, for the interchange tests) builds against ICU.
[ -f /usr/include/unicode/uversion.h ] || need_apt+=(libicu-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
command -v g++ >/dev/null || need_apt+=(g++)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]} from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# The extension declares strict_min_version 142: Debian's plain suite carries ESR 140, its security
# suite ESR 153 (apt picks the newer one when both are configured).
ff=$(/usr/bin/firefox-esr --version 2>/dev/null | grep -oE '[0-9]+' | head -1 || true)
if [ -n "$ff" ] && [ "$ff" -lt 142 ]; then
  echo "setup: Firefox ESR $ff is too old for the extension's tests (need 142 or later: add Debian's security suite to apt's sources)" >&2
  exit 1
fi

# Java for Spark (examples/spark): Debian's OpenJDK 17 unless a Java 17+ is already there.
if ! java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'; then
  say "installing openjdk-17-jre-headless from Debian (Spark)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
# Python, in one virtual environment under the repository (.venv, ignored by git), from PyPI:
# maturin (builds the wheel of python/), pytest, pandas, pyarrow and pyspark (the Spark example), and the
# libraries that define the interchange formats (followthemoney, pyld, jsonschema) for tests/interchange.
# Installed again only when a requirements file is newer than the last install.
reqs="python/requirements-dev.txt examples/spark/requirements.txt tests/interchange/requirements.txt"
if [ ! -f .venv/.installed ] || [ -n "$(find $reqs -newer .venv/.installed 2>/dev/null)" ]; then
  say "installing the Python packages into .venv (maturin, pytest, pandas, pyspark, followthemoney, pyld, jsonschema)"
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check $(printf -- '-r %s ' $reqs)
  touch .venv/.installed
fi
say "setup done"
