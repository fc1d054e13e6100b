// The keyboard model of the extension's marks mode (the same as the page's: ui/keyboard.js): the
// page's highlighted names are one Tab stop, arrow keys and Home/End move between them, Enter opens
// the card and moves focus into it (card-controller.js keeps Tab inside it and Escape brings focus
// back to the name).
//
// Why it exists: with a <mark> per name and each a Tab stop, a keyboard reader of a news page would
// cross every name of the article to reach the page's own links. Only marks mode has elements to
// focus; in highlight mode the keyboard commands (navigator.js) are the way in.

import { MOVE_KEYS, moveIndex, RovingStop } from '../../ui/keyboard.js';

/** How many shadow roots deep `n` is. */
function depth(n) {
  let d = 0;
  for (let r = n.getRootNode(); r.host; r = r.host.getRootNode()) d++;
  return d;
}

/** Order of two nodes in the page as read (a mark in an open shadow root comes where its host is). */
function composedOrder(a, b) {
  let x = a, y = b;
  let dx = depth(x), dy = depth(y);
  while (x.getRootNode() !== y.getRootNode()) {
    if (dx >= dy) { x = x.getRootNode().host; dx--; }
    if (dy > dx) { y = y.getRootNode().host; dy--; }
  }
  if (x === y) return x === a ? -1 : y === b ? 1 : 0; // one is the host of the other's tree
  return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** The marks-mode keys of one painter. */
export class MarkKeys {
  /** @param {object} painter the Painter: its `handles` and `cards` */
  constructor(painter) {
    this.painter = painter;
    /** The mark holding the one Tab stop. */
    this.stop = new RovingStop();
    this.onKey = this.onKey.bind(this);
    this.onFocus = this.onFocus.bind(this);
  }

  attach() {
    document.addEventListener('keydown', this.onKey, true);
    document.addEventListener('focusin', this.onFocus, true);
  }

  detach() {
    document.removeEventListener('keydown', this.onKey, true);
    document.removeEventListener('focusin', this.onFocus, true);
    this.stop.current = null;
  }

  /** The first mark of every painted mention, in document order. */
  marks() {
    const out = [];
    for (const { handle } of this.painter.handles) for (const m of handle.mentions) if (m.marks && m.marks[0]?.isConnected) out.push(m.marks[0]);
    return out.sort(composedOrder);
  }

  /** After a paint: the Tab stop on the first name unless the current one is still in the page. */
  reset() {
    if (this.stop.live()) return;
    this.stop.current = null;
    this.stop.set(this.marks()[0] || null);
  }

  onFocus(e) {
    const mark = e.target && e.target.closest ? e.target.closest('mark.fl-mark') : null;
    if (mark) this.stop.set(mark);
  }

  onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const mark = e.target && e.target.closest ? e.target.closest('mark.fl-mark') : null;
    if (!mark) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      this.painter.cards.show(mark.dataset.entity, mark.getBoundingClientRect(), mark).then((shown) => shown && this.painter.cards.enter());
      return;
    }
    const move = MOVE_KEYS[e.key];
    if (move === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    const all = this.marks();
    const next = all[moveIndex(move, all.indexOf(mark), all.length)];
    if (next) next.focus();
  }
}
