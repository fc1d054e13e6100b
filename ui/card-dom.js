// DOM builders shared by the entity card's modules (card.js, card-facts.js).
//
// Why it exists: the card shows untrusted data (a user's dictionary), so every node is built with DOM
// APIs and textContent, never innerHTML; these few builders are the only way the card modules make
// elements, so that rule lives in one place.

/**
 * Returns the URL as a string when it is an absolute http(s) URL, otherwise null.
 * @param {unknown} value
 * @returns {string|null}
 */
export function safeHttpUrl(value) {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const u = new URL(trimmed);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** An element with a class and text content. */
export function el(doc, tag, className, text) {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** A link that opens in a new tab without access to this page, or null for a non-http(s) URL. */
export function externalLink(doc, href, text, className) {
  const safe = safeHttpUrl(href);
  if (!safe) return null;
  const a = el(doc, 'a', className, text);
  a.href = safe;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}

/** A titled card section. */
export function section(doc, title) {
  const s = el(doc, 'section', 'fl-card-section');
  s.appendChild(el(doc, 'h4', 'fl-card-h', title));
  return s;
}

/** A related entity: a button that opens its card when the host handles it, plain text otherwise. */
export function entityButton(doc, id, name, onEntity) {
  if (typeof onEntity !== 'function') return el(doc, 'span', 'fl-card-entity', name || id);
  const b = el(doc, 'button', 'fl-card-entity', name || id);
  b.type = 'button';
  b.dataset.entity = id;
  b.addEventListener('click', (ev) => {
    ev.preventDefault();
    ev.stopPropagation();
    onEntity(id);
  });
  return b;
}

/** The strings of an array (anything else: empty). */
export function asList(v) {
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x.length) : [];
}
