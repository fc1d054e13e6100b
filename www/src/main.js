// The FactionLens page: wires input, scanning, rendering, the entity panel, cards, the graph,
// exports and the user's dictionaries together.
//
// Why it exists: this is the one place that knows the page's layout; the work itself is done by
// small modules (engine, input, render, graph, exports here; card, palette, dictionaries in ui/,
// shared with the extension). Everything runs locally; the only requests go to this page's own files.

import { loadEngine, builtinLens, lensIndex, invalidateIndex, Lens } from './engine.js';
import { readFile } from './input.js';
import { appendRange, entityStats } from './render.js';
import { coMentions, renderGraph } from './graph.js';
import { buildExport, download } from './exports.js';
import { renderCard } from '../../ui/card.js';
import { TYPES, typeLabel, TYPE_PLURALS, swatchStyle } from '../../ui/palette.js';
import { DictionaryStore, indexedDbAdapter, detectFormat, errorMessage, ACCEPT } from '../../ui/dictionaries.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
/** Texts longer than this are scanned in the worker (`?worker=always` forces the worker). */
const WORKER_THRESHOLD = params.get('worker') === 'always' ? 0 : 150000;
/** Characters per render batch (`?batch=N` for tests). */
const BATCH_CHARS = Number(params.get('batch')) || 60000;

const state = {
  lens: null,
  store: null,
  text: '',
  name: '',
  quads: new Uint32Array(0),
  index: { ids: [], types: [], names: [] },
  stats: new Map(),
  hidden: new Set(),
  selected: null,
  cursor: -1,
  job: null,
  rules: [],
};

// ---------------------------------------------------------------- theme

function effectiveTheme() {
  const t = document.documentElement.getAttribute('data-theme');
  if (t) return t;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
function syncThemeButton() {
  const dark = effectiveTheme() === 'dark';
  $('theme-toggle').setAttribute('aria-pressed', String(dark));
  $('theme-toggle').textContent = dark ? 'Light mode' : 'Dark mode';
}
$('theme-toggle').addEventListener('click', () => {
  const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
  document.documentElement.setAttribute('data-theme', next);
  try { localStorage.setItem('factionlens.theme', next); } catch { /* not persisted */ }
  syncThemeButton();
});
matchMedia('(prefers-color-scheme: dark)').addEventListener?.('change', syncThemeButton);
syncThemeButton();

// ---------------------------------------------------------------- legend and filters

function buildLegend() {
  const legend = $('legend');
  const filters = $('filters');
  legend.replaceChildren();
  filters.replaceChildren();
  for (const t of TYPES) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = `fl-swatch`;
    sw.setAttribute('style', swatchStyle(t));
    sw.setAttribute('aria-hidden', 'true');
    sw.textContent = '\u00a0';
    li.append(sw, document.createTextNode(typeLabel(t)));
    legend.appendChild(li);

    const label = document.createElement('label');
    label.className = 'check';
    const cb = document.createElement('input');
    cb.type = 'checkbox';
    cb.checked = !state.hidden.has(t);
    cb.dataset.type = t;
    cb.addEventListener('change', () => {
      if (cb.checked) state.hidden.delete(t); else state.hidden.add(t);
      applyFilters();
    });
    const sw2 = sw.cloneNode(true);
    const count = document.createElement('span');
    count.className = 'muted filter-count';
    count.dataset.type = t;
    label.append(cb, sw2, document.createTextNode(typeLabel(t)), count);
    filters.appendChild(label);
  }
}

function applyFilters() {
  const doc = $('doc');
  for (const t of TYPES) doc.classList.toggle(`fl-hide-${t}`, state.hidden.has(t));
  // Only touch marks whose tab stop changes: on a long article an unconditional write to every mark
  // invalidates the style of the whole document.
  if (state.hidden.size || state.marksHidden) {
    for (const m of doc.querySelectorAll('mark.fl-mark')) {
      const tab = state.hidden.has(m.dataset.type) ? -1 : 0;
      if (m.tabIndex !== tab) m.tabIndex = tab;
    }
  }
  state.marksHidden = state.hidden.size > 0;
  for (const li of $('entities').children) li.hidden = state.hidden.has(li.dataset.type);
  for (const g of $('graph').querySelectorAll('g.node')) g.classList.toggle('dim', state.hidden.has(g.dataset.entity && state.stats.get(g.dataset.entity)?.type));
}

