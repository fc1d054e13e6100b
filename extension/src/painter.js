// The painter of one frame: collects the page's text (and its open shadow roots'), has the background
// scan it, paints the mentions and reports the counts; stopping removes every trace.
//
// Why it exists, and how it keeps pages working:
// * Painting defaults to the CSS Custom Highlight API: `Range`s over the page's own text nodes, so no
//   node is split or wrapped, frameworks keep their DOM, Arabic letters keep joining, layout does not
//   move, and our painting never feeds our own MutationObserver. The `<mark>` mode (for screen
//   readers) uses the npm package's DOM highlighter, whose remove() restores the exact nodes.
// * The WebAssembly core runs in the background, never here (scan-protocol.js), so a page's CSP
//   cannot stop it.
// * Styles go in as a user stylesheet (inserted by the background) and, inside open shadow roots, as
//   adopted stylesheets (styles.js; a <style> node in that shadow root only where adopting is refused).
// * Work is sliced (SLICE_MS) so the page keeps its main thread; the DOM watcher paints what comes later.
// * What is on screen is scanned and painted first (viewport.js), then the whole page replaces it.
// * Forms, editable regions, form fields, scripts (and optionally code) are never touched.

import { collectTextSliced } from '../../pkg/js/collect.js';
import { paintMarks, paintRanges } from '../../pkg/js/paint.js';
import { insertCss, removeCss, scanTexts, reportCounts } from './scan-protocol.js';
import { ShadowStyles } from './styles.js';
import { visibleNodes, previewOf } from './viewport.js';
import { DomWatcher } from './dom-watcher.js';
import { CardController } from './card-controller.js';
import { Navigator } from './navigator.js';
import { MarkKeys } from './mark-keys.js';
import { typeLabel } from '../../ui/palette.js';

/** The card's host element (a custom element name no page uses). */
const HOST_TAG = 'factionlens-card';
/** The most text one frame scans (characters); past it the popup says the page was cut. */
const MAX_PAGE_CHARS = 32 * 1024 * 1024;
/** Mentions painted per slice: the page gets the main thread back between slices. */
const PAINT_SLICE = 4000;
const SLICE_MS = 8;
const idle = () => new Promise((r) => setTimeout(r, 0));
const BASE_SKIP = 'form, [contenteditable]:not([contenteditable="false"]), [role="textbox"], ' + HOST_TAG;

/**
 * The slices of PAINT_SLICE mentions of `quads`, as [from, to) index pairs, the first one starting at
 * the first mention at or after text offset `at` (then the rest, wrapping around to the start).
 */
function sliceQuads(quads, at) {
  let q0 = 0;
  while (q0 < quads.length && quads[q0] < at) q0 += 4;
  const out = [];
  for (let q = q0; q < quads.length; q += PAINT_SLICE * 4) out.push([q, Math.min(q + PAINT_SLICE * 4, quads.length)]);
  for (let q = 0; q < q0; q += PAINT_SLICE * 4) out.push([q, Math.min(q + PAINT_SLICE * 4, q0)]);
  return out;
}

/** Paints one frame. */
export class Painter {
  constructor() {
    /** The extension's settings (extension/src/settings.js). */
    this.settings = null;
    /** The entity index the background sent, and its version. */
    this.index = null;
    this.indexVersion = 0;
    /** The paint: {handle, nodes: Text[]} per painted slice, in painting order. */
    this.handles = [];
    /** The first paint of what is on screen (highlights mode), until the whole page's replaces it. */
    this.preview = null;
    /** Text nodes we painted. */
    this.painted = new Set();
    /** Open shadow roots we style and observe. */
    this.shadowRoots = new Set();
    this.truncated = false;
    this.active = false;
    this.hostTag = HOST_TAG;
    this.styles = new ShadowStyles();
    this.watcher = new DomWatcher(this);
    this.cards = new CardController(this);
    this.navigator = new Navigator(this);
    this.keys = new MarkKeys(this);
  }

