// The README's browser example for bundlers that do not rewrite `new URL(…, import.meta.url)`
// (Rollup, esbuild): the bundler emits each .wasm and hands its URL to init().
import init, { Lens } from 'factionlens';
import initScan, { Lens as ScanLens } from 'factionlens/scan';
import { highlight } from 'factionlens/highlight';
import wasmUrl from 'factionlens/factionlens_bg.wasm';
import scanWasmUrl from 'factionlens/factionlens_scan_bg.wasm';
import { report, fail } from './report.js';

Promise.all([init({ module_or_path: wasmUrl }), initScan({ module_or_path: scanWasmUrl })])
  .then(() => report(Lens, highlight, ScanLens), fail);
