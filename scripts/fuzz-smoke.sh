#!/usr/bin/env bash
# Smoke run of the fuzz targets (fuzz/): each target for 20 seconds over a scratch copy of its seed corpus
# (fuzz/seeds/), two at a time. Exits non-zero if any target crashes (the input is saved under
# fuzz/artifacts/TARGET/). Needs the nightly toolchain; installs cargo-fuzz if missing.
# Long runs: see fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${FUZZ_SECONDS:-20}
TARGETS=(scan fold dictionary_json dictionary_toml dictionary_csv dictionary_ftm)

if ! cargo +nightly --version >/dev/null 2>&1; then
  # cargo-fuzz needs nightly, and a machine without it cannot fetch one (only crates.io is reachable):
  # say so loudly and exit 77, which scripts/test.sh reports as SKIPPED (not as passed).
  echo "fuzz-smoke: SKIPPED: no nightly toolchain on this machine (cargo-fuzz needs it; see fuzz/README.md)" >&2
  exit 77
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz
fi

# The seed corpus a target starts from: fold reads the same text as scan.
seeds_of() {
  case $1 in
    fold) echo fuzz/seeds/scan ;;
    *) echo "fuzz/seeds/$1" ;;
  esac
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

(cd fuzz && cargo +nightly fuzz build)

run() {
  local t=$1
  mkdir -p "$scratch/$t"
  cp "$(seeds_of "$t")"/* "$scratch/$t/"
  # -timeout: an input that takes this long is a hang, reported like a crash.
  (cd fuzz && cargo +nightly fuzz run "$t" "$scratch/$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -timeout=25 -print_final_stats=1) \
    >"$scratch/$t.log" 2>&1
}

failed=()
for ((i = 0; i < ${#TARGETS[@]}; i += 2)); do
  pair=("${TARGETS[@]:i:2}")
  pids=()
  for t in "${pair[@]}"; do
    run "$t" &
    pids+=($!)
  done
  for j in "${!pair[@]}"; do
    t=${pair[$j]}
    if wait "${pids[$j]}"; then
      printf 'fuzz %-16s ok   %s\n' "$t" "$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$scratch/$t.log" | grep -o '[0-9]*$') runs"
    else
      failed+=("$t")
      printf 'fuzz %-16s FAILED\n' "$t"
      tail -n 40 "$scratch/$t.log"
    fi
  done
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz-smoke: crashes in ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
echo "fuzz-smoke: ${#TARGETS[@]} targets ran ${SECONDS_PER_TARGET}s each without a crash"
