// One analysis of a document: scan it in the lens worker, render it, then the summary, entity panel,
// graph and filters (their data computed by the worker) — cancellable at every step.
//
// Why it exists: a new scan, a dictionary change or "Clear" may arrive while the previous analysis is
// still rendering; each analysis is a job that the next one cancels, so the page never shows two
// documents mixed.

import { renderGraph } from './graph.js';
import { $, state, hideProgress, showInputError } from './store.js';
import { scanInWorker, request } from './worker-client.js';
import { REQUEST } from './protocol.js';
import { renderSummary, renderEntities } from './entity-panel.js';
import { applyFilters } from './legend.js';
import { openCard, hideCard, enterCard, setCards } from './card-controller.js';
import { errorMessage } from '../../ui/dictionaries.js';

/** Cancels the analysis under way; false if there was none. The worker's answer is then ignored. */
export function cancelJob() {
  const job = state.job;
  if (!job) return false;
  job.cancelled = true;
  state.job = null;
  hideProgress();
  return true;
}

/** The graph box's width, read in the next frame (whose layout the browser does anyway). */
function graphWidth() {
  return new Promise((resolve) => {
    const read = () => resolve($('graph').clientWidth);
    // A page in a background tab gets no frames: read it after a moment instead.
    const timer = setTimeout(read, 200);
    requestAnimationFrame(() => { clearTimeout(timer); read(); });
  });
}

/** Lets the browser paint and take input between two steps of the results. */
const nextTask = () => new Promise((r) => setTimeout(r, 0));

/**
 * Scans `text` in the lens worker and renders the results.
 * @param {string} text
 * @param {string} name
 */
export async function analyze(text, name) {
  if (!state.ready) return;
  cancelJob();
  hideCard();
  state.text = text;
  state.name = name;
  state.selected = null;
  state.cursor = -1;
  const job = { cancelled: false };
  state.job = job;
  const docEl = $('doc');
  docEl.replaceChildren();
  docEl.setAttribute('aria-busy', 'true');
  $('results').hidden = false;
  $('doc-name').textContent = name;
  document.body.dataset.scan = 'running';
  document.body.dataset.engine = 'worker';

  let res;
  try {
    res = await scanInWorker(job, text, docEl);
  } catch (e) {
    if (job.cancelled) return;
    state.job = null;
    hideProgress();
    showInputError(`Scan failed: ${errorMessage(e)}`);
    return;
  }
  if (!res || job.cancelled) return;
  state.job = null;
  hideProgress();
  // Each step is measured (performance.measure `fl:…`): bench/page-long.mjs and DevTools read them.
  // Each gets its own task, so none holds the page for long; a newer scan started meanwhile makes
  // this one stop.
  const step = async (stepName, fn) => {
    await nextTask();
    if (job.cancelled || state.text !== text) return false;
    const t0 = performance.now();
    fn();
    performance.measure(`fl:${stepName}`, { start: t0, end: performance.now() });
    return true;
  };
  docEl.removeAttribute('aria-busy');
  state.quads = res.quads;
  state.index = res.index;
  state.stats = new Map(res.stats.map((s) => [s.id, s]));
  setCards(res.cards);
  if (!await step('summary', renderSummary)) return;
  if (!await step('entities', renderEntities)) return;
  // The graph is laid out in the worker for the width its box has (read when the browser lays out
  // the page anyway, never forcing a layout of its own).
  const graph = await request(REQUEST.LAYOUT, { graph: res.graph, width: await graphWidth() });
  if (!await step('graph', () => renderGraph($('graph'), graph, (id, anchor, byKeyboard) => {
    openCard(id, anchor).then(() => { if (byKeyboard) enterCard(); });
  }))) return;
  if (!await step('filters', applyFilters)) return;
  $('engine').textContent = `Ready · ${state.size} entities`;
  document.body.dataset.scan = 'done';
}
