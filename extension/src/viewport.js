// The visible part of a page's collected text, so the painter can scan and paint it first.
//
// Why it exists: the first highlight is what the reader sees. A 2 MB page takes a few hundred ms to
// collect, send, scan and paint whole; the text on screen is a few KB. So while the page's text is
// still being collected, the painter asks for the nodes on screen (and a margin below), scans just
// that text and paints it as a preview, which the whole page's paint then replaces.

/** Text scanned before the first visible node, for the core's document context (characters). */
const CONTEXT_BEFORE = 4000;
/** How far below the viewport the preview reaches, in viewport heights. */
const BELOW = 1;
/** The most nodes the preview looks at past the first visible one. */
const MAX_NODES = 3000;

/** The node's box, or null when it has none (hidden, detached). */
function box(doc, node) {
  const r = doc.createRange();
  r.selectNodeContents(node);
  const b = r.getBoundingClientRect();
  return b.width === 0 && b.height === 0 ? null : b;
}

/**
 * The collected nodes on screen: `{from, to}` (indices, `to` exclusive) of the nodes from the first
 * one whose box reaches the viewport to the first one below `BELOW` viewport heights under it, or null
 * when the nodes collected so far do not reach below the viewport yet (or show nothing on screen).
 * Assumes the nodes' boxes go down the page in document order (true of an article's flow; where not,
 * the preview only shows less, the whole paint follows anyway).
 *
 * @param {Document} doc
 * @param {Text[]} nodes collected so far, in document order
 */
export function visibleNodes(doc, nodes) {
  const height = doc.defaultView.innerHeight;
  const bottom = height * (1 + BELOW);
  const n = nodes.length;
  // The last collected node with a box: is the collection below the viewport yet?
  let last = n - 1;
  let b = null;
  while (last >= 0 && n - last < 50 && !(b = box(doc, nodes[last]))) last--;
  if (!b || b.top < bottom) return null;
  // Binary search: the first node whose box ends below the viewport's top. A boxless node (white space
  // between blocks, hidden text) takes the box of the next node that has one.
  const near = (i) => {
    for (let j = i; j <= last && j < i + 16; j++) {
      const m = box(doc, nodes[j]);
      if (m) return m;
    }
    return null;
  };
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = near(mid);
    if (m && m.bottom > 0) hi = mid;
    else lo = mid + 1;
  }
  let to = lo;
  while (to < n && to - lo < MAX_NODES) {
    const m = box(doc, nodes[to]);
    if (m && m.top > bottom) break;
    to++;
  }
  return to > lo ? { from: lo, to } : null;
}

/**
 * The text of collected nodes `from`…`to` (exclusive), with up to `CONTEXT_BEFORE` characters of the
 * nodes before them, as a collection of its own (offsets from its start): what paintRanges takes.
 *
 * @param {{nodes: Text[], starts: number[]}} progress the collection so far
 * @param {{from: number, to: number}} span from {@link visibleNodes}
 * @returns {{text: string, nodes: Text[], starts: number[], at: number}} `at`: where its text starts in the whole collection's
 */
export function previewOf(progress, { from, to }) {
  const { nodes, starts } = progress;
  let first = from;
  while (first > 0 && starts[from] - starts[first - 1] < CONTEXT_BEFORE) first--;
  const base = starts[first];
  const parts = [];
  const out = { text: '', nodes: nodes.slice(first, to), starts: [], at: base };
  let end = base;
  for (let i = first; i < to; i++) {
    // The separators between nodes are line breaks (collect.js): as many as the offsets leave.
    if (starts[i] > end) parts.push('\n'.repeat(starts[i] - end));
    out.starts.push(starts[i] - base);
    parts.push(nodes[i].data);
    end = starts[i] + nodes[i].data.length;
  }
  out.text = parts.join('');
  return out;
}
