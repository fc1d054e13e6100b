// One scan in the lens worker: the mentions of a document, sent in paragraph batches, then what the
// page shows besides the article (entity statistics, the cards of the entities found, the graph).
//
// Why it exists: everything about a scan that is computation runs here, off the page's main thread:
// the scan itself (the whole document in one call: document-level evidence rules need the whole
// text), the statistics, the co-mention graph and its layout. The page only renders, in slices.

import { lensIndex } from './engine.js';
import { coMentions } from './graph-layout.js';
import { SCAN_EVENT } from './protocol.js';

/** At most this many cards travel with a scan's answer (the most mentioned entities); the page asks
 * for any other by id. */
const MAX_CARDS = 300;

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

/**
 * The entities a scan found, numbered in order of first mention, with the quads' entity numbers
 * rewritten to that numbering: the page gets the names of the entities in the document only, not
 * those of the whole knowledge base (which a big dictionary makes tens of thousands).
 * @param {Uint32Array} quads rewritten in place
 * @param {{ids: string[], types: string[], names: string[]}} index the lens's
 */
function localIndex(quads, index) {
  const local = new Map();
  const out = { ids: [], types: [], names: [] };
  for (let k = 2; k < quads.length; k += 4) {
    const ei = quads[k];
    let li = local.get(ei);
    if (li === undefined) {
      li = out.ids.length;
      local.set(ei, li);
      out.ids.push(index.ids[ei]); out.types.push(index.types[ei]); out.names.push(index.names[ei]);
    }
    quads[k] = li;
  }
  return out;
}

/**
 * Per-entity statistics of a scan: count and distinct surface forms, most mentioned first.
 * @param {string} text
 * @param {Uint32Array} quads
 * @param {{ids: string[], types: string[], names: string[]}} index
 * @returns {{id: string, name: string, type: string, count: number, seen: string[]}[]}
 */
export function entityStats(text, quads, index) {
  const stats = index.ids.map((id, i) => ({ id, name: index.names[i], type: index.types[i], count: 0, seen: new Set() }));
  for (let k = 0; k < quads.length; k += 4) {
    const s = stats[quads[k + 2]];
    s.count++;
    s.seen.add(text.slice(quads[k], quads[k + 1]));
  }
  return stats.map((s) => ({ ...s, seen: [...s.seen] }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/**
 * Scans `text` with `lens`: sends `meta` and one `batch` per group of paragraphs, then answers with
 * the statistics, the cards of the most mentioned entities and the co-mention graph (laid out by a
 * LAYOUT request once the page knows the graph's width).
 * @param {object} lens
 * @param {string} text the document
 * @param {number} batchChars about how many characters a batch has
 * @param {(event: string, data: object, transfer?: Transferable[]) => void} emit
 */
export function scanDocument(lens, text, batchChars, emit) {
  const quads = lens.scanCompact(text);
  const index = localIndex(quads, lensIndex(lens));
  // Batches end at paragraph breaks so each can be rendered on its own.
  const batches = paragraphBatches(text, batchChars);
  emit(SCAN_EVENT.META, { ...index, batches: batches.length });
  let q = 0;
  let start = 0;
  for (let b = 0; b < batches.length; b++) {
    let k = q;
    while (k < quads.length && quads[k] < batches[b]) k += 4;
    // A mention that straddles the batch end stays in this batch (it starts before the end).
    const part = quads.slice(q, k);
    const end = Math.max(batches[b], k > q ? part[part.length - 3] : 0, start);
    emit(SCAN_EVENT.BATCH, { index: b, start, end, text: text.slice(start, end), quads: part }, [part.buffer]);
    q = k;
    start = end;
  }
  const stats = entityStats(text, quads, index);
  // As JSON text: the page copies a string in no time, and parses a card only when it shows it
  // (copying a hundred cards as objects took ~30 ms of one task on the page).
  const cards = {};
  for (const s of stats.slice(0, MAX_CARDS)) cards[s.id] = JSON.stringify(lens.entity(s.id) ?? null);
  return { mentions: quads.length / 4, length: text.length, stats, cards, graph: coMentions(text, quads, index) };
}
