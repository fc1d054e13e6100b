// The entity card of the page: opens on hover, focus or click of a mark (or a graph node), follows
// links to related entities, and closes on leaving, Escape or a click elsewhere.
//
// Why it exists: the card is one popup shared by every mark; this module owns when it shows, where
// (ui/placement.js, or a bottom sheet on narrow screens) and where focus goes back when it closes.

import { renderCard } from '../../ui/card.js';
import { placeCard } from '../../ui/placement.js';
import { $, state } from './store.js';

let popup = null;
let cardAnchor = null;
let hideTimer = null;
let suppressFocusOpen = false;

/**
 * Opens the card of entity `id` next to `anchor` (or next to the current anchor).
 * @param {string} id
 * @param {Element} [anchor]
 */
export function openCard(id, anchor) {
  clearTimeout(hideTimer);
  const card = state.lens.entity(id);
  const s = state.stats.get(id);
  renderCard(popup, card, {
    seen: s ? s.seen : [],
    count: s ? s.count : 0,
    headingId: 'fl-card-title',
    onEntity: (other) => {
      openCard(other, cardAnchor);
      popup.focus();
    },
  });
  popup.hidden = false;
  cardAnchor = anchor || cardAnchor;
  position(popup, cardAnchor);
}

function position(el, anchor) {
  if (matchMedia('(max-width: 600px)').matches || !anchor) {
    el.classList.add('sheet');
    el.style.left = el.style.top = '';
    return;
  }
  el.classList.remove('sheet');
  const viewport = { width: window.innerWidth, height: window.innerHeight };
  el.style.maxHeight = ''; // measure the card's natural height (its stylesheet still caps it)
  const { left, top, maxHeight } = placeCard(anchor.getBoundingClientRect(), { width: el.offsetWidth, height: el.offsetHeight }, viewport, { margin: 12 });
  if (el.offsetHeight > maxHeight) el.style.maxHeight = `${maxHeight}px`;
  el.style.left = `${left + window.scrollX}px`;
  el.style.top = `${top + window.scrollY}px`;
}

/** Closes the card. */
export function hideCard() {
  clearTimeout(hideTimer);
  popup.hidden = true;
  cardAnchor = null;
}

/** Closes the card if it is open and gives focus back to what opened it; false if it was closed. */
export function dismissCard() {
  if (popup.hidden) return false;
  const back = cardAnchor;
  hideCard();
  suppressFocusOpen = true;
  try { if (back && back.focus) back.focus(); } finally { suppressFocusOpen = false; }
  return true;
}

function scheduleHide() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    if (popup.matches(':hover') || popup.contains(document.activeElement)) return;
    if (cardAnchor && cardAnchor === document.activeElement) return;
    hideCard();
  }, 300);
}

/** Wires the card to the document's marks and to the page. */
export function initCards() {
  popup = $('fl-card-popup');
  const docEl = $('doc');
  docEl.addEventListener('mouseover', (ev) => {
    const m = ev.target.closest('mark.fl-mark');
    if (m && !state.hidden.has(m.dataset.type)) openCard(m.dataset.entity, m);
  });
  docEl.addEventListener('mouseout', (ev) => {
    if (ev.target.closest('mark.fl-mark')) scheduleHide();
  });
  docEl.addEventListener('focusin', (ev) => {
    const m = ev.target.closest('mark.fl-mark');
    if (m && !suppressFocusOpen) openCard(m.dataset.entity, m);
  });
  docEl.addEventListener('focusout', (ev) => {
    if (!popup.contains(ev.relatedTarget)) scheduleHide();
  });
  docEl.addEventListener('click', (ev) => {
    const m = ev.target.closest('mark.fl-mark');
    if (m) openCard(m.dataset.entity, m);
  });
  popup.addEventListener('mouseleave', scheduleHide);
  popup.addEventListener('focusout', (ev) => {
    if (!popup.contains(ev.relatedTarget) && ev.relatedTarget !== cardAnchor) scheduleHide();
  });
  document.addEventListener('pointerdown', (ev) => {
    if (popup.hidden || popup.contains(ev.target) || ev.target.closest?.('mark.fl-mark, g.node')) return;
    hideCard();
  });
  window.addEventListener('resize', () => { if (!popup.hidden) position(popup, cardAnchor); });
}
