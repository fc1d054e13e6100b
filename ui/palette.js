// Entity-type labels and colours for the page (www/) and the browser extension (extension/).
//
// Why it exists: every surface that highlights mentions must use the same colours and the same
// second visual cue. The core owns that table (src/palette.rs, exported through WebAssembly as
// `palette()` and `paletteCss()`); pkg/build.mjs writes it to pkg/dist/palette.json, and this module
// only reads it and shapes it for the UI. Nothing here restates a colour or a label.

import PALETTE from '../pkg/dist/palette.json' with { type: 'json' };

/** The entity types of the core, in legend order. */
export const TYPES = Object.freeze(PALETTE.map((s) => s.type));

const byType = (field) => Object.freeze(Object.fromEntries(PALETTE.map((s) => [s.type, s[field]])));

/** Human labels, singular (`Armed group`). */
export const TYPE_LABELS = byType('label');

/** Human labels, plural and lower case (`armed groups`). */
export const TYPE_PLURALS = byType('plural');

/**
 * Per type: Okabe–Ito `color`, the underline colours on `light` and `dark` backgrounds, the underline
 * (`line` + `style`) that is the second, colour-free cue, and `cue`, that underline in words.
 */
export const TYPE_STYLES = Object.freeze(Object.fromEntries(PALETTE.map((s) => [s.type, Object.freeze({ ...s })])));

/** A human label for a type (falls back to the raw type). */
export function typeLabel(type) {
  return TYPE_LABELS[type] || String(type);
}

/**
 * Inline style for a legend swatch of a type (a coloured chip with the type's underline).
 * @param {string} type
 * @returns {string}
 */
export function swatchStyle(type) {
  return TYPE_STYLES[type]?.swatch ?? '';
}
