// The highlighted article as one Tab stop: the current name holds it (roving tabindex), arrow keys
// and Home/End move between the names shown, Enter opens the card and moves focus into it.
//
// Why it exists: Tab used to stop on every name (172 stops for one article before the filters and
// exports). The rules of the model are in ui/keyboard.js, shared with the extension's marks mode;
// this module applies them to the page's #doc and keeps the one Tab stop on a name that is shown
// (a type filter can hide the current one).

import { MOVE_KEYS, moveIndex, RovingStop } from '../../ui/keyboard.js';
import { $, state } from './store.js';
import { openCard, enterCard } from './card-controller.js';

const stop = new RovingStop();

/** The marks of the article whose type is shown, in document order. */
export function shownMarks() {
  const all = $('doc').querySelectorAll('mark.fl-mark');
  return state.hidden.size ? [...all].filter((m) => !state.hidden.has(m.dataset.type)) : [...all];
}

/** The first mark of the article whose type is shown (one selector match: a 10 MB article has
 * tens of thousands of marks, too many to list on every filter change). */
function firstShown() {
  const hidden = [...state.hidden].map((t) => `:not([data-type="${CSS.escape(t)}"])`).join('');
  return $('doc').querySelector(`mark.fl-mark${hidden}`);
}

/** Puts the Tab stop on the first shown name unless the current one is still shown. */
export function resetRover() {
  const m = stop.live();
  if (m && !state.hidden.has(m.dataset.type)) return;
  if (!m) stop.current = null;
  stop.set(firstShown());
}

/** The article's Tab stop (the current name), or null. */
export function currentName() {
  return stop.live();
}

/** Wires the article's keys. */
export function initArticleKeys() {
  const doc = $('doc');
  doc.addEventListener('focusin', (ev) => {
    const m = ev.target.closest && ev.target.closest('mark.fl-mark');
    if (m) stop.set(m);
  });
  doc.addEventListener('keydown', (ev) => {
    const m = ev.target.closest && ev.target.closest('mark.fl-mark');
    if (!m || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      openCard(m.dataset.entity, m).then(enterCard);
      return;
    }
    const move = MOVE_KEYS[ev.key];
    if (move === undefined) return;
    ev.preventDefault();
    const marks = shownMarks();
    const next = marks[moveIndex(move, marks.indexOf(m), marks.length)];
    if (next) next.focus();
  });
}