  skipSelector() {
    return this.settings.skipCode ? `${BASE_SKIP}, code, pre, kbd, samp` : BASE_SKIP;
  }

  /** Whether `node` is FactionLens's own (the card). */
  isOurs(node) {
    return this.cards.contains(node);
  }

  /** How many mentions this frame has painted. */
  mentionCount() {
    return this.handles.reduce((n, h) => n + h.handle.mentions.length, 0);
  }

  /** Starts painting (idempotent). */
  async start() {
    if (this.active) return;
    this.active = true;
    const t0 = performance.now();
    // The styles are asked for while the text is collected (the background may still be waking).
    this.cssReady = insertCss().then((css) => {
      if (this.active) this.styles.reset(css);
      else removeCss(css);
    });
    await this.paintAll();
    if (!this.active) return;
    this.watcher.start();
    this.cards.attach();
    this.keys.attach();
    try { performance.measure('factionlens:first-paint', { start: t0, end: performance.now() }); } catch { /* old engines */ }
  }

  /** Removes every trace from the page. */
  async stop() {
    if (!this.active) return;
    this.active = false;
    this.watcher.stop();
    this.clearPaint();
    this.cards.detach();
    this.keys.detach();
    for (const root of this.shadowRoots) this.styles.unadopt(root);
    this.shadowRoots.clear();
    if (this.styles.css) await removeCss(this.styles.css);
    this.styles.reset(null);
    await this.report();
  }

  clearPaint() {
    this.watcher.without(() => {
      for (let i = this.handles.length - 1; i >= 0; i--) this.handles[i].handle.remove();
      this.dropPreview();
    });
    this.handles = [];
    this.painted.clear();
    this.navigator.reset();
  }

  async repaint() {
    if (!this.active) return;
    this.clearPaint();
    await this.paintAll();
  }

  /** Every open shadow root in the document (found once per full paint, in time slices). */
  async shadowRootsNow() {
    const roots = [];
    const seen = new Set();
    const queue = [document];
    while (queue.length) {
      const all = queue.shift().querySelectorAll('*');
      let t0 = performance.now();
      for (let i = 0; i < all.length; i++) {
        const el = all[i];
        const sr = el.shadowRoot;
        if (sr && !seen.has(sr) && el.localName !== HOST_TAG) {
          seen.add(sr);
          roots.push(sr);
          queue.push(sr);
        }
        if ((i & 1023) === 0 && performance.now() - t0 > SLICE_MS) {
          await idle();
          t0 = performance.now();
        }
      }
    }
    for (const sr of seen) this.track(sr);
    return roots;
  }

  /** Starts styling and observing an open shadow root; false if it was already tracked. */
  track(sr) {
    if (this.shadowRoots.has(sr)) return false;
    this.shadowRoots.add(sr);
    this.watcher.without(() => this.styles.adopt(sr));
    this.watcher.observeRoot(sr);
    return true;
  }

  async paintAll() {
    const collected = [];
    let budget = MAX_PAGE_CHARS;
    this.truncated = false;
    const skipSelector = this.skipSelector();
    // The document's text first; what is on screen is scanned and painted as soon as it is collected
    // (highlights mode: ranges leave the nodes as they are, so the whole paint can replace them).
    let preview = this.settings.mode === 'marks' ? null : undefined;
    // The walk waits for the preview: its answer would otherwise queue behind the walk's slices.
    const onSlice = (progress) => {
      if (preview !== undefined) return null;
      const span = visibleNodes(document, progress.nodes);
      if (!span) return null;
      preview = this.paintPreview(previewOf(progress, span)).catch(() => {});
      return preview;
    };
    const body = document.body || document.documentElement;
    const first = await collectTextSliced(body, { skipSelector, maxChars: budget, sliceMs: SLICE_MS, onSlice });
    if (preview === undefined) preview = null; // one slice was enough: the whole page follows at once
    await this.cssReady;
    if (!this.active) return;
    for (const r of [body, ...await this.shadowRootsNow()]) {
      if (!this.active) return;
      const c = r === body ? first : await collectTextSliced(r, { skipSelector, maxChars: budget, sliceMs: SLICE_MS });
      budget -= c.text.length;
      if (c.truncated) this.truncated = true;
      collected.push(c);
      if (budget <= 0) { this.truncated = true; break; }
    }
    await preview;
    await this.paint(collected, true);
  }

