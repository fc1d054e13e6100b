// The FactionLens page's entry point: loads the engine and the user's dictionaries, and wires the
// page's parts together.
//
// Why it exists: this is the one place that knows the page's order of start-up. The parts are small
// modules a newcomer can name: store (state and status lines), theme, legend (and filters),
// dictionary-panel, input-panel, analysis (one scan job) with worker-client (the worker protocol),
// entity-panel, navigation, card-controller and exports (wired below); card, palette, entity rows,
// card placement and dictionaries live in ui/, shared with the extension. Everything runs locally;
// the only requests go to this page's own files.

import { loadEngine, Lens } from './engine.js';
import { buildExport, download } from './exports.js';
import { errorMessage } from '../../ui/dictionaries.js';
import { $, state, showInputError } from './store.js';
import { initTheme } from './theme.js';
import { buildLegend } from './legend.js';
import { initDictionaries } from './dictionary-panel.js';
import { initInput, loadSamples } from './input-panel.js';
import { initNavigation } from './navigation.js';
import { initCards } from './card-controller.js';
import { initArticleKeys, currentName } from './article-keys.js';

/** Wires the export buttons (`data-export="json|csv|jsonld|html"`). */
function initExports() {
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
}

/** Skip links into the results show only while there are results (each link is valid in every
 * state); "the highlighted names" goes to the article's current name (its one Tab stop). */
function initSkipLinks() {
  const sync = () => {
    for (const a of document.querySelectorAll('a.skip[data-results]')) a.hidden = $('results').hidden;
  };
  new MutationObserver(sync).observe($('results'), { attributes: true, attributeFilter: ['hidden'] });
  sync();
  document.querySelector('a.skip[data-skip="names"]').addEventListener('click', (ev) => {
    const m = currentName();
    if (!m) return;
    ev.preventDefault();
    m.focus();
  });
}

async function start() {
  initTheme();
  initInput();
  initNavigation();
  initCards();
  initArticleKeys();
  initSkipLinks();
  initExports();
  buildLegend();
  try {
    await loadEngine(new URL('pkg/factionlens_bg.wasm', document.baseURI));
  } catch (e) {
    $('engine').textContent = `Could not load the engine (pkg/factionlens_bg.wasm): ${errorMessage(e)}`;
    $('engine').classList.add('error-text');
    return;
  }
  state.rules = Lens.rules();
  await initDictionaries();
  $('engine').textContent = `Ready · ${state.lens.size} entities`;
  document.body.dataset.ready = '1';
  loadSamples();
}

start();
