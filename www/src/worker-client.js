// The page's side of the lens worker: starts it, asks it for what the page needs, and renders a scan
// as its batches arrive, in slices short enough that the page never blocks.
//
// Why it exists: the lens lives in one long-lived worker (www/src/lens-worker.js; the messages are in
// www/src/protocol.js). The page sends it the document in pieces; the scan answers with the text and
// mentions in paragraph batches; each batch is rendered a few milliseconds at a time, yielding to the
// browser in between, so no main-thread task comes near 50 ms even for a 10 MB article (which the
// page never copies, joins or sends in one go); the progress line and Cancel stay live throughout.

import { LensClient, REQUEST, SCAN_EVENT } from './protocol.js';
import { appendRange } from './render.js';
import { state, setProgress, groupDigits } from './store.js';

const params = new URLSearchParams(location.search);
/** Characters per batch (`?batch=N` for tests). */
const BATCH_CHARS = Number(params.get('batch')) || 20000;
/** Mentions rendered between two looks at the clock, and the time a slice of rendering may take. */
const CHUNK = 100;
const SLICE_MS = 6;
/** Characters per message when the page sends a document to the worker (~1 ms of copying each). */
const PIECE_CHARS = 512 * 1024;

let client = null;

/**
 * Starts the lens worker and loads the engine (and the built-in knowledge base) in it.
 * @returns {Promise<{rules: string[], extensions: string[], version: string, size: number}>}
 */
export function startEngine() {
  client = new LensClient(new Worker(new URL('lens-worker.js', document.baseURI), { type: 'module' }));
  return client.call(REQUEST.INIT);
}

/**
 * Sends a request to the lens worker (www/src/protocol.js REQUEST).
 * @param {string} kind
 * @param {object} [args]
 * @param {{onEvent?: Function}} [options]
 */
export function request(kind, args, options) {
  return client.call(kind, args, options);
}

/** Lets the browser run its other tasks (input, rendering) before the next slice. */
function yieldToPage() {
  return new Promise((r) => setTimeout(r, 0));
}

/**
 * The lens in force as ui/dictionaries.js DictionaryStore uses it: its methods answer from the worker.
 * Each answer is handed on in a task of its own: what the store does next (saving a 4 MB dictionary
 * to IndexedDB copies it) would otherwise share the task that received the worker's message.
 */
export const remoteLens = {
  async detectFormat(name, text) {
    const format = await request(REQUEST.DETECT, { name, text });
    await yieldToPage();
    return format;
  },
  async loadDictionary(text, format, options) {
    const report = await request(REQUEST.LOAD, { text, format, options });
    state.size = report.size;
    await yieldToPage();
    return report;
  },
};

/**
 * Renders [from, to) of the document into `container`, with the marks of `quads`, a slice at a time.
 * @param {string} text the document's text from offset `base`
 * @returns {Promise<number>} the offset rendered up to
 */
async function renderSliced(job, container, text, base, from, to, quads, index, ord) {
  let k = 0;
  let pos = from;
  while (k < quads.length || pos < to) {
    if (job.cancelled) return pos;
    const deadline = performance.now() + SLICE_MS;
    do {
      const kEnd = Math.min(quads.length, k + 4 * CHUNK);
      const upTo = kEnd < quads.length ? quads[kEnd] : to;
      pos = appendRange(container, text, pos, upTo, quads.subarray(k, kEnd), index, ord + k / 4, state.rules, base);
      k = kEnd;
    } while ((k < quads.length || pos < to) && performance.now() < deadline);
    await yieldToPage();
  }
  return pos;
}

/** The sending of the last document: scans and exports wait for it, and a new document is sent only
 * after the previous one (the worker would otherwise get their pieces mixed). */
let upload = Promise.resolve();

/**
 * Sends a document to the worker a piece at a time (each copy a short task of its own).
 * @param {string|string[]} source the text, or its pieces in order
 * @returns {Promise<void>} when the worker has all of it
 */
function sendDocument(source) {
  const slices = [];
  for (const p of typeof source === 'string' ? [source] : source) {
    for (let i = 0; i < p.length; i += PIECE_CHARS) slices.push(p.slice(i, i + PIECE_CHARS));
  }
  if (!slices.length) slices.push('');
  upload = upload.catch(() => {}).then(async () => {
    for (let i = 0; i < slices.length; i++) await request(REQUEST.PUT, { piece: slices[i], first: i === 0 });
  });
  return upload;
}

/** Resolves when the worker has the whole document last sent (rejects if sending it failed). */
export function documentSent() {
  return upload;
}

/**
 * Sends `source` to the worker (null: scans the document it has), scans it there, and renders it
 * into `docEl` batch by batch.
 * @param {{cancelled: boolean}} job the scan (cancelling it stops the rendering; the worker's answer
 *   is then ignored)
 * @param {string|string[]|null} source
 * @param {number} length the document's length (for the progress line)
 * @param {HTMLElement} docEl
 * @returns {Promise<{quads: Uint32Array, index: object, length: number, stats: object[], cards: object, graph: object}|null>}
 *   rejects when the scan failed; resolves to null when it was cancelled
 */
export async function scanInWorker(job, source, length, docEl) {
  setProgress(`Scanning ${groupDigits(length)} characters…`);
  await (source !== null ? sendDocument(source) : documentSent());
  if (job.cancelled) return null;
  let meta = null;
  const parts = [];
  let pos = 0;
  let ord = 0;
  let rendering = Promise.resolve();
  const onEvent = (event, data) => {
    if (job.cancelled) return;
    if (event === SCAN_EVENT.META) {
      meta = data;
      setProgress(`Rendering 0 / ${data.batches} parts…`, 0);
    } else if (event === SCAN_EVENT.BATCH) {
      parts.push(data.quads);
      const first = ord;
      ord += data.quads.length / 4;
      rendering = rendering.then(async () => {
        if (job.cancelled) return;
        // Each batch in its own block: appending to one huge inline run re-lays out all of it every
        // time (quadratic); a new block is laid out on its own.
        const part = document.createElement('div');
        part.className = 'doc-part';
        // Its height until it is first laid out: about 75 characters a line of 1.7 × 17 px.
        part.style.containIntrinsicBlockSize = `auto ${Math.ceil(data.text.length / 75) * 29}px`;
        docEl.appendChild(part);
        pos = await renderSliced(job, part, data.text, data.start, pos, data.end, data.quads, meta, first);
        if (!job.cancelled) setProgress(`Rendering ${data.index + 1} / ${meta.batches} parts…`, (data.index + 1) / meta.batches);
      });
    }
  };
  const answer = await request(REQUEST.SCAN, { batchChars: BATCH_CHARS }, { onEvent });
  await rendering;
  if (job.cancelled) return null;
  const quads = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { quads.set(p, o); o += p.length; }
  return { quads, index: meta, ...answer };
}