// ---------------------------------------------------------------- engine and dictionaries

async function start() {
  buildLegend();
  $('dict-file').accept = ACCEPT;
  try {
    await loadEngine(new URL('pkg/factionlens_bg.wasm', document.baseURI));
  } catch (e) {
    $('engine').textContent = `Could not load the engine (pkg/factionlens_bg.wasm): ${errorMessage(e)}`;
    $('engine').classList.add('error-text');
    return;
  }
  state.rules = Lens.rules();
  state.store = new DictionaryStore(indexedDbAdapter('factionlens'), builtinLens);
  await state.store.init();
  const { lens, results } = state.store.buildLens();
  state.lens = lens;
  const failed = results.filter((r) => !r.ok);
  if (failed.length) showDictError(failed.map((r) => `${r.name}: ${r.error}`).join('\n'));
  renderDictList();
  $('engine').textContent = `Ready · ${state.lens.size} entities`;
  document.body.dataset.ready = '1';
  loadSamples();
}

function dictKey() {
  return state.store.records.map((r) => r.id).join(',');
}

function showDictError(msg) {
  const el = $('dict-error');
  el.textContent = msg;
  el.hidden = !msg;
}

function renderDictList() {
  const ul = $('dict-list');
  ul.replaceChildren();
  for (const d of state.store.list()) {
    const li = document.createElement('li');
    li.dataset.id = d.id;
    const head = document.createElement('div');
    head.className = 'dict-head';
    const name = document.createElement('strong');
    name.textContent = d.name;
    const meta = document.createElement('span');
    meta.className = 'muted';
    meta.textContent = ` ${d.format.toUpperCase()} · ${d.replace ? 'replaces the built-in KB' : 'added to the built-in KB'} · ${d.error ? 'failed to load' : `${d.loaded ?? 0} entit${d.loaded === 1 ? 'y' : 'ies'}`}`;
    const rm = document.createElement('button');
    rm.type = 'button';
    rm.className = 'btn small ghost';
    rm.textContent = 'Remove';
    rm.setAttribute('aria-label', `Remove dictionary ${d.name}`);
    rm.addEventListener('click', () => removeDictionary(d.id, d.name));
    head.append(name, meta, rm);
    li.appendChild(head);
    const ids = document.createElement('p');
    ids.className = 'dict-ids small';
    const list = d.ids || [];
    ids.textContent = d.error ? d.error : list.length ? `ids: ${list.slice(0, 12).join(', ')}${list.length > 12 ? `, … (${list.length - 12} more)` : ''}` : '';
    li.appendChild(ids);
    ul.appendChild(li);
  }
  $('kb-size').textContent = state.lens ? `Knowledge base in force: ${state.lens.size} entities.` : '';
}

$('dict-file').addEventListener('change', async (ev) => {
  const file = ev.target.files[0];
  ev.target.value = '';
  if (!file || !state.lens) return;
  const text = (await file.text()).replace(/^\uFEFF/, '');
  const replace = $('dict-replace').checked;
  // Building the automaton for a big dictionary takes a moment on this thread: say so first, and let
  // the message paint before the work starts.
  $('dict-status').textContent = `Loading ${file.name} (${Math.max(1, Math.round(text.length / 1024))} KB)…`;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  try {
    const rec = await state.store.add(state.lens, { name: file.name, text, format: detectFormat(file.name, text), replace });
    invalidateIndex(state.lens);
    showDictError('');
    $('dict-status').textContent = `Loaded ${rec.loaded} entit${rec.loaded === 1 ? 'y' : 'ies'} from ${file.name} (${rec.format.toUpperCase()}): ${rec.ids.slice(0, 12).join(', ')}${rec.ids.length > 12 ? ', …' : ''}`;
    renderDictList();
    if (state.text) analyze(state.text, state.name);
  } catch (e) {
    $('dict-status').textContent = `${file.name} was not loaded; the dictionaries in force are unchanged.`;
    showDictError(errorMessage(e));
  }
});

