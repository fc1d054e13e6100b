// The entity card of the page: opens on hover, focus or click of a mark (or a graph node), follows
// links to related entities, and closes on leaving, its Close button, Escape or a click elsewhere.
//
// Why it exists: the card is one popup shared by every mark; this module owns when it shows, where
// (ui/placement.js, or a bottom sheet on narrow screens that never hides the name it explains),
// focus inside it (Enter on a name moves focus in, Tab cycles inside: ui/keyboard.js) and where
// focus goes back when it closes.

import { renderCard } from '../../ui/card.js';
import { placeCard } from '../../ui/placement.js';
import { cycleTab } from '../../ui/keyboard.js';
import { $, state } from './store.js';
import { request } from './worker-client.js';
import { REQUEST } from './protocol.js';

let popup = null;
/** Entity cards by id: those the last scan sent, and those asked for since (by id, from the worker). */
let cards = new Map();
/** The card asked for last: an older answer that arrives later is not shown. */
let wanted = 0;
let cardAnchor = null;
let hideTimer = null;
let suppressFocusOpen = false;

/** The cards a scan sent with its answer (entity id → card as JSON text); the others are asked for
 * when needed. */
export function setCards(byId) {
  cards = new Map(Object.entries(byId || {}));
}

/** A card the page has: parsed the first time it is shown. */
function cardOf(id) {
  let card = cards.get(id);
  if (typeof card === 'string') {
    card = JSON.parse(card);
    cards.set(id, card);
  }
  return card;
}

/** Forgets every card (the dictionaries in force changed). */
export function clearCards() {
  cards = new Map();
}

/**
 * Opens the card of entity `id` next to `anchor` (or next to the current anchor). A card the page
 * has is shown at once (before this returns); another is asked from the lens worker first.
 * @param {string} id
 * @param {Element} [anchor]
 * @returns {Promise<void>} settles when the card is shown (or a newer one was asked for)
 */
export function openCard(id, anchor) {
  clearTimeout(hideTimer);
  const ticket = ++wanted;
  if (cards.has(id)) {
    showCard(id, cardOf(id), anchor);
    return Promise.resolve();
  }
  return request(REQUEST.ENTITY, { id }).catch(() => null).then((card) => {
    cards.set(id, card);
    if (ticket === wanted) showCard(id, card, anchor);
  });
}

function showCard(id, card, anchor) {
  const s = state.stats.get(id);
  renderCard(popup, card, {
    seen: s ? s.seen : [],
    count: s ? s.count : 0,
    headingId: 'fl-card-title',
    onEntity: (other) => {
      openCard(other, cardAnchor).then(() => popup.focus());
    },
    onClose: () => dismissCard(),
  });
  popup.hidden = false;
  cardAnchor = anchor || cardAnchor;
  position(popup, cardAnchor);
}

/** Moves focus into the open card (the dialog itself: its heading names it). */
export function enterCard() {
  if (!popup.hidden) popup.focus();
}

/** Whether the card is open. */
export function cardOpen() {
  return !!popup && !popup.hidden;
}

/**
 * On a narrow screen the card is a bottom sheet: the page keeps room for it (scroll padding, for
 * focus moves the browser scrolls to) and the name it explains is scrolled above it (WCAG 2.4.11).
 */
function keepAnchorVisible(el, anchor) {
  const sheetTop = el.getBoundingClientRect().top;
  document.documentElement.style.scrollPaddingBottom = `${Math.ceil(window.innerHeight - sheetTop + 8)}px`;
  if (!anchor || !anchor.getBoundingClientRect) return;
  const r = anchor.getBoundingClientRect();
  if (r.bottom > sheetTop - 8) window.scrollBy(0, r.bottom - sheetTop + 8 + Math.min(48, r.height * 2));
  else if (r.top < 8) window.scrollBy(0, r.top - 8);
}

function position(el, anchor) {
  if (matchMedia('(max-width: 600px)').matches || !anchor) {
    el.classList.add('sheet');
    el.style.left = el.style.top = '';
    el.style.maxHeight = '';
    keepAnchorVisible(el, anchor);
    return;
  }
  document.documentElement.style.scrollPaddingBottom = '';
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
  wanted++; // a card still on its way from the worker stays closed
  popup.hidden = true;
  cardAnchor = null;
  document.documentElement.style.scrollPaddingBottom = '';
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
  popup.addEventListener('keydown', (ev) => {
    if (ev.key === 'Tab') cycleTab(popup, ev, document.activeElement);
  });
  popup.addEventListener('focusout', (ev) => {
    if (!popup.contains(ev.relatedTarget) && ev.relatedTarget !== cardAnchor) scheduleHide();
  });
  document.addEventListener('pointerdown', (ev) => {
    if (popup.hidden || popup.contains(ev.target) || ev.target.closest?.('mark.fl-mark, g.node')) return;
    hideCard();
  });
  window.addEventListener('resize', () => { if (!popup.hidden) position(popup, cardAnchor); });
}
