// The extension's entity card: shown when the pointer rests on a mention or a mark gets focus,
// hidden when the pointer leaves, on its Close button, on Escape (focus goes back to the name), or
// when FactionLens stops. Enter moves focus into it (mark-keys.js; after a keyboard command in
// highlight mode, here) and Tab then cycles inside it (ui/keyboard.js).
//
// Why it exists: in highlight mode mentions are ranges, not elements, so no event names the mention
// under the pointer; this module hit-tests the pointer against the painted ranges (once per frame),
// and shows the card in a closed-off host element (`all: initial`, its own shadow root and styles)
// that the page's CSS cannot reach. The host is the only node FactionLens adds to a page in highlight
// mode, and only while a card is shown.

import { caretAt, rangeHas } from '../../pkg/js/hit.js';
import { renderCard } from '../../ui/card.js';
import { placeCard } from '../../ui/placement.js';
import { cycleTab, isTextEntry } from '../../ui/keyboard.js';
import cardCss from '../../ui/styles.css';
import { fetchCard } from './scan-protocol.js';
import { styleRoot } from './styles.js';

/** The card's width (pixels; at most 92% of the viewport). */
const CARD_WIDTH = 380;

/** The card of one painter. */
export class CardController {
  /** @param {object} painter the Painter: its `active`, `settings`, `handles`, `painted`, `shadowRoots`, `hostTag`, `watcher` */
  constructor(painter) {
    this.painter = painter;
    /** The card shown: {host, box, anchor}, or null. */
    this.card = null;
    /** Entity id → promise of its card (cleared when the dictionaries change). */
    this.cache = new Map();
    this.hideTimer = 0;
    /** Counts shows and hides: a show whose card arrives after a newer show or a hide draws nothing. */
    this.showSeq = 0;
    this.onPointer = this.onPointer.bind(this);
    this.onFocus = this.onFocus.bind(this);
    this.onKey = this.onKey.bind(this);
  }

  /** Listens to the pointer, focus and Escape. */
  attach() {
    document.addEventListener('pointermove', this.onPointer, { passive: true, capture: true });
    document.addEventListener('focusin', this.onFocus, true);
    document.addEventListener('keydown', this.onKey, true);
  }

  /** Stops listening and hides the card. */
  detach() {
    this.hide();
    document.removeEventListener('pointermove', this.onPointer, { capture: true });
    document.removeEventListener('focusin', this.onFocus, true);
    document.removeEventListener('keydown', this.onKey, true);
  }

  /** Whether `node` is (in) the card. */
  contains(node) {
    const host = this.card?.host;
    return !!host && (node === host || host.contains(node));
  }

  /** Forgets the cards fetched (the dictionaries changed). */
  forget() {
    this.cache.clear();
  }

  /** The mention under a viewport point. */
  mentionAt(x, y) {
    const p = this.painter;
    const caret = caretAt(document, x, y, [...p.shadowRoots]);
    if (!caret || !p.painted.has(caret.node)) return null;
    const { node, offset } = caret;
    for (const { handle } of p.handles) {
      if (!handle.mentionAtNode) continue;
      const m = handle.mentionAtNode(node, offset) || (offset > 0 && handle.mentionAtNode(node, offset - 1));
      if (m && rangeHas(m.range, x, y, 1)) return m;
    }
    return null;
  }

  onPointer(e) {
    // Firefox sends a pointermove when the page scrolls under a resting pointer (as it does when the
    // keyboard commands or the popup scroll to a mention): no movement, and it must not close the
    // card that step opened.
    const moved = e.movementX !== 0 || e.movementY !== 0 ||
      (!!this.lastScreen && (e.screenX !== this.lastScreen[0] || e.screenY !== this.lastScreen[1]));
    this.lastScreen = [e.screenX, e.screenY];
    if (moved) this.pointerMoved = true;
    if (this.rafPending) { this.lastPoint = e; return; }
    this.lastPoint = e;
    this.rafPending = true;
    requestAnimationFrame(() => {
      this.rafPending = false;
      const p = this.lastPoint;
      const pointerMoved = this.pointerMoved;
      this.pointerMoved = false;
      if (!p || !this.painter.active) return;
      if (this.card && p.composedPath && p.composedPath().includes(this.card.host)) {
        clearTimeout(this.hideTimer);
        return;
      }
      let target = null;
      if (this.painter.settings.mode === 'marks') {
        const mark = p.target && p.target.closest ? p.target.closest('mark.fl-mark') : null;
        if (mark) target = { entity: mark.dataset.entity, rect: mark.getBoundingClientRect(), anchor: mark };
      } else {
        const m = this.mentionAt(p.clientX, p.clientY);
        if (m) target = { entity: m.entity, rect: m.range.getBoundingClientRect(), anchor: m.range };
      }
      if (target) {
        clearTimeout(this.hideTimer);
        if (!this.card || this.card.anchor !== target.anchor) this.show(target.entity, target.rect, target.anchor);
      } else if (this.card && !this.hideTimer && pointerMoved) {
        this.scheduleHide();
      }
    });
  }

  onFocus(e) {
    if (this.suppressFocus) return;
    const mark = e.target && e.target.closest ? e.target.closest('mark.fl-mark') : null;
    if (mark) this.show(mark.dataset.entity, mark.getBoundingClientRect(), mark);
  }

