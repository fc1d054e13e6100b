// One analysis of a document: scan it in the lens worker, render it, then the summary, entity panel,
// graph and filters (their data computed by the worker) — cancellable at every step.
//
// Why it exists: a new scan, a dictionary change or "Clear" may arrive while the previous analysis is
// still rendering; each analysis is a job that the next one cancels, so the page never shows two
// documents mixed. The document itself lives in the worker (the page keeps its name and length).

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

/** The graph box's width as the browser last laid it out (a ResizeObserver: reading clientWidth
 * would force a layout of the whole page, a 10 MB article included, in one task). */
const graphBox = { width: 0, ready: null };

/** Starts following the graph box's width. */
export function initGraphBox() {
  let resolve;
  graphBox.ready = new Promise((r) => { resolve = r; });
  new ResizeObserver((entries) => {
    // Hidden results (Clear) measure 0: the last width shown stays the one to lay out for.
    const width = entries[entries.length - 1].contentRect.width;
    if (!width) return;
    graphBox.width = width;
    resolve();
  }).observe($('graph'));
}

/** The graph box's width, once it has one (the results were just shown: after their first layout). */
async function graphWidth() {
  if (!graphBox.width) await Promise.race([graphBox.ready, new Promise((r) => setTimeout(r, 500))]);
  return graphBox.width;
}

/** Lets the browser paint and take input between two steps of the results. */
const nextTask = () => new Promise((r) => setTimeout(r, 0));

/**
 * Scans a document in the lens worker and renders the results.
 * @param {string|string[]} source the text, or its pieces in order (a file read a piece at a time)
 * @param {string} name
 */
export function analyze(source, name) {
  const length = typeof source === 'string' ? source.length : source.reduce((n, p) => n + p.length, 0);
  return run(source, { name, length });
}

/** Scans the document shown again (the dictionaries in force changed); nothing when none is shown. */
export function rescan() {
  return state.doc ? run(null, state.doc) : undefined;
}

async function run(source, doc) {
  if (!state.ready) return;
  cancelJob();
  hideCard();
  state.doc = doc;
  state.selected = null;
  state.cursor = -1;
  const job = { cancelled: false };
  state.job = job;
  const docEl = $('doc');
  docEl.replaceChildren();
  docEl.setAttribute('aria-busy', 'true');
  $('results').hidden = false;
  $('doc-name').textContent = doc.name;
  document.body.dataset.scan = 'running';
  document.body.dataset.engine = 'worker';

  let res;
  try {
    res = await scanInWorker(job, source, doc.length, docEl);
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
    if (job.cancelled) return false;
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