async function removeDictionary(id, name) {
  const { lens, results } = await state.store.remove(id);
  state.lens?.free?.();
  state.lens = lens;
  const failed = results.filter((r) => !r.ok);
  showDictError(failed.map((r) => `${r.name}: ${r.error}`).join('\n'));
  $('dict-status').textContent = `Removed ${name}.`;
  renderDictList();
  if (state.text) analyze(state.text, state.name);
}

// ---------------------------------------------------------------- samples and input

async function loadSamples() {
  const ul = $('samples');
  try {
    const res = await fetch('samples/index.json');
    const list = await res.json();
    for (const s of list) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'btn small sample';
      b.dataset.file = s.file;
      b.textContent = s.title;
      b.title = `${s.title} (${s.file})`;
      b.addEventListener('click', async () => {
        const text = await (await fetch(`samples/${encodeURIComponent(s.file)}`)).text();
        $('text').value = text;
        analyze(text, s.title);
      });
      li.appendChild(b);
      ul.appendChild(li);
    }
  } catch (e) {
    ul.textContent = `Samples unavailable: ${errorMessage(e)}`;
  }
}

function showInputError(msg) {
  $('input-error').textContent = msg;
  $('input-error').hidden = !msg;
}

async function openFile(file) {
  showInputError('');
  try {
    setProgress(`Reading ${file.name}…`);
    const { text } = await readFile(file, document.baseURI);
    hideProgress();
    $('text').value = text;
    if (!text.trim()) { showInputError(`${file.name}: no text found in the file.`); return; }
    analyze(text, file.name);
  } catch (e) {
    hideProgress();
    showInputError(errorMessage(e));
  }
}

$('file').addEventListener('change', (ev) => {
  const f = ev.target.files[0];
  ev.target.value = '';
  if (f) openFile(f);
});
$('scan').addEventListener('click', () => {
  const text = $('text').value;
  if (!text.trim()) { showInputError('Paste an article first, or open a file.'); return; }
  showInputError('');
  analyze(text, 'Pasted text');
});
$('clear').addEventListener('click', () => {
  cancelJob();
  $('text').value = '';
  state.text = '';
  $('results').hidden = true;
  hideCard();
  showInputError('');
});
const drop = $('drop');
drop.addEventListener('dragover', (ev) => { ev.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (ev) => {
  ev.preventDefault();
  drop.classList.remove('over');
  const f = ev.dataTransfer?.files?.[0];
  if (f) openFile(f);
});

// ---------------------------------------------------------------- progress

function setProgress(text, value = null) {
  $('progress').hidden = false;
  $('progress-text').textContent = text;
  const bar = $('progress-bar');
  if (value === null) bar.removeAttribute('value'); else bar.value = value;
}
function hideProgress() { $('progress').hidden = true; }

function cancelJob() {
  const job = state.job;
  if (!job) return false;
  job.cancelled = true;
  job.worker?.terminate();
  state.job = null;
  hideProgress();
  return true;
}
$('cancel').addEventListener('click', () => {
  if (cancelJob()) {
    document.body.dataset.scan = 'cancelled';
    $('summary').textContent = 'Scan cancelled.';
    $('engine').textContent = 'Scan cancelled.';
  }
});

// ---------------------------------------------------------------- analysis

/**
 * Scans `text` and renders the results (worker for long texts, main thread otherwise).
 * @param {string} text
 * @param {string} name
 */
async function analyze(text, name) {
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
  const step = (name, fn) => {
    const t0 = performance.now();
    const r = fn();
    performance.measure(`fl:${name}`, { start: t0, end: performance.now() });
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
  step('graph', () => renderGraph($('graph'), coMentions(text, quads, index), (id, anchor) => openCard(id, anchor)));
  if (await stale()) return;
  step('filters', applyFilters);
  $('engine').textContent = `Ready · ${state.lens.size} entities`;
  document.body.dataset.scan = 'done';
}

function scanInWorker(job, text, docEl) {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('scan-worker.js', document.baseURI), { type: 'module' });
    job.worker = worker;
    setProgress('Loading the engine in a worker…');
    let meta = null;
    const parts = [];
    let pos = 0;
    let ord = 0;
    let pending = Promise.resolve();
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
        state.job = null;
        hideProgress();
        showInputError(`Scan failed: ${m.message}`);
        resolve(null);
      }
    };
    worker.onerror = (e) => {
      state.job = null;
      hideProgress();
      showInputError(`Scan worker failed: ${e.message || 'could not start'}`);
      resolve(null);
    };
    worker.postMessage({ text, dictionaries: state.store.records, dictKey: dictKey(), batchChars: BATCH_CHARS });
  });
}

