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

/** `n mention(s)`. */
export function mentionCount(n) {
  return `${n} mention${n === 1 ? '' : 's'}`;
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
 * @param {string} [options.action] what a click does, appended to the button's accessible name
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
  if (options.showType) {
    const type = doc.createElement('span');
    type.className = 'fl-type';
    type.textContent = typeLabel(entity.type);
    b.appendChild(type);
  }
  const count = doc.createElement('span');
  count.className = 'fl-count';
  count.textContent = String(entity.count);
  count.setAttribute('aria-label', mentionCount(entity.count));
  b.appendChild(count);
  if (options.action) b.setAttribute('aria-label', `${entity.name}, ${typeLabel(entity.type)}, ${mentionCount(entity.count)}: ${options.action}`);
  if (options.onClick) b.addEventListener('click', options.onClick);
  return b;
}
