// One analysis of a document: scan it (on this thread, or in the worker for long texts), render it,
// then the statistics, summary, entity panel, graph and filters — cancellable at every step.
//
// Why it exists: a new scan, a dictionary change or "Clear" may arrive while the previous analysis is
// still rendering; each analysis is a job that the next one cancels, so the page never shows two
// documents mixed.

import { lensIndex } from './engine.js';
import { appendRange, entityStats } from './render.js';
import { coMentions, renderGraph } from './graph.js';
import { $, state, hideProgress } from './store.js';
import { scanInWorker } from './worker-client.js';
import { renderSummary, renderEntities } from './entity-panel.js';
import { applyFilters } from './legend.js';
import { openCard, hideCard, enterCard } from './card-controller.js';

/** Texts longer than this are scanned in the worker (`?worker=always` forces the worker). */
const WORKER_THRESHOLD = new URLSearchParams(location.search).get('worker') === 'always' ? 0 : 150000;

/** Cancels the analysis under way; false if there was none. */
export function cancelJob() {
  const job = state.job;
  if (!job) return false;
  job.cancelled = true;
  job.worker?.terminate();
  state.job = null;
  hideProgress();
  return true;
}

/**
 * Scans `text` and renders the results (worker for long texts, main thread otherwise).
 * @param {string} text
 * @param {string} name
 */
export async function analyze(text, name) {
  if (!state.lens) return;
  cancelJob();
  hideCard();
  state.text = text;
  state.name = name;
  state.selected = null;
  state.cursor = -1;
  const job = { cancelled: false, worker: null };
  state.job = job;
  const docEl = $('doc');
  docEl.replaceChildren();
  docEl.setAttribute('aria-busy', 'true');
  $('results').hidden = false;
  $('doc-name').textContent = name;
  document.body.dataset.scan = 'running';

  let quads, index;
  document.body.dataset.engine = text.length <= WORKER_THRESHOLD ? 'main' : 'worker';
  if (text.length <= WORKER_THRESHOLD) {
    index = lensIndex(state.lens);
    quads = state.lens.scanCompact(text);
    appendRange(docEl, text, 0, text.length, quads, index, 0, state.rules);
  } else {
    const res = await scanInWorker(job, text, docEl);
    if (!res) return; // cancelled or failed
    ({ quads, index } = res);
  }
  if (job.cancelled) return;
  state.job = null;
  hideProgress();
  // Each step is measured (performance.measure `fl:…`): bench/page-long.mjs and DevTools read them.
  const step = (stepName, fn) => {
    const t0 = performance.now();
    const r = fn();
    performance.measure(`fl:${stepName}`, { start: t0, end: performance.now() });
    return r;
  };
  // On a very long article each heavy step gets its own task, so none holds the page for long; a
  // newer scan started meanwhile makes this one stop.
  const stale = async () => {
    if (quads.length > 40000) await new Promise((r) => setTimeout(r, 0));
    return job.cancelled || state.quads !== quads;
  };
  step('busy-off', () => docEl.removeAttribute('aria-busy'));
  state.quads = quads;
  state.index = index;
  state.stats = step('stats', () => entityStats(text, quads, index));
  step('summary', renderSummary);
  step('entities', renderEntities);
  if (await stale()) return;
  step('graph', () => renderGraph($('graph'), coMentions(text, quads, index), (id, anchor, byKeyboard) => {
    openCard(id, anchor);
    if (byKeyboard) enterCard();
  }));
  if (await stale()) return;
  step('filters', applyFilters);
  $('engine').textContent = `Ready · ${state.lens.size} entities`;
  document.body.dataset.scan = 'done';
}
