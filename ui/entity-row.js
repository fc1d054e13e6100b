// The type swatch and the entity row shared by the page's entity panel and the extension's popup.
//
// Why it exists: both list the entities of a document with the legend's swatch, the name and the
// number of mentions; one builder keeps the two lists alike and the swatch the same everywhere
// (legend, filters, type checkboxes).

import { typeLabel, swatchStyle } from './palette.js';

/**
 * A legend swatch for `type` (a coloured chip with the type's underline; hidden from screen readers,
 * which read the type's label next to it).
 * @param {Document} doc
 * @param {string} type
 * @returns {HTMLSpanElement}
 */
export function typeSwatch(doc, type) {
  const sw = doc.createElement('span');
  sw.className = 'fl-swatch';
  sw.setAttribute('style', swatchStyle(type));
  sw.setAttribute('aria-hidden', 'true');
  sw.title = typeLabel(type);
  sw.textContent = '\u00a0';
  return sw;
}

/** Text for screen readers only. */
function srText(doc, text) {
  const s = doc.createElement('span');
  s.className = 'fl-sr-only';
  s.textContent = text;
  return s;
}

/**
 * A button for one entity of a document: swatch, name, (optionally) type label, and count.
 * Its parts have the classes `fl-swatch`, `fl-name`, `fl-type`, `fl-count`.
 *
 * @param {Document} doc
 * @param {{id: string, name: string, type: string, count: number}} entity
 * @param {object} [options]
 * @param {string} [options.className] the button's class
 * @param {boolean} [options.showType] show the type's label under the name
 * @param {string} [options.action] what a click does: the button's accessible description
 * @param {() => void} [options.onClick]
 * @returns {HTMLButtonElement}
 */
export function entityRow(doc, entity, options = {}) {
  const b = doc.createElement('button');
  b.type = 'button';
  if (options.className) b.className = options.className;
  b.dataset.entity = entity.id;
  b.dataset.count = String(entity.count);
  const name = doc.createElement('span');
  name.className = 'fl-name';
  name.textContent = entity.name;
  b.append(typeSwatch(doc, entity.type), name);
  // The type: shown under the name, or as text only screen readers get (the swatch is hidden from
  // them). No aria-label: the button's name is its visible text (WCAG 2.5.3).
  const type = doc.createElement('span');
  type.className = options.showType ? 'fl-type' : 'fl-sr-only';
  type.textContent = options.showType ? typeLabel(entity.type) : `, ${typeLabel(entity.type)}, `;
  b.appendChild(type);
  const count = doc.createElement('span');
  count.className = 'fl-count';
  count.textContent = String(entity.count);
  b.appendChild(count);
  b.appendChild(srText(doc, entity.count === 1 ? ' mention' : ' mentions'));
  if (options.action) b.setAttribute('aria-description', options.action);
  if (options.onClick) b.addEventListener('click', options.onClick);
  return b;
}