function renderSummary() {
  const n = state.quads.length / 4;
  const byType = new Map();
  for (const s of state.stats.values()) {
    const v = byType.get(s.type) || { entities: 0, mentions: 0 };
    v.entities++; v.mentions += s.count;
    byType.set(s.type, v);
  }
  const parts = TYPES.filter((t) => byType.has(t)).map((t) => `${byType.get(t).entities} ${byType.get(t).entities === 1 ? typeLabel(t).toLowerCase() : TYPE_PLURALS[t]} (${byType.get(t).mentions})`);
  const summary = $('summary');
  summary.dataset.mentions = String(n);
  summary.dataset.entities = String(state.stats.size);
  summary.textContent = n
    ? `${n} mention${n === 1 ? '' : 's'} of ${state.stats.size} entit${state.stats.size === 1 ? 'y' : 'ies'}${parts.length ? ' — ' + parts.join(', ') : ''}.`
    : 'No known group, body or person found in this text.';
  for (const el of document.querySelectorAll('.filter-count')) {
    const v = byType.get(el.dataset.type);
    el.textContent = v ? ` ${v.mentions}` : '';
  }
}

function renderEntities() {
  const ul = $('entities');
  ul.replaceChildren();
  const list = [...state.stats.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  for (const s of list) {
    const li = document.createElement('li');
    li.dataset.type = s.type;
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'entity';
    b.dataset.entity = s.id;
    b.dataset.count = String(s.count);
    b.setAttribute('aria-pressed', 'false');
    const sw = document.createElement('span');
    sw.className = 'fl-swatch';
    sw.setAttribute('style', swatchStyle(s.type));
    sw.setAttribute('aria-hidden', 'true');
    sw.textContent = '\u00a0';
    const name = document.createElement('span');
    name.className = 'entity-name';
    name.textContent = s.name;
    const type = document.createElement('span');
    type.className = 'entity-type muted';
    type.textContent = typeLabel(s.type);
    const count = document.createElement('span');
    count.className = 'entity-count';
    count.textContent = String(s.count);
    count.setAttribute('aria-label', `${s.count} mention${s.count === 1 ? '' : 's'}`);
    b.append(sw, name, type, count);
    b.addEventListener('click', () => selectEntity(s.id));
    li.appendChild(b);
    ul.appendChild(li);
  }
}

// ---------------------------------------------------------------- navigation

function marksOf(id) {
  return [...$('doc').querySelectorAll(`mark.fl-mark[data-entity="${CSS.escape(id)}"]`)];
}

function selectEntity(id) {
  for (const m of $('doc').querySelectorAll('mark.fl-selected')) m.classList.remove('fl-selected');
  for (const b of $('entities').querySelectorAll('button.entity')) b.setAttribute('aria-pressed', String(b.dataset.entity === id));
  state.selected = id;
  for (const m of marksOf(id)) m.classList.add('fl-selected');
  state.cursor = -1;
  step(1);
}

function step(dir) {
  if (!state.selected) return;
  const marks = marksOf(state.selected);
  if (!marks.length) return;
  state.cursor = (state.cursor + dir + marks.length) % marks.length;
  for (const m of $('doc').querySelectorAll('mark.fl-current')) m.classList.remove('fl-current');
  const m = marks[state.cursor];
  m.classList.add('fl-current');
  m.scrollIntoView({ block: 'center', behavior: 'auto' });
  m.focus({ preventScroll: true });
  const s = state.stats.get(state.selected);
  $('nav-status').textContent = `${s ? s.name : state.selected}: mention ${state.cursor + 1} of ${marks.length}`;
  $('nav-status').dataset.cursor = String(state.cursor + 1);
}

document.addEventListener('keydown', (ev) => {
  const t = ev.target;
  if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
  if (t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.isContentEditable)) return;
  if (ev.key === 'Escape' && !$('fl-card-popup').hidden) {
    const back = cardAnchor;
    hideCard();
    suppressFocusOpen = true;
    try { if (back && back.focus) back.focus(); } finally { suppressFocusOpen = false; }
    return;
  }
  if (ev.key === 'n' || ev.key === 'p') {
    if (!state.selected) {
      // With a mark focused, n/p follow that mark's entity.
      const m = t && t.closest && t.closest('mark.fl-mark');
      if (!m) return;
      state.selected = m.dataset.entity;
      state.cursor = marksOf(state.selected).indexOf(m);
      for (const b of $('entities').querySelectorAll('button.entity')) b.setAttribute('aria-pressed', String(b.dataset.entity === state.selected));
    }
    ev.preventDefault();
    step(ev.key === 'n' ? 1 : -1);
  }
});