  onKey(e) {
    if (!this.card) return;
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.close();
      return;
    }
    // A card a keyboard command opened in highlight mode (no element to focus there): Enter, with
    // focus on nothing in particular, moves into it.
    if (e.key === 'Enter' && !this.inside() && !(this.card.anchor instanceof Element) &&
        !isTextEntry(document.activeElement) && (!document.activeElement || document.activeElement === document.body)) {
      e.preventDefault();
      this.enter();
    }
  }

  /** Whether focus is inside the card. */
  inside() {
    return !!this.card && !!this.card.host.shadowRoot.activeElement;
  }

  /** Moves focus into the card (its dialog: the heading names it), remembering where to come back. */
  enter() {
    if (!this.card) return;
    if (!this.inside()) this.card.back = this.card.anchor instanceof Element ? this.card.anchor : document.activeElement;
    this.card.box.focus();
  }

  /** Closes the card and gives focus back to the name it explains (or to what had it before). */
  close() {
    if (!this.card) return;
    const back = this.card.anchor instanceof Element ? this.card.anchor : this.card.back;
    this.hide();
    if (back && back.isConnected && back !== document.body && typeof back.focus === 'function') {
      this.suppressFocus = true;
      try { back.focus({ preventScroll: true }); } finally { this.suppressFocus = false; }
    }
  }

  scheduleHide() {
    this.hideTimer = setTimeout(() => {
      this.hideTimer = 0;
      if (!this.inside()) this.hide(); // a keyboard reader inside the card keeps it
    }, 300);
  }

  cardData(id) {
    if (!this.cache.has(id)) this.cache.set(id, fetchCard(id));
    return this.cache.get(id);
  }

  /** The host element and its dialog box, created on first use. */
  createHost(anchor) {
    const host = document.createElement(this.painter.hostTag);
    host.setAttribute('data-fl-ui', '');
    host.style.cssText = 'all: initial; position: fixed; z-index: 2147483647; top: 0; left: 0;';
    const root = host.attachShadow({ mode: 'open' });
    // The host's inline `all: initial` resets its color-scheme (a :host rule cannot win over it), so
    // the card itself follows the reader's preference: its colours are light-dark() (ui/styles.css).
    styleRoot(root, `${cardCss}\n.fl-card { color-scheme: light dark; box-sizing: border-box; width: min(${CARD_WIDTH}px, 92vw); max-height: 60vh; overflow: auto; }`, {});
    const box = document.createElement('div');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'false');
    box.setAttribute('aria-labelledby', 'fl-card-heading');
    box.tabIndex = -1;
    root.appendChild(box);
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Tab') cycleTab(box, e, root.activeElement);
    });
    box.addEventListener('pointerleave', () => this.scheduleHide());
    box.addEventListener('pointerenter', () => clearTimeout(this.hideTimer));
    this.painter.watcher.without(() => document.documentElement.appendChild(host));
    return { host, box, anchor };
  }

  /**
   * Shows the card of entity `id` beside `rect` (viewport coordinates of the mention `anchor`).
   * @param {string} id
   * @param {DOMRect} rect
   * @param {Element|Range} anchor
   * @returns {Promise<boolean>} whether this card was drawn (false: a newer show or a hide came first)
   */
  async show(id, rect, anchor) {
    // Cards come from the background at their own pace (the first one loads the whole API there): only
    // the latest show is drawn, and none after a hide (an older answer must not cover the newer card).
    const seq = ++this.showSeq;
    const card = await this.cardData(id);
    if (!this.painter.active || seq !== this.showSeq) return false;
    if (!this.card) this.card = this.createHost(anchor);
    this.card.anchor = anchor;
    const counts = this.countsFor(id);
    renderCard(this.card.box, card, {
      seen: counts.seen,
      count: counts.count,
      headingId: 'fl-card-heading',
      onEntity: (other) => this.show(other, rect, anchor).then((shown) => shown && this.card?.box.focus()),
      onClose: () => this.close(),
    });
    this.card.box.dataset.entity = id;
    const box = this.card.box;
    box.style.maxHeight = ''; // measure the card's natural height (its stylesheet still caps it)
    const size = { width: Math.min(CARD_WIDTH, window.innerWidth * 0.92), height: box.getBoundingClientRect().height };
    const { left, top, maxHeight } = placeCard(rect, size, { width: window.innerWidth, height: window.innerHeight }, { gap: 6, margin: 4 });
    if (size.height > maxHeight) box.style.maxHeight = `${maxHeight}px`;
    this.card.host.style.left = `${left}px`;
    this.card.host.style.top = `${top}px`;
    return true;
  }

  /** Hides the card (removes its host from the page). */
  hide() {
    this.showSeq++;
    clearTimeout(this.hideTimer);
    this.hideTimer = 0;
    if (!this.card) return;
    const { host } = this.card;
    this.card = null;
    this.painter.watcher.without(() => host.remove());
  }

  /** How often entity `id` is painted in this frame, and the texts it is written as. */
  countsFor(id) {
    let count = 0;
    const seen = new Set();
    for (const { handle } of this.painter.handles) for (const m of handle.mentions) if (m.entity === id) { count++; seen.add(m.text); }
    return { count, seen: [...seen] };
  }
}
