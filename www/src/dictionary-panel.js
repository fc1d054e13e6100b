// The page's "Your dictionaries" panel: load a dictionary file, list the ones in force, remove one.
//
// Why it exists: the user's dictionaries (ui/dictionaries.js keeps them in IndexedDB) change the lens
// every scan uses; this panel says what is in force, reports a bad file without losing what was
// loaded, and rescans the document shown after every change.

import { builtinLens, invalidateIndex, Lens } from './engine.js';
import { DictionaryStore, indexedDbAdapter, errorMessage, acceptAttribute } from '../../ui/dictionaries.js';
import { $, state } from './store.js';
import { analyze } from './analysis.js';

function showDictError(msg) {
  const el = $('dict-error');
  el.textContent = msg;
  el.hidden = !msg;
}

function showFailures(results) {
  showDictError(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`).join('\n'));
}

/** The first ids of a dictionary, as the panel lists them. */
function someIds(ids, more) {
  return `${ids.slice(0, 12).join(', ')}${ids.length > 12 ? more : ''}`;
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
    ids.textContent = d.error ? d.error : list.length ? `ids: ${someIds(list, `, … (${list.length - 12} more)`)}` : '';
    li.appendChild(ids);
    ul.appendChild(li);
  }
  $('kb-size').textContent = state.lens ? `Knowledge base in force: ${state.lens.size} entities.` : '';
}

async function addDictionary(file) {
  const text = (await file.text()).replace(/^\uFEFF/, '');
  const replace = $('dict-replace').checked;
  // Building the automaton for a big dictionary takes a moment on this thread: say so first, and let
  // the message paint before the work starts.
  $('dict-status').textContent = `Loading ${file.name} (${Math.max(1, Math.round(text.length / 1024))} KB)…`;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  try {
    const rec = await state.store.add(state.lens, { name: file.name, text, replace });
    invalidateIndex(state.lens);
    showDictError('');
    $('dict-status').textContent = `Loaded ${rec.loaded} entit${rec.loaded === 1 ? 'y' : 'ies'} from ${file.name} (${rec.format.toUpperCase()}): ${someIds(rec.ids, ', …')}`;
    renderDictList();
    if (state.text) analyze(state.text, state.name);
  } catch (e) {
    $('dict-status').textContent = `${file.name} was not loaded; the dictionaries in force are unchanged.`;
    showDictError(errorMessage(e));
  }
}

async function removeDictionary(id, name) {
  const { lens, results } = await state.store.remove(id);
  state.lens?.free?.();
  state.lens = lens;
  showFailures(results);
  $('dict-status').textContent = `Removed ${name}.`;
  renderDictList();
  if (state.text) analyze(state.text, state.name);
}

/** Opens the stored dictionaries, builds the lens in force (into `state.lens`) and wires the panel. */
export async function initDictionaries() {
  $('dict-file').accept = acceptAttribute(Lens);
  state.store = new DictionaryStore(indexedDbAdapter('factionlens'), builtinLens);
  await state.store.init();
  const { lens, results } = state.store.buildLens();
  state.lens = lens;
  if (results.some((r) => !r.ok)) showFailures(results);
  renderDictList();
  $('dict-file').addEventListener('change', (ev) => {
    const file = ev.target.files[0];
    ev.target.value = '';
    if (file && state.lens) addDictionary(file);
  });
}
