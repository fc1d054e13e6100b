#!/usr/bin/env bash
# Builds the WebAssembly core and its JS bindings for the two targets of the npm package:
#   pkg/dist/web      (ES module, init() fetches/compiles the .wasm)
#   pkg/dist/node     (CommonJS for Node, loads the .wasm from disk)
# Two modules from the one crate, each optimized once with binaryen's wasm-opt (npm package `binaryen`):
#   factionlens       the whole API (feature `wasm-full`): pkg's `factionlens` entry
#   factionlens_scan  scanning with the built-in KB only (no features): pkg's `factionlens/scan`
#                     entry, which the page and the extension load first (src/wasm.rs says why).
# Built without the default `toml` feature: the page and the extension turn a TOML dictionary into the
# JSON form in JavaScript (ui/dictionary-text.js), so the TOML parser stays out of the .wasm.
# Build settings (measured 2026-12-01, issue 15 item 4, at load 4-10; BENCHMARKS.md "Size: the fold's
# table and the build settings"): the release profile (opt-level 3, fat LTO, one codegen unit) and
# wasm-opt -O3 stay, because size-optimizing costs scan speed. opt-level "s" for everything: -22 KB gzip,
# scan +8 %; "z": -51 KB, +70 %; "s" (or "z", factionlens "s") for every crate but aho-corasick and
# memchr: -17 to -18 KB, +9 to +12 %. "z" for the cold crates (serde, serde_json, csv, hashbrown, ...)
# with factionlens and aho-corasick at 3 saves nothing: their generic code (serde's visitors, sorting,
# collections) is instantiated, and optimized, in factionlens. WASM_OPT_LEVEL=-Oz: -4.8 KB raw, the same
# gzip. panic = "abort" is already this target's default.
set -euo pipefail
cd "$(dirname "$0")/.."
raw=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/factionlens.wasm
# --no-inline keeps the resolver's functions (src/resolve.rs, src/resolve/context.rs; their #[inline(never)]
# keeps LLVM from merging them) apart: -O3 would inline every function that has one caller, which made one
# 68 KB function of `Lens::resolve` that V8 compiles whole (lazily, on the first scan), rare branches and
# all. Apart, V8 compiles only the rules a text reaches. wasm-bindgen keeps the functions' names for the
# pattern; wasm-opt drops them from its output (no -g).
# --no-full-inline/--no-partial-inline (one wildcard each: binaryen's patterns are not lists) keep
# `Matcher::from_parts` (and `KnowledgeBase::from_parts`) out of `lens_new`, as --no-inline keeps the
# resolver's `stored::from_bytes`: inlined, they made `new Lens()` one 13 KB function whose loops
# spent V8's tier-up budget, so TurboFan compiled all of it on a worker (14-56 ms of CPU on the 2 cores
# the main thread needs) for a function a page calls once: wasm has no on-stack replacement, so that
# code never ran. Apart, only the smaller looping functions are tiered up (20 KB of function bodies
# instead of 31 KB; bench/NOTES.md, "Cold start: the key index and tier-up").
OPT=('--no-inline=factionlens::resolve::*' '--no-full-inline=factionlens::*::from_parts*' '--no-partial-inline=factionlens::*::from_parts*'
  "${WASM_OPT_LEVEL:--O3}" --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-multivalue --enable-mutable-globals)

# module NAME [CARGO FEATURE ARGS...]: builds one module and writes its web and nodejs glue; the two
# targets get the same .wasm (only the JS glue differs): optimize it once, then share it.
module() {
  local name=$1
  shift
  cargo build --release --target wasm32-unknown-unknown --lib --no-default-features "$@"
  for t in web nodejs; do
    wasm-bindgen --target "$t" --out-dir "pkg/dist/${t/nodejs/node}" --out-name "$name" "$raw"
  done
  cmp -s "pkg/dist/web/${name}_bg.wasm" "pkg/dist/node/${name}_bg.wasm"
  npx --no-install wasm-opt "${OPT[@]}" "pkg/dist/web/${name}_bg.wasm" -o "pkg/dist/web/${name}_bg.wasm"
  cp "pkg/dist/web/${name}_bg.wasm" "pkg/dist/node/${name}_bg.wasm"
}

rm -rf pkg/dist && mkdir -p pkg/dist
module factionlens_scan
module factionlens --features wasm-full
ls -l pkg/dist/*/*_bg.wasm
