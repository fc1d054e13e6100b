// Renders the article with every mention wrapped in a focusable <mark>.
//
// Why it exists: the article text is untrusted, so it is rendered as text nodes only (never parsed
// as HTML); marks are built with DOM APIs and carry the entity id, type and a description (entity and type). The
// text keeps its exact characters (white-space: pre-wrap), so a mark's text is exactly the mention's
// text and UTF-16 offsets line up with lens.scan. Long documents are appended range by range, a slice at a
// time (www/src/worker-client.js).

import { typeLabel } from '../../ui/palette.js';

/**
 * Appends the text in [from, to) to `container`, with marks for the mentions in `quads`
 * ([start, end, entityIndex, ruleCode] ...) that start in that range.
 *
 * @param {HTMLElement} container
 * @param {string} text the document, or the part of it that starts at offset `base`
 * @param {number} from start offset (in the document)
 * @param {number} to end offset (must not cut a mention that starts before it)
 * @param {Uint32Array|number[]} quads mentions starting in [from, to), sorted
 * @param {{ids: string[], types: string[], names: string[]}} index entity data by index
 * @param {number} firstOrdinal ordinal of the first mention of this range in the document
 * @param {string[]} [rules] rule names by code
 * @param {number} [base] the document offset of `text`'s first character
 * @returns {number} the offset rendered up to
 */
export function appendRange(container, text, from, to, quads, index, firstOrdinal, rules = [], base = 0) {
  const doc = container.ownerDocument;
  const frag = doc.createDocumentFragment();
  let pos = from;
  let ord = firstOrdinal;
  for (let k = 0; k < quads.length; k += 4) {
    const s = quads[k], e = quads[k + 1], ei = quads[k + 2];
    if (s < pos) continue; // overlapping mentions are not expected; never render text twice
    if (s > pos) frag.appendChild(doc.createTextNode(text.slice(pos - base, s - base)));
    const type = index.types[ei];
    const m = doc.createElement('mark');
    m.className = `fl-mark fl-t-${type}`;
    m.tabIndex = -1; // one Tab stop for the article: www/src/article-keys.js makes one mark 0
    m.dataset.entity = index.ids[ei];
    m.dataset.type = type;
    m.dataset.i = String(ord++);
    m.dataset.start = String(s);
    if (rules[quads[k + 3]]) m.dataset.rule = rules[quads[k + 3]];
    // The mark's text is its name as written; the entity and its type are its description (ARIA
    // allows no aria-label on <mark>, and the card is reached with Enter, not read on every name).
    m.setAttribute('aria-description', `${index.names[ei]}, ${typeLabel(type)}`);
    m.textContent = text.slice(s - base, e - base);
    frag.appendChild(m);
    pos = e;
  }
  const end = Math.max(pos, to);
  if (end > pos) frag.appendChild(doc.createTextNode(text.slice(pos - base, end - base)));
  container.appendChild(frag);
  return end;
}
