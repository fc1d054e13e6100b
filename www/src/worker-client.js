// The page's side of the scan worker's protocol (scan-worker.js is the other side).
//
// Why it exists: a long document is scanned in a worker, which answers with messages — `phase`
// (loading, scanning), `meta` (the entity index and the number of batches), one `batch` per group of
// paragraphs (their mentions, a transferred Uint32Array), then `done` or `error`. This module renders
// each batch on its own task as it arrives, reports progress, and puts the batches back together.

import { appendRange } from './render.js';
import { state, setProgress, hideProgress, showInputError } from './store.js';

/** Characters per render batch (`?batch=N` for tests). */
const BATCH_CHARS = Number(new URLSearchParams(location.search).get('batch')) || 60000;

/** Identifies the dictionaries in force, so the worker rebuilds its lens only when they change. */
function dictKey() {
  return state.store.records.map((r) => r.id).join(',');
}

/**
 * Scans `text` in a worker and renders it into `docEl` batch by batch.
 * @param {{cancelled: boolean, worker: Worker|null}} job the scan (cancelling it stops the rendering)
 * @param {string} text
 * @param {HTMLElement} docEl
 * @returns {Promise<{quads: Uint32Array, index: {ids: string[], types: string[], names: string[]}}|null>}
 *   null when the scan was cancelled or failed (the failure is shown)
 */
export function scanInWorker(job, text, docEl) {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('scan-worker.js', document.baseURI), { type: 'module' });
    job.worker = worker;
    setProgress('Loading the engine in a worker…');
    let meta = null;
    const parts = [];
    let pos = 0;
    let ord = 0;
    let pending = Promise.resolve();
    const fail = (message) => {
      state.job = null;
      hideProgress();
      showInputError(message);
      resolve(null);
    };
    worker.onmessage = (ev) => {
      const m = ev.data;
      if (job.cancelled) return;
      if (m.type === 'phase') setProgress(m.phase === 'scanning' ? `Scanning ${text.length.toLocaleString()} characters…` : 'Loading the engine in a worker…');
      else if (m.type === 'meta') { meta = m; setProgress(`Rendering 0 / ${m.batches} parts…`, 0); }
      else if (m.type === 'batch') {
        parts.push(m.quads);
        // Render each batch on its own task so the page stays responsive.
        pending = pending.then(() => new Promise((r) => setTimeout(() => {
          if (job.cancelled) return r();
          // Each batch in its own block: appending to one huge inline run re-lays out all of it
          // every time (quadratic); a new block is laid out on its own.
          const part = document.createElement('div');
          part.className = 'doc-part';
          docEl.appendChild(part);
          pos = appendRange(part, text, pos, m.end, m.quads, meta, ord, state.rules);
          ord += m.quads.length / 4;
          setProgress(`Rendering ${m.index + 1} / ${meta.batches} parts…`, (m.index + 1) / meta.batches);
          r();
        }, 0)));
      } else if (m.type === 'done') {
        pending.then(() => {
          worker.terminate();
          if (job.cancelled) return resolve(null);
          if (pos < text.length) appendRange(docEl, text, pos, text.length, [], meta, ord, state.rules);
          const total = parts.reduce((n, p) => n + p.length, 0);
          const quads = new Uint32Array(total);
          let o = 0;
          for (const p of parts) { quads.set(p, o); o += p.length; }
          resolve({ quads, index: { ids: meta.ids, types: meta.types, names: meta.names } });
        });
      } else if (m.type === 'error') {
        worker.terminate();
        fail(`Scan failed: ${m.message}`);
      }
    };
    worker.onerror = (e) => fail(`Scan worker failed: ${e.message || 'could not start'}`);
    worker.postMessage({ text, dictionaries: state.store.records, dictKey: dictKey(), batchChars: BATCH_CHARS });
  });
}
