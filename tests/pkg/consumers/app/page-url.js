// The README's browser example for bundlers that do not rewrite `new URL(…, import.meta.url)`
// (Rollup, esbuild): the bundler emits the .wasm and hands its URL to init().
import init, { Lens } from 'factionlens';
import { highlight } from 'factionlens/highlight';
import wasmUrl from 'factionlens/factionlens_bg.wasm';
import { report, fail } from './report.js';

init({ module_or_path: wasmUrl }).then(() => report(Lens, highlight), fail);
