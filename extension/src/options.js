// The options page: custom dictionaries (same formats, checks and error messages as the page, through
// the shared ui/dictionaries.js), palette, default types, painting mode.
//
// A dictionary is loaded into a real lens before it is saved, so a bad file is refused with its
// line and field and nothing the user had is lost.

import init, { Lens } from '../../pkg/dist/web/index.js';
import { DictionaryStore, chromeStorageAdapter, errorMessage, acceptAttribute } from '../../ui/dictionaries.js';
import { typeBoxes } from './type-boxes.js';
import { loadSettings, saveSettings } from './settings.js';

const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
const $ = (id) => document.getElementById(id);

async function main() {
  await init({ module_or_path: api.runtime.getURL('pkg/factionlens_bg.wasm') });
  $('file').accept = acceptAttribute(Lens);
  const store = new DictionaryStore(chromeStorageAdapter(api.storage.local), () => new Lens());
  await store.init();
  let { lens } = store.buildLens();

  const status = (text, error = false) => {
    $('status').textContent = text;
    $('status').className = error ? 'fl-error' : '';
  };

  const renderList = () => {
    const ul = $('dicts');
    ul.replaceChildren();
    for (const d of store.list()) {
      const li = document.createElement('li');
      const label = document.createElement('span');
      label.textContent = `${d.name} (${d.format}${d.replace ? ', replaces the built-in KB' : ''}): ` +
        (d.error ? '' : `${d.loaded ?? '?'} entities`);
      li.appendChild(label);
      if (d.error) {
        const err = document.createElement('span');
        err.className = 'fl-error';
        err.textContent = d.error;
        li.appendChild(err);
      }
      const rm = document.createElement('button');
      rm.type = 'button';
      rm.textContent = 'Remove';
      rm.setAttribute('aria-label', `Remove ${d.name}`);
      rm.addEventListener('click', async () => {
        ({ lens } = await store.remove(d.id));
        status(`Removed ${d.name}.`);
        renderList();
      });
      li.append(' ', rm);
      ul.appendChild(li);
    }
  };
  renderList();

  $('file').addEventListener('change', async (e) => {
    const file = e.target.files && e.target.files[0];
    if (!file) return;
    const text = await file.text();
    try {
      const rec = await store.add(lens, { name: file.name, text, replace: $('replace').checked });
      status(`Loaded ${rec.loaded} entit${rec.loaded === 1 ? 'y' : 'ies'} from ${file.name}.`);
      if (rec.replace) ({ lens } = store.buildLens());
      renderList();
    } catch (err) {
      status(errorMessage(err), true);
    }
    e.target.value = '';
  });

  let settings = await loadSettings();
  typeBoxes($('types'), settings.types, async (types) => { settings = await saveSettings({ types }); });
  for (const key of ['palette', 'mode']) {
    $(key).value = settings[key];
    $(key).addEventListener('change', async (e) => { settings = await saveSettings({ [key]: e.target.value }); });
  }
  $('skipCode').checked = settings.skipCode;
  $('skipCode').addEventListener('change', async (e) => { settings = await saveSettings({ skipCode: e.target.checked }); });
}

main().catch((e) => { $('status').textContent = `FactionLens could not start: ${errorMessage(e)}`; });
