// Where a document comes from: the sample articles, a pasted text, an opened or dropped file; and the
// Scan, Clear and Cancel buttons.
//
// Why it exists: every way in ends in one call, analyze(text, name); this module turns each into text
// first (www/src/input.js reads the file formats, long text files in pieces) and reports what could
// not be read.

import { readFile } from './input.js';
import { errorMessage } from '../../ui/dictionaries.js';
import { $, state, showInputError, setProgress, hideProgress, groupDigits } from './store.js';
import { analyze, cancelJob } from './analysis.js';
import { hideCard } from './card-controller.js';

/** The longest text the page puts into the article box itself: laying out a text box is one task the
 * page cannot slice (~50 ms for 100 000 characters, seconds for megabytes). */
const BOX_MAX_CHARS = 50000;
const BOX_PLACEHOLDER = $('text').placeholder;

/**
 * Puts a document's text in the article box, or, when it is too long for it, says where it is.
 * @param {string[]} pieces the text, in pieces
 * @param {string} name
 */
function showInBox(pieces, name) {
  const box = $('text');
  const length = pieces.reduce((n, p) => n + p.length, 0);
  box.value = length <= BOX_MAX_CHARS ? pieces.join('') : '';
  box.placeholder = length <= BOX_MAX_CHARS ? BOX_PLACEHOLDER
    : `${name} (${groupDigits(length)} characters) is too long to show in this box; it is highlighted below. ${BOX_PLACEHOLDER}`;
}

/** Wires the sample buttons (written into the page by www/build.mjs): a click scans one. */
function initSamples() {
  $('samples').addEventListener('click', async (ev) => {
    const b = ev.target.closest('button.sample');
    if (!b) return;
    try {
      const res = await fetch(`samples/${encodeURIComponent(b.dataset.file)}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const text = await res.text();
      showInBox([text], b.dataset.title);
      analyze(text, b.dataset.title);
    } catch (e) {
      showInputError(`Sample ${b.dataset.file} unavailable: ${errorMessage(e)}`);
    }
  });
}

async function openFile(file) {
  showInputError('');
  try {
    setProgress(`Reading ${file.name}…`);
    const { pieces } = await readFile(file, document.baseURI);
    hideProgress();
    showInBox(pieces, file.name);
    if (pieces.every((p) => !p.trim())) { showInputError(`${file.name}: no text found in the file.`); return; }
    analyze(pieces, file.name);
  } catch (e) {
    hideProgress();
    showInputError(errorMessage(e));
  }
}

/** Wires the file input, the drop zone and the Scan, Clear and Cancel buttons. */
export function initInput() {
  initSamples();
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
    showInBox([], '');
    state.doc = null;
    $('results').hidden = true;
    hideCard();
    showInputError('');
  });
  $('cancel').addEventListener('click', () => {
    if (cancelJob()) {
      document.body.dataset.scan = 'cancelled';
      $('summary').textContent = 'Scan cancelled.';
      $('engine').textContent = 'Scan cancelled.';
    }
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
}
