// The page's lens worker: the one Lens of the page lives here, built once when the page starts, with
// the user's dictionaries loaded into it, and re-used by every scan, card and export.
//
// Why it exists: building the lens (~0.3 s), loading a big dictionary (seconds) and scanning a long
// document are each far over the 50 ms a page may hold its main thread; here they hold nothing the
// reader sees. The document shown lives here too (the page sends it in pieces and gets it back batch
// by batch), so the page never copies a long text in one go. The requests and their answers are
// defined in www/src/protocol.js.

import { loadEngine, builtinLens, invalidateIndex, Lens, version } from './engine.js';
import { applyDictionaries } from '../../ui/dictionaries.js';
import { cachedLens, lensCache } from '../../ui/lens-cache.js';
import { serve, REQUEST } from './protocol.js';
import { scanDocument } from './scan-job.js';
import { buildExport } from './exports.js';
import { graphLayout } from './graph-layout.js';
import { idleWarmer } from '../../ui/idle-warm.js';

let lens = null;
/** How the lens in force was made ('compiled': read back from IndexedDB, ui/lens-cache.js; 'built'). */
let source = null;
/** The document the page sent (PUT), in pieces until it is scanned or exported. */
let pieces = [];
/** Builds the lens's automaton once the worker is idle after a scan (ui/idle-warm.js). */
const warmer = idleWarmer();

/** The document the page sent, as one string. */
function documentText() {
  if (pieces.length !== 1) pieces = [pieces.join('')];
  return pieces[0];
}

/** The lens in force; a request that needs one before INIT fails with a clear error. */
function current() {
  if (!lens) throw new Error('the engine is not loaded yet');
  return lens;
}

serve(self, {
  async [REQUEST.INIT]() {
    await loadEngine(new URL('./pkg/factionlens_bg.wasm', self.location.href));
    if (!lens) {
      ({ lens, source } = await cachedLens({ Lens, version: version(), records: [], build: () => ({ lens: builtinLens() }), cache: lensCache('builtin') }));
    }
    return { rules: Lens.rules(), extensions: Lens.dictionaryExtensions(), version: version(), size: lens.size, source };
  },
  async [REQUEST.BUILD]({ records }) {
    const build = () => {
      const l = builtinLens();
      return { lens: l, results: applyDictionaries(l, records) };
    };
    const next = await cachedLens({ Lens, version: version(), records, build, cache: lensCache('dictionaries') });
    lens?.free?.();
    ({ lens, source } = next);
    return { results: next.results, size: lens.size, source };
  },
  [REQUEST.DETECT]({ name, text }) {
    return current().detectFormat(name, text);
  },
  [REQUEST.LOAD]({ text, format, options }) {
    const l = current();
    const report = l.loadDictionary(text, format, options);
    invalidateIndex(l);
    return { loaded: report.loaded, ids: report.ids, total: report.total, warnings: report.warnings || [], size: l.size };
  },
  [REQUEST.ENTITY]({ id }) {
    return current().entity(id) ?? null;
  },
  [REQUEST.PUT]({ piece, first }) {
    if (first) pieces = [];
    pieces.push(piece);
    return pieces.reduce((n, p) => n + p.length, 0);
  },
  [REQUEST.SCAN]({ batchChars }, emit) {
    const l = current();
    const answer = scanDocument(l, documentText(), batchChars, emit);
    warmer.afterScan(l);
    return answer;
  },
  [REQUEST.LAYOUT]({ graph, width }) {
    return graphLayout(graph, width);
  },
  [REQUEST.EXPORT]({ kind, name }) {
    const { filename, content, mime } = buildExport(kind, current(), documentText(), name);
    return { filename, blob: new Blob([content], { type: mime }) };
  },
});
