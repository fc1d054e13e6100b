// The scan worker: scans long documents off the main thread so the page never freezes.
//
// Why it exists: a long document (a book, a large report) can take a noticeable time to scan; in a
// worker the page stays responsive and "Cancel" simply terminates the worker. The worker loads the
// bundled .wasm itself and applies the same user dictionaries as the page, then scans the whole
// document in one call (document-level evidence rules need the whole text), and sends the mentions
// back in paragraph batches so the page can render and report progress batch by batch.

import { loadEngine, builtinLens, scanCompact } from './engine.js';
import { applyDictionaries } from '../../ui/dictionaries.js';

let cached = { key: null, lens: null };

self.onmessage = async (ev) => {
  const { text, dictionaries = [], dictKey = '', batchChars = 200000 } = ev.data;
  try {
    self.postMessage({ type: 'phase', phase: 'loading' });
    await loadEngine(new URL('./pkg/factionlens_bg.wasm', self.location.href));
    if (cached.key !== dictKey || !cached.lens) {
      const lens = builtinLens();
      applyDictionaries(lens, dictionaries);
      cached = { key: dictKey, lens };
    }
    self.postMessage({ type: 'phase', phase: 'scanning' });
    const { quads, ids, types, names } = scanCompact(cached.lens, text);
    // Batches end at paragraph breaks so each can be rendered on its own.
    const batches = paragraphBatches(text, batchChars);
    self.postMessage({ type: 'meta', ids, types, names, batches: batches.length });
    let q = 0;
    for (let b = 0; b < batches.length; b++) {
      const end = batches[b];
      let k = q;
      while (k < quads.length && quads[k] < end) k += 4;
      // A mention that straddles the batch end stays in this batch (it starts before `end`).
      const part = quads.slice(q, k);
      self.postMessage({ type: 'batch', index: b, end: Math.max(end, k > q ? part[part.length - 3] : end), quads: part }, [part.buffer]);
      q = k;
    }
    self.postMessage({ type: 'done', mentions: quads.length / 4 });
  } catch (e) {
    self.postMessage({ type: 'error', message: e && e.message ? e.message : String(e) });
  }
};

/**
 * End offsets of batches of whole paragraphs, each about `size` UTF-16 units long.
 * @param {string} text
 * @param {number} size
 * @returns {number[]}
 */
export function paragraphBatches(text, size) {
  const ends = [];
  let from = 0;
  while (from < text.length) {
    let end = Math.min(text.length, from + size);
    if (end < text.length) {
      const br = text.indexOf('\n\n', end);
      const br1 = text.indexOf('\n', end);
      end = br !== -1 && br - end < size ? br + 2 : br1 !== -1 ? br1 + 1 : text.length;
    }
    ends.push(end);
    from = end;
  }
  return ends;
}
