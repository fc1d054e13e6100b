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
// The module is plain DOM code over a lens object; it has no other dependency.

/** Elements whose text is never scanned or marked. */
export const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'TEMPLATE', 'IFRAME', 'OBJECT',
  'SVG', 'MATH', 'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE', 'BUTTON',
]);

/** Elements that end a line of text: their text is not joined to the text around them. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'BR', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR',
  'HTML', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD',
  'TR', 'UL', 'OPTGROUP', 'LEGEND',
]);

const DEFAULT_PREFIX = 'fl-';

/**
 * Collects the text of `root` that may be highlighted.
 *
 * @param {Node} root
 * @param {{classPrefix?: string, skipSelector?: string}} [options]
 * @returns {{text: string, nodes: Text[], starts: number[]}} the joined text, its text nodes and the
 *   offset of each node in `text` (ascending).
 */
export function collectText(root, options = {}) {
  const c = collector(root, options);
  c.step(Infinity);
  return c.result();
}

/**
 * Like {@link collectText}, but in slices of about `sliceMs` milliseconds with a yield to the event loop
 * between them, so a page of a million text nodes never blocks its main thread for long.
 *
 * @param {Node} root
 * @param {{classPrefix?: string, skipSelector?: string, sliceMs?: number, maxChars?: number}} [options]
 *   `maxChars`: stop collecting after this many characters (the result then has `truncated: true`)
 * @returns {Promise<{text: string, nodes: Text[], starts: number[], truncated: boolean}>}
 */
export async function collectTextSliced(root, options = {}) {
  const sliceMs = options.sliceMs ?? 8;
  const c = collector(root, options);
  for (;;) {
    const t0 = performance.now();
    let done = false;
    while (!done && performance.now() - t0 < sliceMs) done = c.step(500);
    if (done) return c.result();
    await new Promise((r) => setTimeout(r, 0));
  }
}

function collector(root, options) {
  const maxChars = options.maxChars ?? Infinity;
  let truncated = false;
  const prefix = options.classPrefix ?? DEFAULT_PREFIX;
  const markClass = prefix + 'mark';
  // Elements matching the caller's selector, found once by the engine's own selector matching
  // (much cheaper than `matches()` on every element of a big page).
  const skipped = options.skipSelector && root.querySelectorAll ? new Set(root.querySelectorAll(options.skipSelector)) : null;
  const parts = [];
  const nodes = [];
  const starts = [];
  let length = 0;
  // A text node after a block boundary (entering or leaving a block) starts a new paragraph: a blank
  // line, which the core treats as a boundary no name runs across; after a <br> it starts a new line,
  // inside the paragraph (a name broken there still joins). The pending separator: '', '\n' or '\n\n'.
  let pendingBreak = '';
  const isBlock = (el) => BLOCK_TAGS.has(el.nodeName.toUpperCase());
  /** The separator pending after element `el` (a block or a <br>), given the one already pending. */
  const separator = (el, pending) => (el.nodeName.toUpperCase() === 'BR' ? pending || '\n' : '\n\n');
  const rejected = (el) => {
    if (SKIP_TAGS.has(el.nodeName.toUpperCase())) return true;
    if (el.classList && el.classList.contains(markClass)) return true;
    const ce = el.getAttribute('contenteditable');
    if (ce !== null && ce !== 'false') return true;
    if (el.hasAttribute('data-fl-ui')) return true;
    return skipped !== null && skipped.has(el);
  };
  // The walk: depth first over firstChild/nextSibling/parentNode, one step at a time, so it can stop
  // after any node and resume (collectTextSliced) without a TreeWalker's per-node filter callback.
  let finished = false;
  if (root.nodeType === 1 && (SKIP_TAGS.has(root.nodeName.toUpperCase()) || root.isContentEditable)) finished = true;
  let node = finished ? null : root.firstChild;
  /** The next node after `n` in document order, skipping `n`'s subtree; notes the blocks left. */
  const after = (n) => {
    while (n && n !== root) {
      if (n.nextSibling) return n.nextSibling;
      n = n.parentNode;
      if (n && n !== root && n.nodeType === 1 && isBlock(n)) pendingBreak = separator(n, pendingBreak);
    }
    return null;
  };
  return {
    /** Collects up to `count` more text nodes; true when the walk is over. */
    step(count) {
      let i = 0;
      while (!finished && i < count) {
        if (!node) { finished = true; break; }
        const type = node.nodeType;
        if (type === 3) {
          i++;
          const data = node.data;
          if (data) {
            if (length + data.length + pendingBreak.length > maxChars) { truncated = true; finished = true; break; }
            if (pendingBreak && nodes.length) {
              parts.push(pendingBreak);
              length += pendingBreak.length;
            }
            pendingBreak = '';
            nodes.push(node);
            starts.push(length);
            parts.push(data);
            length += data.length;
          }
          node = after(node);
        } else if (type === 1) {
          if (rejected(node)) {
            node = after(node);
            continue;
          }
          const block = isBlock(node);
          if (block) pendingBreak = separator(node, pendingBreak); // entering a block, or a <br>
          if (node.firstChild) node = node.firstChild;
          else node = after(node);
        } else if (type === 11 || type === 9) {
          node = node.firstChild || after(node);
        } else {
          node = after(node); // comments, processing instructions
        }
      }
      return finished;
    },
    result() {
      return { text: parts.join(''), nodes, starts, truncated };
    },
  };
}

