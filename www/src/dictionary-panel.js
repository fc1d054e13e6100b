// The page's "Your dictionaries" panel: load a dictionary file, list the ones in force, remove one.
//
// Why it exists: the user's dictionaries (ui/dictionaries.js keeps them in IndexedDB) change the lens
// every scan uses; this panel says what is in force, reports a bad file without losing what was
// loaded, and rescans the document shown after every change. The list and its storage are on this
// thread; the lens that reads the files is in the lens worker (www/src/worker-client.js), so a big
// dictionary never holds the page.

import { DictionaryStore, indexedDbAdapter, errorMessage, acceptAttribute } from '../../ui/dictionaries.js';
import { $, state } from './store.js';
import { rescan } from './analysis.js';
import { request, remoteLens } from './worker-client.js';
import { REQUEST } from './protocol.js';
import { clearCards } from './card-controller.js';
import { readText } from './input.js';

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
  $('kb-size').textContent = state.ready ? `Knowledge base in force: ${state.size} entities.` : '';
}

async function addDictionary(file) {
  const text = await readText(file);
  const replace = $('dict-replace').checked;
  // Building the automaton for a big dictionary takes seconds (in the worker): say so meanwhile.
  $('dict-status').textContent = `Loading ${file.name} (${Math.max(1, Math.round(text.length / 1024))} KB)…`;
  try {
    const rec = await state.store.add(remoteLens, { name: file.name, text, replace });
    clearCards();
    showDictError('');
    $('dict-status').textContent = `Loaded ${rec.loaded} entit${rec.loaded === 1 ? 'y' : 'ies'} from ${file.name} (${rec.format.toUpperCase()}): ${someIds(rec.ids, ', …')}`;
    renderDictList();
    rescan();
  } catch (e) {
    $('dict-status').textContent = `${file.name} was not loaded; the dictionaries in force are unchanged.`;
    showDictError(errorMessage(e));
  }
}

/** Builds the lens in force in the worker from the dictionaries in the list; shows those that failed. */
async function rebuild() {
  const { results, size, source } = await request(REQUEST.BUILD, { records: state.store.records });
  document.body.dataset.lens = source;
  state.store.noteResults(results);
  state.size = size;
  clearCards();
  showFailures(results);
}

async function removeDictionary(id, name) {
  await state.store.drop(id);
  await rebuild();
  $('dict-status').textContent = `Removed ${name}.`;
  renderDictList();
  rescan();
}

/**
 * Opens the stored dictionaries, has the worker build the lens in force with them and wires the panel.
 * @param {string[]} extensions the dictionary file extensions the core reads
 */
export async function initDictionaries(extensions) {
  $('dict-file').accept = acceptAttribute({ dictionaryExtensions: () => extensions });
  // The store never builds a lens itself here: the worker does (rebuild()).
  state.store = new DictionaryStore(indexedDbAdapter('factionlens'), () => { throw new Error('the page builds its lens in the worker'); });
  await state.store.init();
  if (state.store.records.length) {
    // Reading a big dictionary back from IndexedDB copies it, and so does sending it to the worker:
    // each in a task of its own.
    await new Promise((r) => setTimeout(r, 0));
    await rebuild();
  }
  renderDictList();
  $('dict-file').addEventListener('change', (ev) => {
    const file = ev.target.files[0];
    ev.target.value = '';
    if (file && state.ready) addDictionary(file);
  });
}
