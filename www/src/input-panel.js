// Where a document comes from: the sample articles, a pasted text, an opened or dropped file; and the
// Scan, Clear and Cancel buttons.
//
// Why it exists: every way in ends in one call, analyze(text, name); this module turns each into text
// first (www/src/input.js reads the file formats) and reports what could not be read.

import { readFile } from './input.js';
import { errorMessage } from '../../ui/dictionaries.js';
import { $, state, showInputError, setProgress, hideProgress } from './store.js';
import { analyze, cancelJob } from './analysis.js';
import { hideCard } from './card-controller.js';

/** Lists the sample articles (samples/index.json); a click scans one. */
export async function loadSamples() {
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

/** Wires the file input, the drop zone and the Scan, Clear and Cancel buttons. */
export function initInput() {
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
