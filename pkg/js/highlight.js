// The DOM highlighter of the npm package: finds mentions in a subtree and paints them.
//
// Why it exists: a page's text is spread over many text nodes ("Kata'ib <b>Hezbollah</b>"), and a
// crossing into WebAssembly per node would cost more than the scan itself. So this module walks the
// subtree once, joins its text nodes into one string (with a line break between blocks), scans it with
// ONE call to `lens.scanCompact` and maps each mention's UTF-16 offsets back to (text node, offset)
// pairs. Two ways to paint:
//
// * `highlight(root, lens)` wraps every mention in `<mark class="fl-mark fl-t-<type>" data-entity=… data-type=…>`
//   (one mark per text node a mention touches). Screen readers and copy/paste see them. `remove()`
//   unwraps the marks and merges the split text back into the ORIGINAL text node objects, so the
//   subtree is restored exactly, node identity included.
// * `highlightRanges(root, lens)` registers `Range`s with the CSS Custom Highlight API: no node is
//   split or wrapped, so frameworks, Arabic letter joining and layout are untouched. `mentionAt(x, y)`
//   does the hit-testing cards need.
//
// The module is plain DOM code over a lens object; it has no other dependency. This file is the package's `factionlens/highlight` entry: highlight() and highlightRanges() scan and
// paint in one call; the parts live in collect.js (text collection), paint.js (painting a scan made
// elsewhere) and hit.js (hit-testing).

import { collectText } from './collect.js';
import { paintMarks, paintRanges, lensIndex } from './paint.js';

export { SKIP_TAGS, BLOCK_TAGS, collectText, collectTextSliced } from './collect.js';
export { rangesFromCompact, paintMarks, paintRanges, lensIndex } from './paint.js';
export { caretAt, rangeHas } from './hit.js';

function scanOptions(options) {
  return options.types ? { types: options.types } : undefined;
}

/**
 * Wraps every mention in `root` in `<mark>` elements.
 *
 * @param {Node} root the subtree to highlight
 * @param {object} lens a `Lens` from the package
 * @param {object} [options]
 * @param {string[]} [options.types] entity types to mark (default: all)
 * @param {string} [options.classPrefix] class prefix (default `fl-`: marks get `fl-mark fl-t-<type>`)
 * @param {string} [options.skipSelector] a CSS selector of more elements to leave alone (e.g. `code, pre`)
 * @param {(mark: HTMLElement, mention: object) => void} [options.each] called for every mark created
 * @returns {{marks: HTMLElement[], mentions: Array<object>, remove(): void}}
 */
export function highlight(root, lens, options = {}) {
  const collected = collectText(root, options);
  const quads = collected.text ? lens.scanCompact(collected.text, scanOptions(options)) : new Uint32Array(0);
  return paintMarks(collected, quads, lensIndex(lens), options);
}

/**
 * Paints every mention in `root` with the CSS Custom Highlight API: one `Highlight` per entity type,
 * registered as `CSS.highlights` entries named `<prefix><type>` (style them with
 * `::highlight(fl-armed_group) { … }`). No node is changed.
 *
 * @param {Node} root
 * @param {object} lens
 * @param {object} [options] as for {@link highlight} (`each` receives the `Range`)
 * @returns {{mentions: Array<object>, mentionAt(x: number, y: number): object|null, remove(): void}}
 */
export function highlightRanges(root, lens, options = {}) {
  const collected = collectText(root, options);
  const quads = collected.text ? lens.scanCompact(collected.text, scanOptions(options)) : new Uint32Array(0);
  return paintRanges(collected, quads, lensIndex(lens), { ...options, document: root.ownerDocument || root });
}
