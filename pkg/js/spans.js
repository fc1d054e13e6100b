// Mapping a scan's UTF-16 offsets back to the page: each mention as (text node, offset) pieces.
//
// Why it exists: both painters (paint.js) and the extension need, for every mention the core reports
// in the collected text, the text nodes it covers. The mentions come sorted by offset and the nodes'
// start offsets ascend, so one linear merge of the two lists maps them all (a binary search only to
// find where a slice of mentions begins).

/** Index of the last node starting at or before `offset` (binary search). */
export function nodeAt(starts, offset) {
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
  const n = nodes.length;
  if (!n) return out;
  let i = quads.length ? nodeAt(starts, quads[0]) : 0;
  for (let q = 0, m = 0; q < quads.length; q += 4, m++) {
    const s = quads[q];
    const e = quads[q + 1];
    // Walk forward to the mention's first node (back to a binary search if the order ever breaks).
    if (starts[i] > s) i = nodeAt(starts, s);
    while (i + 1 < n && starts[i + 1] <= s) i++;
    let ns = starts[i];
    let ne = ns + nodes[i].data.length;
    if (e <= ne) {
      // The common case: the mention lies in one node.
      if (e > s && s >= ns) out.push({ mention: m, pieces: [{ node: nodes[i], start: s - ns, end: e - ns }] });
      continue;
    }
    const pieces = [];
    for (let j = i; j < n && starts[j] < e; j++) {
      ns = starts[j];
      ne = ns + nodes[j].data.length;
      const ps = Math.max(s, ns);
      const pe = Math.min(e, ne);
      if (pe > ps) pieces.push({ node: nodes[j], start: ps - ns, end: pe - ns });
    }
    if (pieces.length) out.push({ mention: m, pieces });
  }
  return out;
}
