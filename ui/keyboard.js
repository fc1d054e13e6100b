// The keyboard model of highlighted names, shared by the page (www/) and the extension's marks mode.
//
// Why it exists: an article with a hundred names must not be a hundred Tab stops. The names of an
// article are one Tab stop (a roving tabindex: the current name has tabIndex 0, every other -1);
// arrow keys (and Home/End) move between them; Enter opens the card and moves focus into it; Tab
// cycles inside the open card; Escape closes it and gives focus back to the name. Both hosts use the
// rules below, so the model is the same wherever a reader meets it.

/** Keys that move between names: a step (+1/-1) or an end ('first'/'last'). */
export const MOVE_KEYS = Object.freeze({
  ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: 'first', End: 'last',
});

/**
 * The index a move key leads to among `n` names from index `i` (steps wrap around).
 * @param {number|string} move a value of MOVE_KEYS
 * @param {number} i the current index (-1: none)
 * @param {number} n how many names there are
 * @returns {number} the new index, or -1 when there is no name
 */
export function moveIndex(move, i, n) {
  if (n <= 0) return -1;
  if (move === 'first') return 0;
  if (move === 'last') return n - 1;
  if (i < 0) return move > 0 ? 0 : n - 1;
  return (i + move + n) % n;
}

/** The one Tab stop among a set of names: the current one has tabIndex 0, the one before it -1. */
export class RovingStop {
  constructor() {
    /** The element holding the Tab stop, or null. */
    this.current = null;
  }

  /** Makes `el` (or nothing) the Tab stop. */
  set(el) {
    if (this.current === el) return;
    if (this.current) this.current.tabIndex = -1;
    this.current = el;
    if (el) el.tabIndex = 0;
  }

  /** The Tab stop if it is still in the page. */
  live() {
    return this.current && this.current.isConnected ? this.current : null;
  }
}

/** Whether a keydown should be left to a text field (typing n, p or arrows there means text). */
export function isTextEntry(el) {
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable ||
    (tag === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(el.type));
}

/** The elements of `root` that Tab can reach, in order. */
export function tabbables(root) {
  const sel = 'button:not([disabled]), a[href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';
  return [...root.querySelectorAll(sel)].filter((e) => e.tabIndex >= 0 && e.getClientRects().length > 0);
}

/**
 * Keeps Tab inside `root` (the open card): from its last stop to its first and back with Shift.
 * @param {HTMLElement} root
 * @param {KeyboardEvent} ev a Tab keydown inside root
 * @param {Element|null} active the focused element (inside a shadow root: that root's activeElement)
 * @returns {boolean} whether it moved focus itself
 */
export function cycleTab(root, ev, active) {
  const stops = tabbables(root);
  if (!stops.length) { ev.preventDefault(); return true; }
  const first = stops[0], last = stops[stops.length - 1];
  const i = stops.indexOf(active);
  if (ev.shiftKey && (active === root || i === 0 || i < 0)) { ev.preventDefault(); last.focus(); return true; }
  if (!ev.shiftKey && (i === stops.length - 1 || i < 0) && active !== root) { ev.preventDefault(); first.focus(); return true; }
  return false;
}
