// Painting a scan made over collected text: `<mark>` elements (paintMarks) or CSS Custom Highlight
// API ranges (paintRanges), each with a handle that lists the mentions and removes the paint.
//
// Why it exists: the scan may run elsewhere (a worker, an extension's background); painting needs only
// the collected text (collect.js), the scan's quadruples and the lens's index, mapped back from UTF-16
// offsets to (text node, offset) pairs.

import { caretAt, rangeHas } from './hit.js';

const DEFAULT_PREFIX = 'fl-';

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
