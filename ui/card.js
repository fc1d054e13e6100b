// Entity card rendering shared by the page (www/) and the browser extension (extension/). The
// time-aware facts (roles, status, dates, identifiers) are worded by card-facts.js.
//
// Why it exists: a card shows data that may come from a user's own dictionary (names, descriptions,
// source URLs), so it is untrusted. This module builds the card with DOM APIs and textContent only
// (never innerHTML), renders a source as a link only when it is an http(s) URL, and lets the host
// decide what a click on a related entity does (open that entity's card).

import { typeLabel, TYPE_STYLES } from './palette.js';
import { el, section, entityButton, asList, safeHttpUrl } from './card-dom.js';
import { spanText, statusNode, roleSections, designationTail, identifiersNode } from './card-facts.js';

export { safeHttpUrl };

const REL_LABELS = {
  member_of: 'member of',
  part_of: 'part of',
  backed_by: 'backed by',
  allied_with: 'allied with',
  successor_of: 'successor of',
  splinter_of: 'splinter of',
  wing_of: 'wing of',
  opposes: 'opposes',
};

// The reverse reading of a relation, as seen from its target's card.
const REL_INCOMING = {
  member_of: 'has member',
  part_of: 'includes',
  backed_by: 'backs',
  allied_with: 'allied with',
  successor_of: 'succeeded by',
  splinter_of: 'has splinter',
  wing_of: 'has wing',
  opposes: 'opposed by',
};

function sourceNode(doc, source) {
  const href = safeHttpUrl(source);
  if (!href) return el(doc, 'span', 'fl-card-source', source);
  const a = el(doc, 'a', 'fl-card-source');
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  let label = href;
  try {
    const u = new URL(href);
    label = u.hostname.replace(/^www\./, '') + decodeURIComponent(u.pathname).replace(/\/$/, '');
  } catch { /* keep href */ }
  a.textContent = label.length > 70 ? label.slice(0, 67) + '…' : label;
  a.title = href;
  return a;
}

/** The card's visible Close button. */
function closeButton(doc, onClose) {
  const b = el(doc, 'button', 'fl-card-close', 'Close');
  b.type = 'button';
  b.addEventListener('click', (ev) => {
    ev.preventDefault();
    ev.stopPropagation();
    onClose();
  });
  return b;
}

/** A relation's dates, when it has any: " (from 2014 until 2020-12)". */
function relationWhen(doc, r) {
  if (!r.from && !r.until) return null;
  return el(doc, 'span', 'fl-card-when', ` (${spanText(r, !r.until)})`);
}

/**
 * Renders an entity card into `container` (replacing its content).
 *
 * @param {HTMLElement} container where to render (its children are replaced)
 * @param {object} card the card from `lens.entity(id)`: {id, name, type, aliases, acronyms, arabic,
 *   persian, description, sources, status, relations, relation_names, designations, notes, origin,
 *   incoming, role_views, holders, as_of, wikidata, opensanctions}
 * @param {object} [options]
 * @param {string[]} [options.seen] the surface forms of this entity seen in the current document
 * @param {number} [options.count] how many times it is mentioned in the document
 * @param {(id: string) => void} [options.onEntity] called when a related entity is clicked
 * @param {string} [options.headingId] id given to the card's heading (for aria-labelledby)
 * @param {() => void} [options.onClose] when given, the card gets a visible Close button that calls it
 * @returns {HTMLElement} the container
 */
