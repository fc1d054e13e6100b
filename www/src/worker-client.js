// The page's side of the lens worker: starts it, asks it for what the page needs, and renders a scan
// as its batches arrive, in slices short enough that the page never blocks.
//
// Why it exists: the lens lives in one long-lived worker (www/src/lens-worker.js; the messages are in
// www/src/protocol.js). A scan answers with the mentions in paragraph batches; each batch is rendered
// a few milliseconds at a time, yielding to the browser in between, so no main-thread task comes near
// 50 ms even for a 10 MB article; the progress line and Cancel stay live throughout.

import { LensClient, REQUEST, SCAN_EVENT } from './protocol.js';
import { appendRange } from './render.js';
import { state, setProgress, groupDigits } from './store.js';

const params = new URLSearchParams(location.search);
/** Characters per batch (`?batch=N` for tests). */
const BATCH_CHARS = Number(params.get('batch')) || 20000;
/** Mentions rendered between two looks at the clock, and the time a slice of rendering may take. */
const CHUNK = 400;
const SLICE_MS = 8;

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

/** The lens in force as ui/dictionaries.js DictionaryStore uses it: its methods answer from the worker. */
export const remoteLens = {
  detectFormat: (name, text) => request(REQUEST.DETECT, { name, text }),
  async loadDictionary(text, format, options) {
    const report = await request(REQUEST.LOAD, { text, format, options });
    state.size = report.size;
    return report;
  },
};

/** Lets the browser run its other tasks (input, rendering) before the next slice. */
function yieldToPage() {
  return new Promise((r) => setTimeout(r, 0));
}

/**
 * Renders [from, to) of `text` into `container`, with the marks of `quads`, a slice at a time.
 * @returns {Promise<number>} the offset rendered up to
 */
async function renderSliced(job, container, text, from, to, quads, index, ord) {
  let k = 0;
  let pos = from;
  while (k < quads.length || pos < to) {
    if (job.cancelled) return pos;
    const deadline = performance.now() + SLICE_MS;
    do {
      const kEnd = Math.min(quads.length, k + 4 * CHUNK);
      const upTo = kEnd < quads.length ? quads[kEnd] : to;
      pos = appendRange(container, text, pos, upTo, quads.subarray(k, kEnd), index, ord + k / 4, state.rules);
      k = kEnd;
    } while ((k < quads.length || pos < to) && performance.now() < deadline);
    await yieldToPage();
  }
  return pos;
}

/**
 * Scans `text` in the worker and renders it into `docEl` batch by batch.
 * @param {{cancelled: boolean}} job the scan (cancelling it stops the rendering; the worker's answer
 *   is then ignored)
 * @param {string} text
 * @param {HTMLElement} docEl
 * @returns {Promise<{quads: Uint32Array, index: object, stats: object[], cards: object, graph: object}>}
 *   rejects when the scan failed; resolves to null when it was cancelled
 */
export async function scanInWorker(job, text, docEl) {
  setProgress(`Scanning ${groupDigits(text.length)} characters…`);
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
        part.style.containIntrinsicBlockSize = `auto ${Math.ceil((data.end - pos) / 75) * 29}px`;
        docEl.appendChild(part);
        pos = await renderSliced(job, part, text, pos, data.end, data.quads, meta, first);
        if (!job.cancelled) setProgress(`Rendering ${data.index + 1} / ${meta.batches} parts…`, (data.index + 1) / meta.batches);
      });
    }
  };
  // Sending the text copies it (~10 ms for 10 MB): after the progress line has had its task.
  await yieldToPage();
  if (job.cancelled) return null;
  const answer = await request(REQUEST.SCAN, { text, batchChars: BATCH_CHARS }, { onEvent });
  await rendering;
  if (job.cancelled) return null;
  if (pos < text.length) docEl.appendChild(document.createTextNode(text.slice(pos)));
  const quads = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { quads.set(p, o); o += p.length; }
  return { quads, index: meta, ...answer };
}
