// Walking the painted mentions in document order: the popup's "next mention of this entity" and the
// keyboard commands' next/previous mention of any entity.
//
// Why it exists: each walk remembers where it is (per entity, and one for all entities), scrolls the
// mention into view, marks it (focus for a <mark>, a brief `fl-current` highlight for a range) and
// opens its card.

/** Document order of two mentions (ranges, or the first of their marks). */
function compareMentions(a, b) {
  const ra = a.range || (() => { const r = document.createRange(); r.selectNode(a.marks[0]); return r; })();
  const rb = b.range || (() => { const r = document.createRange(); r.selectNode(b.marks[0]); return r; })();
  try { return ra.compareBoundaryPoints(Range.START_TO_START, rb); } catch { return 0; }
}

/** The mention walks of one painter. */
export class Navigator {
  /** @param {object} painter the Painter: its `handles` and `cards` */
  constructor(painter) {
    this.painter = painter;
    /** Entity id (or '*': all entities) → index of the last mention visited. */
    this.cursor = new Map();
    this.flashTimer = 0;
  }

  /** Forgets the positions (the paint changed). */
  reset() {
    this.cursor.clear();
  }

  /** Scrolls to the next mention of `entity` (from the popup) and opens its card. */
  next(entity) {
    return this.step(entity, 1);
  }

  /**
   * Moves `dir` (1 or -1) mentions from the last one visited, among the mentions of `entity` (or of
   * every entity when `entity` is null: the keyboard commands), scrolls to it and opens its card.
   * @returns {{found: boolean, count: number, index?: number, entity?: string}}
   */
  step(entity, dir) {
    const key = entity ?? '*';
    const list = [];
    for (const { handle } of this.painter.handles) for (const m of handle.mentions) if (entity === null || m.entity === entity) list.push(m);
    if (!list.length) return { found: false, count: 0 };
    list.sort(compareMentions);
    const last = this.cursor.get(key);
    const i = last === undefined ? (dir > 0 ? 0 : list.length - 1) : (last + dir + list.length) % list.length;
    this.cursor.set(key, i);
    const m = list[i];
    const el = m.marks ? m.marks[0] : m.range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', inline: 'nearest' });
    if (m.marks) m.marks[0].focus({ preventScroll: true });
    else this.flash(m.range);
    const rect = m.marks ? m.marks[0].getBoundingClientRect() : m.range.getBoundingClientRect();
    this.painter.cards.show(m.entity, rect, m.marks ? m.marks[0] : m.range);
    return { found: true, index: i, count: list.length, entity: m.entity };
  }

  /** Highlights `range` as the current mention for a moment. */
  flash(range) {
    try {
      CSS.highlights.set('fl-current', new Highlight(range));
      clearTimeout(this.flashTimer);
      this.flashTimer = setTimeout(() => CSS.highlights.delete('fl-current'), 1500);
    } catch { /* no Custom Highlight API */ }
  }
}
