// Painting a scan made over collected text: `<mark>` elements (paintMarks) or CSS Custom Highlight
// API ranges (paintRanges), each with a handle that lists the mentions and removes the paint.
//
// Why it exists: the scan may run elsewhere (a worker, an extension's background); painting needs only
// the collected text (collect.js), the scan's quadruples and the lens's index, mapped back from UTF-16
// offsets to (text node, offset) pairs.

import { caretAt, rangeHas } from './hit.js';
import { nodeAt, rangesFromCompact } from './spans.js';

export { rangesFromCompact };

const DEFAULT_PREFIX = 'fl-';

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
  const spans = rangesFromCompact(collected, quads);
  const mentions = new Array(quads.length / 4);
  for (let q = 0, m = 0; q < quads.length; q += 4, m++) mentions[m] = mentionOf(collected, quads, q, index, 'marks', []);
  // The pieces grouped by text node, in document order (mentions are sorted and never overlap, so a
  // node's pieces are consecutive).
  const runs = [];
  for (const { mention, pieces } of spans) {
    const info = mentions[mention];
    for (const p of pieces) {
      const last = runs[runs.length - 1];
      if (last && last.node === p.node) last.pieces.push({ start: p.start, end: p.end, info });
      else runs.push({ node: p.node, pieces: [{ start: p.start, end: p.end, info }] });
    }
  }
  // One template mark per entity, cloned: class, type and entity in one call per mark.
  const templates = new Map();
  const markFor = (info) => {
    let t = templates.get(info.entity);
    if (!t) {
      t = doc.createElement('mark');
      t.className = `${prefix}mark ${prefix}t-${info.type}`;
      t.setAttribute('data-entity', info.entity);
      t.setAttribute('data-type', info.type);
      templates.set(info.entity, t);
    }
    const mark = t.cloneNode(false);
    info.marks.push(mark);
    return mark;
  };
  // The original nodes split, and the sibling that followed each (remove() merges the text between).
  const touched = [];
  const ends = [];
  const marks = [];
  // Each node is rebuilt once: the original node keeps the first segment (text before the first
  // mention, or the first mention's text inside its mark), the rest goes in after it with ONE append
  // of strings and marks (the engine makes the text nodes: fewer calls into the DOM).
  for (const { node, pieces } of runs) {
    const data = node.data;
    const parent = node.parentNode;
    if (!parent || pieces[pieces.length - 1].end > data.length) continue; // the page changed the node meanwhile
    const items = [];
    let head = null; // the mark around the original node, if the node starts with a mention
    let pos = pieces[0].start;
    const keep = pos > 0 ? data.slice(0, pos) : data.slice(0, pieces[0].end);
    for (let k = 0; k < pieces.length; k++) {
      const { start, end, info } = pieces[k];
      if (start > pos) items.push(data.slice(pos, start));
      const mark = markFor(info);
      marks.push(mark);
      if (k === 0 && start === 0) head = mark;
      else {
        mark.append(data.slice(start, end));
        items.push(mark);
      }
      pos = end;
    }
    if (pos < data.length) items.push(data.slice(pos));
    const next = node.nextSibling;
    touched.push(node);
    ends.push(next);
    if (keep !== data) node.data = keep;
    if (head) {
      parent.insertBefore(head, node);
      head.appendChild(node);
    }
    if (items.length) (head || node).after(...items);
  }
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
      // Merge the text that now follows each original node, up to its old next sibling, back into it
      // (the original nodes keep their identity).
      for (let i = 0; i < touched.length; i++) {
        const node = touched[i];
        let next = node.nextSibling;
        while (next && next !== ends[i] && next.nodeType === 3) {
          node.appendData(next.data);
          const after = next.nextSibling;
          next.remove();
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
  // The quadruple of each painted mention (hit-testing maps them to pieces on its first use).
  const painted = [];
  // One pass over the mentions and the text nodes together (both ascend): each mention's Range is made
  // from the node it starts in and the node it ends in, with no per-piece objects (see spans.js for the
  // same merge that lists every piece).
  const { nodes, starts } = collected;
  const n = nodes.length;
  const types = index.types;
  let i = quads.length && n ? nodeAt(starts, quads[0]) : 0;
  for (let q = 0; q < quads.length && n; q += 4) {
    const s = quads[q];
    const e = quads[q + 1];
    if (starts[i] > s) i = nodeAt(starts, s);
    while (i + 1 < n && starts[i + 1] <= s) i++;
    // The first node with text of the mention: node i, or the next one if the mention starts in the
    // separator after node i's text.
    let a = i;
    let startOffset = s - starts[i];
    if (startOffset >= nodes[i].data.length) {
      if (i + 1 >= n || starts[i + 1] >= e) continue; // no text of any node
      a = i + 1;
      startOffset = 0;
    }
    if (startOffset < 0 || e <= s) continue;
    // The last node with text of the mention: the last one starting before its end (its text may end
    // before the mention's end, when a separator lies between).
    let z = a;
    while (z + 1 < n && starts[z + 1] < e) z++;
    const node = nodes[a];
    const endNode = nodes[z];
    const endOffset = Math.min(e - starts[z], endNode.data.length);
    if (!node.isConnected || (z !== a && !endNode.isConnected)) continue; // the page changed meanwhile
    const range = doc.createRange();
    range.setStart(node, startOffset);
    range.setEnd(endNode, endOffset);
    const k = quads[q + 2];
    const type = types[k];
    const info = { start: s, end: e, entity: index.ids[k], type, name: index.names[k], text: collected.text.slice(s, e), range };
    mentions.push(info);
    painted.push(q);
    let h = byType.get(type);
    if (!h) byType.set(type, (h = []));
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
  let byNode = null;
  /** The painted pieces of one text node: [{start, end, info}]. */
  const piecesAt = (node) => {
    if (!byNode) {
      byNode = new Map();
      const sub = new Uint32Array(painted.length * 4);
      painted.forEach((q, m) => sub.set(quads.slice(q, q + 4), m * 4));
      for (const { mention, pieces } of rangesFromCompact(collected, sub)) {
        for (const p of pieces) {
          let list = byNode.get(p.node);
          if (!list) byNode.set(p.node, (list = []));
          list.push({ start: p.start, end: p.end, info: mentions[mention] });
        }
      }
    }
    return byNode.get(node);
  };
  let removed = false;
  return {
    mentions,
    /** The mention at a text position (a text node and an offset in it), or null. */
    mentionAtNode(node, offset) {
      const list = piecesAt(node);
      if (!list) return null;
      for (const { start, end, info } of list) if (offset >= start && offset < end) return info;
      return null;
    },
    /** The mention under the viewport point (x, y), or null. */
    mentionAt(x, y) {
      const caret = caretAt(doc, x, y);
      const list = caret && piecesAt(caret.node);
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
