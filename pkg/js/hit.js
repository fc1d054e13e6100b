// Hit-testing for painted ranges: the text position under a viewport point, and whether a point lies
// in a range's boxes.
//
// Why it exists: CSS Custom Highlight ranges are not elements, so no event says which one the pointer
// is over; cards find the mention under the pointer with these two functions.

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
