// The FactionLens page's entry point: starts the lens worker (the engine and the user's dictionaries
// load there), and wires the page's parts together.
//
// Why it exists: this is the one place that knows the page's order of start-up. The parts are small
// modules a newcomer can name: store (state and status lines), theme, legend (and filters),
// dictionary-panel, input-panel, analysis (one scan job) with worker-client (the page's side of the
// lens worker, whose messages are in protocol.js),
// entity-panel, navigation, card-controller and exports (wired below); card, palette, entity rows,
// card placement and dictionaries live in ui/, shared with the extension. Everything runs locally;
// the only requests go to this page's own files.

import { download } from './exports.js';
import { startEngine, request, documentSent } from './worker-client.js';
import { REQUEST } from './protocol.js';
import { errorMessage } from '../../ui/dictionaries.js';
import { $, state, showInputError } from './store.js';
import { initTheme } from './theme.js';
import { buildLegend } from './legend.js';
import { initDictionaries } from './dictionary-panel.js';
import { initInput } from './input-panel.js';
import { initNavigation } from './navigation.js';
import { initCards } from './card-controller.js';
import { initArticleKeys, currentName } from './article-keys.js';
import { initGraphBox } from './analysis.js';

/** Wires the export buttons (`data-export="json|csv|jsonld|html"`): the worker builds the file. */
function initExports() {
  for (const b of document.querySelectorAll('[data-export]')) {
    b.addEventListener('click', async () => {
      if (!state.doc || !state.ready) return;
      try {
        await documentSent();
        const { filename, blob } = await request(REQUEST.EXPORT, { kind: b.dataset.export, name: state.doc.name });
        download(filename, blob);
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
  initGraphBox();
  buildLegend();
  let engine;
  try {
    engine = await startEngine();
  } catch (e) {
    $('engine').textContent = `Could not load the engine (pkg/factionlens_bg.wasm): ${errorMessage(e)}`;
    $('engine').classList.add('error-text');
    return;
  }
  state.rules = engine.rules;
  state.size = engine.size;
  // How the worker made its lens ('compiled': read back from IndexedDB; 'built'): for tests.
  document.body.dataset.lens = engine.source;
  state.ready = true;
  await initDictionaries(engine.extensions);
  $('engine').textContent = `Ready · ${state.size} entities`;
  document.body.dataset.ready = '1';
}

start();
