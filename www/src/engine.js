// Loads the FactionLens WebAssembly core once and makes lenses from it: for the lens worker only
// (www/src/lens-worker.js; the page's main thread never loads the core).
//
// Why it exists: the worker loads the bundled .wasm from the page's own origin (never from the
// network) and reads the entity index of a lens, which crosses into WebAssembly for every entity, once
// per lens.

import init, { Lens, version } from '../../pkg/dist/web/index.js';
import { lensIndex as readIndex } from '../../pkg/js/paint.js';

let ready = null;

/**
 * Initializes the wasm module (idempotent).
 * @param {string|URL} wasmUrl where the bundled factionlens_bg.wasm is
 * @returns {Promise<void>}
 */
export function loadEngine(wasmUrl) {
  if (!ready) ready = init({ module_or_path: wasmUrl });
  return ready;
}

/** A lens over the built-in knowledge base. */
export function builtinLens() {
  return new Lens();
}

export { Lens, version };

const indexCache = new WeakMap();
/** Entity ids, types and names by index for a lens (the highlighter's lensIndex, cached per lens
 * object: reading it crosses into WebAssembly for every entity). */
export function lensIndex(lens) {
  let v = indexCache.get(lens);
  if (!v) {
    v = readIndex(lens);
    indexCache.set(lens, v);
  }
  return v;
}

/** Forgets the cached index of a lens (after loading a dictionary into it). */
export function invalidateIndex(lens) {
  indexCache.delete(lens);
}