/** Index of the last node starting at or before `offset` (binary search). */
function nodeAt(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Splits the mentions of a compact scan into per-text-node pieces.
 *
 * @param {{nodes: Text[], starts: number[]}} collected
 * @param {Uint32Array|number[]} quads `[start, end, entityIndex, ruleCode]*` from `lens.scanCompact`
 * @returns {Array<{mention: number, pieces: Array<{node: Text, start: number, end: number}>}>}
 */
export function rangesFromCompact(collected, quads) {
  const { nodes, starts } = collected;
  const out = [];
  if (!nodes.length) return out;
  for (let q = 0, m = 0; q < quads.length; q += 4, m++) {
    const s = quads[q];
    const e = quads[q + 1];
    const pieces = [];
    for (let i = nodeAt(starts, s); i < nodes.length && starts[i] < e; i++) {
      const ns = starts[i];
      const ne = ns + nodes[i].data.length;
      const ps = Math.max(s, ns);
      const pe = Math.min(e, ne);
      if (pe > ps) pieces.push({ node: nodes[i], start: ps - ns, end: pe - ns });
    }
    if (pieces.length) out.push({ mention: m, pieces });
  }
  return out;
}

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
 * Paints `<mark>`s for a scan made elsewhere (e.g. in a worker or an extension's background): the
 * `quads` of `lens.scanCompact(collected.text)` and the lens's index.
 *
 * @param {{text: string, nodes: Text[], starts: number[]}} collected from {@link collectText}
 * @param {Uint32Array|number[]} quads
 * @param {{ids: string[], types: string[], names: string[]}} index entity ids, types and names by index
 * @param {object} [options] `classPrefix`, `each` as for {@link highlight}
 */
export function paintMarks(collected, quads, index, options = {}) {
  const prefix = options.classPrefix ?? DEFAULT_PREFIX;
  const first = collected.nodes[0];
  const doc = first ? first.ownerDocument : null;
  const pieces = rangesFromCompact(collected, quads);
  const mentions = new Array(quads.length / 4);
  for (let q = 0, m = 0; q < quads.length; q += 4, m++) mentions[m] = mentionOf(collected, quads, q, index, 'marks', []);
  const created = new Set();
  const touched = new Set();
  const marks = [];
  // Last mention first, last piece first: earlier offsets in a node stay valid while we split it.
  for (let i = pieces.length - 1; i >= 0; i--) {
    const { mention, pieces: ps } = pieces[i];
    const info = mentions[mention];
    for (let j = ps.length - 1; j >= 0; j--) {
      const { node, start, end } = ps[j];
      if (!node.parentNode || end > node.data.length) continue; // the page changed the node meanwhile
      if (end < node.data.length) created.add(node.splitText(end));
      let target = node;
      if (start > 0) {
        target = node.splitText(start);
        created.add(target);
      }
      touched.add(node);
      const mark = doc.createElement('mark');
      mark.className = `${prefix}mark ${prefix}t-${info.type}`;
      mark.dataset.entity = info.entity;
      mark.dataset.type = info.type;
      target.parentNode.insertBefore(mark, target);
      mark.appendChild(target);
      info.marks.unshift(mark);
      marks.push(mark);
    }
  }
  marks.reverse();
  if (options.each) for (const m of mentions) for (const mark of m.marks) options.each(mark, m);
  let removed = false;
  return {
    marks,
    mentions,
    remove() {
      if (removed) return;
      removed = true;
      for (const mark of marks) {
        const parent = mark.parentNode;
        if (!parent) continue;
        while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
        parent.removeChild(mark);
      }
      // Merge the pieces back into the original text nodes (they keep their identity).
      for (const node of touched) {
        let next = node.nextSibling;
        while (next && created.has(next)) {
          node.appendData(next.data);
          const after = next.nextSibling;
          next.parentNode.removeChild(next);
          next = after;
        }
      }
    },
  };
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

/**
 * Registers CSS Custom Highlight ranges for a scan made elsewhere (see {@link paintMarks}).
 *
 * @param {{text: string, nodes: Text[], starts: number[]}} collected
 * @param {Uint32Array|number[]} quads
 * @param {{ids: string[], types: string[], names: string[]}} index
 * @param {object} [options] `classPrefix`, `each`, and `document` (default: the nodes' document)
 */
export function paintRanges(collected, quads, index, options = {}) {
  const prefix = options.classPrefix ?? DEFAULT_PREFIX;
  const doc = options.document || (collected.nodes[0] ? collected.nodes[0].ownerDocument : globalThis.document);
  const win = doc.defaultView || globalThis;
  const registry = win.CSS && win.CSS.highlights;
  if (!registry || typeof win.Highlight !== 'function') {
    throw new Error('highlightRanges: this browser has no CSS Custom Highlight API (CSS.highlights); use highlight() instead');
  }
  const byType = new Map();
  const mentions = [];
  const byNode = new Map();
  for (const { mention, pieces } of rangesFromCompact(collected, quads)) {
    const first = pieces[0];
    const last = pieces[pieces.length - 1];
    if (!first.node.isConnected || !last.node.isConnected || last.end > last.node.data.length) continue;
    const range = doc.createRange();
    range.setStart(first.node, first.start);
    range.setEnd(last.node, last.end);
    const info = mentionOf(collected, quads, mention * 4, index, 'range', range);
    mentions.push(info);
    for (const p of pieces) {
      let list = byNode.get(p.node);
      if (!list) byNode.set(p.node, (list = []));
      list.push({ start: p.start, end: p.end, info });
    }
    let h = byType.get(info.type);
    if (!h) byType.set(info.type, (h = []));
    h.push(range);
    if (options.each) options.each(range, info);
  }
  const registered = [];
  for (const [type, ranges] of byType) {
    const name = prefix + type;
    // Ranges are added one by one: spreading 100k ranges into the constructor overflows the stack.
    let h = registry.get(name);
    if (!h) registry.set(name, (h = new win.Highlight()));
    for (const r of ranges) h.add(r);
    registered.push([name, ranges]);
  }
  let removed = false;
  return {
    mentions,
    /** The mention at a text position (a text node and an offset in it), or null. */
    mentionAtNode(node, offset) {
      const list = byNode.get(node);
      if (!list) return null;
      for (const { start, end, info } of list) if (offset >= start && offset < end) return info;
      return null;
    },
    /** The mention under the viewport point (x, y), or null. */
    mentionAt(x, y) {
      const caret = caretAt(doc, x, y);
      const list = caret && byNode.get(caret.node);
      if (!list) return null;
      for (const { start, end, info } of list) {
        // The caret is between characters: confirm the point is inside the mention's boxes.
        if (caret.offset >= start && caret.offset <= end && rangeHas(info.range, x, y)) return info;
      }
      return null;
    },
    remove() {
      if (removed) return;
      removed = true;
      for (const [name, ranges] of registered) {
        const h = registry.get(name);
        if (!h) continue;
        for (const r of ranges) h.delete(r);
        if (h.size === 0) registry.delete(name);
      }
    },
  };
}

/**
 * The text position under the viewport point (x, y): `{node, offset}`, or null. Looks into the given
 * open shadow roots where the engine supports it (`caretPositionFromPoint`'s `shadowRoots` option).
 *
 * @param {Document} doc
 * @param {number} x
 * @param {number} y
 * @param {ShadowRoot[]} [shadowRoots]
 * @returns {{node: Node, offset: number}|null}
 */
export function caretAt(doc, x, y, shadowRoots = []) {
  if (doc.caretPositionFromPoint) {
    let p = null;
    try {
      p = doc.caretPositionFromPoint(x, y, { shadowRoots });
    } catch {
      p = doc.caretPositionFromPoint(x, y);
    }
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (doc.caretRangeFromPoint) {
    const r = doc.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

/**
 * Whether the viewport point (x, y) lies inside one of the range's boxes, widened by `slack` pixels.
 * @param {Range} range
 * @param {number} x
 * @param {number} y
 * @param {number} [slack]
 */
export function rangeHas(range, x, y, slack = 0) {
  for (const r of range.getClientRects()) {
    if (x >= r.left - slack && x <= r.right + slack && y >= r.top - slack && y <= r.bottom + slack) return true;
  }
  return false;
}

/** The mention of quadruple `q` (offsets, entity, type, name, the text as written) plus one painting field. */
function mentionOf(collected, quads, q, index, field, value) {
  const k = quads[q + 2];
  return { start: quads[q], end: quads[q + 1], entity: index.ids[k], type: index.types[k], name: index.names[k],
    text: collected.text.slice(quads[q], quads[q + 1]), [field]: value };
}

/** Entity ids, types and names by index, as `paintMarks`/`paintRanges` take them. */
export function lensIndex(lens) {
  return { ids: lens.entityIds(), types: lens.entityTypes(), names: lens.entityNames() };
}
