// The background's lenses: which of the core's two WebAssembly modules answers what.
//
// Why it exists: most readers have no dictionaries, and for them the first highlight of a page needs
// only the scan-only module (`factionlens/scan`, factionlens_scan_bg.wasm: about half the whole API's
// download and compile). The whole API (factionlens_bg.wasm) is loaded where it is needed: for readers
// with dictionaries (their lens, and its compiled form kept in IndexedDB by ui/lens-cache.js), and for
// the first card asked for, after which it is kept. For the built-in knowledge base both modules give
// the same entity indexes (tests/pkg/scan-entry.test.mjs), so a card asked for by the id of a mention
// the scan-only lens found is the same card.

import initScan, { Lens as ScanLens } from '../../pkg/dist/web/scan.js';
import initWhole, { Lens, version as coreVersion } from '../../pkg/dist/web/index.js';
import { lensIndex } from '../../pkg/js/highlight.js';
import { DictionaryStore, chromeStorageAdapter } from '../../ui/dictionaries.js';
import { cachedLens } from '../../ui/lens-cache.js';

/** Each module's .wasm, as extension/build.mjs copies it into the extension. */
export const WASM = Object.freeze({ scan: 'pkg/factionlens_scan_bg.wasm', whole: 'pkg/factionlens_bg.wasm' });

/** @typedef {'scan' | 'whole'} Module which of the two modules */

/**
 * The lens in force (for scans) and the lens with cards, each made on first need and kept until the
 * dictionaries change ({@link replace}).
 * @param {typeof chrome} api the extension API (`browser` or `chrome`)
 */
export function backgroundLenses(api) {
  /** Module → a promise of {asked, initMs}: when its load was first asked for and how long it took (ms). */
  const loads = new Map();
  let inForce = null;
  let builtIn = null;
  let version = 0;

  /** @param {Module} module */
  function load(module) {
    if (!loads.has(module)) {
      const asked = performance.now();
      const init = module === 'scan' ? initScan : initWhole;
      const p = init({ module_or_path: api.runtime.getURL(WASM[module]) }).then(() => ({ asked, initMs: performance.now() - asked }));
      p.catch(() => loads.delete(module));
      loads.set(module, p);
    }
    return loads.get(module);
  }

  /**
   * The lens with the reader's dictionaries applied: with none, a scan-only lens over the built-in
   * knowledge base; with some, the whole API's lens, read back from the compiled lens kept in
   * IndexedDB when it was compiled from the same dictionaries, else built and its compiled form kept
   * for the next wake of the service worker.
   */
  function current() {
    if (!inForce) {
      inForce = (async () => {
        const asked = performance.now();
        const store = new DictionaryStore(chromeStorageAdapter(api.storage.local), () => new Lens());
        const records = await store.init();
        /** @type {Module} */
        const module = records.length ? 'whole' : 'scan';
        const { initMs } = await load(module);
        const t0 = performance.now();
        const made = module === 'scan'
          ? { lens: new ScanLens(), source: 'built', stored: Promise.resolve(false), cancel() {} }
          // The compiled form is written a second after a build: the page that woke the worker is scanned first.
          : await cachedLens({ Lens, version: coreVersion(), records, build: () => store.buildLens(), writeDelay: 1000 });
        const ms = performance.now() - t0;
        version += 1;
        return { ...made, module, version, index: lensIndex(made.lens), ms, asked, initMs };
      })();
      inForce.catch(() => { inForce = null; });
    }
    return inForce;
  }

  /** A lens with cards for the lens in force: itself when it is the whole API's, else the whole API's built-in lens. */
  async function cards() {
    const l = await current();
    if (l.module === 'whole') return l.lens;
    if (!builtIn) {
      builtIn = load('whole').then(() => new Lens());
      builtIn.catch(() => { builtIn = null; });
    }
    return builtIn;
  }

  /** The dictionaries changed: the next scan makes a new lens in force. */
  function replace() {
    // The lens of the old dictionaries must not write its compiled form over the new one's.
    inForce?.then((l) => l.cancel(), () => {});
    inForce = null;
  }

  /** The modules asked for so far, in order. */
  const modules = () => [...loads.keys()];

  return { current, cards, replace, modules };
}