export function renderCard(container, card, options = {}) {
  const doc = container.ownerDocument;
  container.replaceChildren();
  container.classList.add('fl-card');
  if (!card) {
    container.appendChild(el(doc, 'p', 'fl-card-empty', 'No card for this entity.'));
    if (typeof options.onClose === 'function') container.appendChild(closeButton(doc, options.onClose));
    return container;
  }
  const type = String(card.type || '');
  container.dataset.entity = String(card.id || '');
  container.dataset.type = type;

  // A <div>, not <header>/<footer>: inside the page those would be banner/contentinfo landmarks.
  const header = el(doc, 'div', 'fl-card-header');
  const h = el(doc, 'h3', 'fl-card-name', card.name || card.id);
  if (options.headingId) h.id = options.headingId;
  header.appendChild(h);
  const badge = el(doc, 'span', `fl-card-type fl-t-${type}`, typeLabel(type));
  const st = TYPE_STYLES[type];
  if (st) badge.style.setProperty('--fl-type-color', st.color);
  header.appendChild(badge);
  if (typeof options.count === 'number') {
    header.appendChild(el(doc, 'span', 'fl-card-count', `${options.count} mention${options.count === 1 ? '' : 's'} here`));
  }
  if (typeof options.onClose === 'function') header.appendChild(closeButton(doc, options.onClose));
  container.appendChild(header);
  const status = statusNode(doc, card.status);
  if (status) container.appendChild(status);

  const seen = asList(options.seen);
  if (seen.length) {
    const s = section(doc, 'Seen here as');
    s.appendChild(el(doc, 'p', 'fl-card-seen', seen.join(' · ')));
    container.appendChild(s);
  }

  // Each name with the language of the list it comes from (Arabic and Persian names read right to left).
  const names = [
    ...asList(card.aliases).map((n) => [n, null]), ...asList(card.acronyms).map((n) => [n, null]),
    ...asList(card.arabic).map((n) => [n, 'ar']), ...asList(card.persian).map((n) => [n, 'fa']),
  ];
  if (names.length) {
    const s = section(doc, 'Also known as');
    const p = el(doc, 'p', 'fl-card-aliases');
    names.forEach(([n, lang], i) => {
      const span = el(doc, 'span', 'fl-card-alias', n);
      if (lang) { span.lang = lang; span.dir = 'rtl'; }
      p.appendChild(span);
      if (i < names.length - 1) p.appendChild(doc.createTextNode(' · '));
    });
    s.appendChild(p);
    container.appendChild(s);
  }

  if (card.description) container.appendChild(el(doc, 'p', 'fl-card-desc', card.description));
  for (const s of roleSections(doc, card, options.onEntity)) container.appendChild(s);

  const rels = Array.isArray(card.relations) ? card.relations : [];
  const incoming = Array.isArray(card.incoming) ? card.incoming : [];
  if (rels.length || incoming.length) {
    const s = section(doc, 'Relations');
    const ul = el(doc, 'ul', 'fl-card-rels');
    rels.forEach((r, i) => {
      const li = el(doc, 'li');
      li.appendChild(el(doc, 'span', 'fl-card-rel', REL_LABELS[r.rel] || r.rel));
      li.appendChild(doc.createTextNode(' '));
      const name = (card.relation_names && card.relation_names[i]) || r.target;
      li.appendChild(entityButton(doc, r.target, name, options.onEntity));
      const when = relationWhen(doc, r);
      if (when) li.appendChild(when);
      if (r.note) li.appendChild(el(doc, 'span', 'fl-card-note', ` (${r.note})`));
      ul.appendChild(li);
    });
    for (const r of incoming) {
      const li = el(doc, 'li');
      li.appendChild(el(doc, 'span', 'fl-card-rel', REL_INCOMING[r.rel] || `${r.rel} (from)`));
      li.appendChild(doc.createTextNode(' '));
      li.appendChild(entityButton(doc, r.source, r.source_name, options.onEntity));
      const when = relationWhen(doc, r);
      if (when) li.appendChild(when);
      ul.appendChild(li);
    }
    s.appendChild(ul);
    container.appendChild(s);
  }

  const des = Array.isArray(card.designations) ? card.designations : [];
  if (des.length) {
    const s = section(doc, 'US designations');
    const ul = el(doc, 'ul', 'fl-card-des');
    for (const d of des) {
      const li = el(doc, 'li');
      li.appendChild(el(doc, 'time', 'fl-card-date', d.date || 'undated'));
      li.appendChild(doc.createTextNode(' '));
      li.appendChild(el(doc, 'strong', null, d.list || ''));
      li.appendChild(doc.createTextNode(designationTail(d)));
      if (d.note) li.appendChild(el(doc, 'span', 'fl-card-note', ` (${d.note})`));
      ul.appendChild(li);
    }
    s.appendChild(ul);
    container.appendChild(s);
  }

  const notes = Array.isArray(card.notes) ? card.notes : [];
  if (notes.length) {
    const s = section(doc, 'Notes');
    for (const n of notes) s.appendChild(el(doc, 'p', 'fl-card-note-text', n.text));
    container.appendChild(s);
  }

  const sources = asList(card.sources);
  if (sources.length) {
    const s = section(doc, 'Sources');
    const ul = el(doc, 'ul', 'fl-card-sources');
    for (const src of sources) {
      const li = el(doc, 'li');
      li.appendChild(sourceNode(doc, src));
      ul.appendChild(li);
    }
    s.appendChild(ul);
    container.appendChild(s);
  }

  const ids = identifiersNode(doc, card);
  if (ids) container.appendChild(ids);
  const builtin = !card.origin || card.origin === 'builtin';
  const footer = el(doc, 'p', 'fl-card-origin', builtin ? 'From the built-in knowledge base' : `From dictionary: ${card.origin}`);
  if (builtin && typeof card.as_of === 'string' && card.as_of) {
    footer.appendChild(doc.createTextNode(' · '));
    footer.appendChild(el(doc, 'span', 'fl-card-asof', `Facts as of ${card.as_of}`));
  }
  container.appendChild(footer);
  return container;
}
