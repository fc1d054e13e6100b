// Moving through the mentions of one entity: a click in the entity panel selects the entity, `n`
// and `p` go to its next and previous mention (or, with a mark focused, that mark's entity's), and
// Escape closes the card from anywhere. (Arrow keys between all names: article-keys.js.)
//
// Why it exists: a long article names a group many times; the reader walks them in document order,
// with the position said in the status line ("mention 2 of 5").

import { $, state } from './store.js';
import { dismissCard } from './card-controller.js';
import { isTextEntry } from '../../ui/keyboard.js';

function marksOf(id) {
  return [...$('doc').querySelectorAll(`mark.fl-mark[data-entity="${CSS.escape(id)}"]`)];
}

function pressSelected() {
  for (const b of $('entities').querySelectorAll('button.entity')) b.setAttribute('aria-pressed', String(b.dataset.entity === state.selected));
}

/** Selects entity `id` and goes to its first mention. */
export function selectEntity(id) {
  for (const m of $('doc').querySelectorAll('mark.fl-selected')) m.classList.remove('fl-selected');
  state.selected = id;
  pressSelected();
  for (const m of marksOf(id)) m.classList.add('fl-selected');
  state.cursor = -1;
  step(1);
}

/** Goes `dir` (1 or -1) mentions from the current one of the selected entity. */
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

/** Wires the keyboard: Escape (from anywhere, text fields included) closes the card and gives focus
 * back to its name; n and p (outside text fields) walk the mentions of one entity. */
export function initNavigation() {
  document.addEventListener('keydown', (ev) => {
    const t = ev.target;
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (ev.key === 'Escape' && dismissCard()) { ev.preventDefault(); return; }
    if (isTextEntry(t)) return;
    if (ev.key === 'n' || ev.key === 'p') {
      if (!state.selected) {
        // With a mark focused, n/p follow that mark's entity.
        const m = t && t.closest && t.closest('mark.fl-mark');
        if (!m) return;
        state.selected = m.dataset.entity;
        state.cursor = marksOf(state.selected).indexOf(m);
        pressSelected();
      }
      ev.preventDefault();
      step(ev.key === 'n' ? 1 : -1);
    }
  });
}
