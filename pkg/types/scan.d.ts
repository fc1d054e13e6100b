/**
 * FactionLens's scan-only entry, `factionlens/scan`: the built-in knowledge base and its scans in a
 * WebAssembly module half the size of the whole API's, for the first highlight of a page.
 *
 * ```js
 * import init, { Lens } from 'factionlens/scan';
 * await init();                       // loads factionlens_scan_bg.wasm (a no-op in Node)
 * const lens = new Lens();            // the built-in knowledge base
 * lens.scanCompact("Kataib Hizballah and AAH fired rockets");
 * ```
 * Its `Lens` finds the same mentions as the `factionlens` entry's, and has no cards, dictionaries,
 * exports or palette: load `factionlens` for those (after the first highlight). The API is declared in
 * scan-api.d.ts, generated from the Rust types; `init` and `initSync` are the main entry's (index.d.ts).
 * @packageDocumentation
 */

export * from './scan-api.js';
export { default, initSync } from './index.js';
export type { InitInput, WasmBytes } from './index.js';