// ---------------------------------------------------------------- cards

const popup = $('fl-card-popup');
let cardAnchor = null;
let hideTimer = null;
let suppressFocusOpen = false;

function openCard(id, anchor) {
  clearTimeout(hideTimer);
  const card = state.lens.entity(id);
  const s = state.stats.get(id);
  renderCard(popup, card, {
    seen: s ? s.seen : [],
    count: s ? s.count : 0,
    headingId: 'fl-card-title',
    onEntity: (other) => {
      openCard(other, cardAnchor);
      popup.focus();
    },
  });
  popup.hidden = false;
  cardAnchor = anchor || cardAnchor;
  position(popup, cardAnchor);
}

function position(el, anchor) {
  if (matchMedia('(max-width: 600px)').matches || !anchor) {
    el.classList.add('sheet');
    el.style.left = el.style.top = '';
    return;
  }
  el.classList.remove('sheet');
  const r = anchor.getBoundingClientRect();
  const w = el.offsetWidth, h = el.offsetHeight;
  let left = Math.min(window.innerWidth - w - 12, Math.max(12, r.left));
  let top = r.bottom + 8;
  if (top + h > window.innerHeight - 8 && r.top - h - 8 > 8) top = r.top - h - 8;
  el.style.left = `${left + window.scrollX}px`;
  el.style.top = `${Math.max(8, top) + window.scrollY}px`;
}

function hideCard() {
  clearTimeout(hideTimer);
  popup.hidden = true;
  cardAnchor = null;
}
function scheduleHide() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    if (popup.matches(':hover') || popup.contains(document.activeElement)) return;
    if (cardAnchor && cardAnchor === document.activeElement) return;
    hideCard();
  }, 300);
}

const docEl = $('doc');
docEl.addEventListener('mouseover', (ev) => {
  const m = ev.target.closest('mark.fl-mark');
  if (m && !state.hidden.has(m.dataset.type)) openCard(m.dataset.entity, m);
});
docEl.addEventListener('mouseout', (ev) => {
  if (ev.target.closest('mark.fl-mark')) scheduleHide();
});
docEl.addEventListener('focusin', (ev) => {
  const m = ev.target.closest('mark.fl-mark');
  if (m && !suppressFocusOpen) openCard(m.dataset.entity, m);
});
docEl.addEventListener('focusout', (ev) => {
  if (!popup.contains(ev.relatedTarget)) scheduleHide();
});
docEl.addEventListener('click', (ev) => {
  const m = ev.target.closest('mark.fl-mark');
  if (m) openCard(m.dataset.entity, m);
});
popup.addEventListener('mouseleave', scheduleHide);
popup.addEventListener('focusout', (ev) => {
  if (!popup.contains(ev.relatedTarget) && ev.relatedTarget !== cardAnchor) scheduleHide();
});
document.addEventListener('pointerdown', (ev) => {
  if (popup.hidden || popup.contains(ev.target) || ev.target.closest?.('mark.fl-mark, g.node')) return;
  hideCard();
});
window.addEventListener('resize', () => { if (!popup.hidden) position(popup, cardAnchor); });

// ---------------------------------------------------------------- exports

for (const b of document.querySelectorAll('[data-export]')) {
  b.addEventListener('click', () => {
    if (!state.text || !state.lens) return;
    try {
      const { filename, content, mime } = buildExport(b.dataset.export, state.lens, state.text, state.name);
      download(filename, content, mime);
    } catch (e) {
      showInputError(`Export failed: ${errorMessage(e)}`);
    }
  });
}

start();