  /** Scans and paints the text on screen before the rest (see viewport.js); the whole paint replaces it. */
  async paintPreview(c) {
    if (!c.text) return;
    const res = await scanTexts([c.text], this.settings.types, this.indexVersion);
    await this.cssReady;
    if (!this.active || this.handles.length) return;
    this.takeIndex(res);
    this.watcher.without(() => {
      this.dropPreview();
      this.preview = paintRanges(c, res.results[0], this.index, { document });
      this.preview.at = c.at;
    });
  }

  dropPreview() {
    this.preview?.remove();
    this.preview = null;
  }

  takeIndex(res) {
    if (res.index) {
      this.index = res.index;
      this.indexVersion = res.version;
    }
  }

  /** Scans the collected texts in one message and paints the results; `full`: a whole-page paint,
   * whose counts replace this frame's even when there is nothing to paint. */
  async paint(collected, full = false) {
    collected = collected.filter((c) => c.text.length > 0);
    if (!collected.length) {
      this.watcher.without(() => this.dropPreview());
      if (full) await this.report();
      return;
    }
    const res = await scanTexts(collected.map((c) => c.text), this.settings.types, this.indexVersion);
    if (!this.active) return;
    this.takeIndex(res);
    const marks = this.settings.mode === 'marks';
    // One Tab stop for all the names (mark-keys.js); the entity and its type are each mark's
    // description (ARIA allows no aria-label on <mark>; hidden text would change the page's text).
    const each = (mark, m) => {
      mark.tabIndex = -1;
      mark.setAttribute('aria-description', `${m.name}, ${typeLabel(m.type)}`);
    };
    // Paint in slices of PAINT_SLICE mentions, giving the page its main thread back in between.
    let t0 = performance.now();
    for (let i = 0; i < collected.length; i++) {
      const c = collected[i];
      const quads = res.results[i];
      for (const n of c.nodes) this.painted.add(n);
      // Marks split text nodes from the end backwards, so their slices go last first (earlier offsets
      // stay valid); removal then runs in the reverse order of painting (see clearPaint). Ranges start
      // with the slice where the preview (what is on screen) starts, and replace the preview with it.
      const at = i === 0 && this.preview ? this.preview.at : 0;
      const slices = sliceQuads(quads, marks ? 0 : at);
      if (marks) slices.reverse();
      for (const [from, to] of slices) {
        if (!this.active) return;
        const part = quads.slice(from, to);
        this.watcher.without(() => {
          const handle = marks ? paintMarks(c, part, this.index, { each }) : paintRanges(c, part, this.index, { document });
          this.handles.push({ handle, nodes: c.nodes });
          this.dropPreview();
        });
        if (performance.now() - t0 > SLICE_MS) {
          await idle();
          t0 = performance.now();
        }
      }
    }
    if (marks) this.keys.reset();
    this.watcher.without(() => this.dropPreview()); // (a whole paint with nothing to paint)
    await this.report();
  }

  /** Sends the per-entity counts of this frame to the background (badge and popup). */
  async report() {
    const counts = new Map();
    let total = 0;
    for (const { handle } of this.handles) {
      for (const m of handle.mentions) {
        const c = counts.get(m.entity) || { id: m.entity, name: m.name, type: m.type, count: 0 };
        c.count++;
        total++;
        counts.set(m.entity, c);
      }
    }
    await reportCounts(total, !!this.truncated, [...counts.values()]);
  }
}
