// The content script: finds the page's text, asks the background to scan it, paints the mentions and
// shows cards. Runs in every frame of the sites the user allowed.
//
// Why it exists, and how it keeps pages working:
// * Painting defaults to the CSS Custom Highlight API: `Range`s over the page's own text nodes, so no
//   node is split or wrapped, frameworks keep their DOM, Arabic letters keep joining, layout does not
//   move, and our painting never feeds our own MutationObserver. The `<mark>` mode (for screen
//   readers) uses the npm package's DOM highlighter, whose remove() restores the exact nodes.
// * The WebAssembly core runs in the background, never here, so a page's CSP cannot stop it.
// * Styles go in as a user stylesheet (scripting.insertCSS) and, inside open shadow roots, as adopted
//   stylesheets: no <style> node is added to the page.
// * Forms, editable regions, form fields, scripts (and optionally code) are never touched. The only
//   node we add is the card, while it is shown, and turning FactionLens off removes everything.

import { caretAt, collectText, collectTextSliced, paintMarks, paintRanges, rangeHas } from '../../pkg/js/highlight.js';
import { renderCard } from '../../ui/card.js';
import cardCss from '../../ui/styles.css';
import { enabledFor, loadSettings, normalize } from './settings.js';

const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
const HOST_TAG = 'factionlens-card';
/** The most text one frame scans (characters); past it the popup says the page was cut. */
const MAX_PAGE_CHARS = 32 * 1024 * 1024;
/** Mentions painted per slice: the page gets the main thread back between slices. */
const PAINT_SLICE = 4000;
const SLICE_MS = 8;
const idle = () => new Promise((r) => setTimeout(r, 0));
const BASE_SKIP = 'form, [contenteditable]:not([contenteditable="false"]), [role="textbox"], ' + HOST_TAG;

/** One message to the background; its `{error}` answers become exceptions. Promise-based: Firefox's
 * `browser.*` takes no callbacks, and Chrome's MV3 `chrome.*` returns promises too. */
async function send(msg) {
  const res = await api.runtime.sendMessage(msg);
  if (res && res.error) throw new Error(res.error);
  return res;
}

/** Gives `root` a stylesheet: adopted where the engine allows it (no node added), else a <style>
 * element (content scripts in Firefox cannot always assign page-side adoptedStyleSheets). */
function styleRoot(root, css, sheetHolder) {
  try {
    if (!sheetHolder.sheet) {
      sheetHolder.sheet = new CSSStyleSheet();
      sheetHolder.sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheetHolder.sheet];
    return null;
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    root.appendChild(style);
    return style;
  }
}

class Painter {
  constructor() {
    this.settings = null;
    this.index = null;
    this.indexVersion = 0;
    this.handles = []; // {handle, nodes: Text[]}
    this.painted = new Set(); // text nodes we painted
    this.shadowRoots = new Set();
    this.styleNodes = new Map(); // shadow root → <style> where adopting a sheet was refused
    this.css = null;
    this.sheet = null;
    this.observer = null;
    this.pending = { added: new Set(), dirty: false };
    this.timer = 0;
    this.firstWait = 0;
    this.active = false;
    this.cursor = new Map(); // entity → index of the last mention visited from the popup
    this.card = null; // {host, box, anchor}
    this.cards = new Map();
    this.hideTimer = 0;
    this.onPointer = this.onPointer.bind(this);
    this.onFocus = this.onFocus.bind(this);
    this.onKey = this.onKey.bind(this);
  }

  skipSelector() {
    return this.settings.skipCode ? `${BASE_SKIP}, code, pre, kbd, samp` : BASE_SKIP;
  }

  /** Starts painting (idempotent). */
  async start() {
    if (this.active) return;
    this.active = true;
    const t0 = performance.now();
    const res = await send({ type: 'css' });
    if (!this.active) return;
    this.css = res.css;
    this.sheet = null;
    await this.paintAll();
    if (!this.active) return;
    this.observe();
    document.addEventListener('pointermove', this.onPointer, { passive: true, capture: true });
    document.addEventListener('focusin', this.onFocus, true);
    document.addEventListener('keydown', this.onKey, true);
    try { performance.measure('factionlens:first-paint', { start: t0, end: performance.now() }); } catch { /* old engines */ }
  }

  /** Removes every trace from the page. */
  async stop() {
    if (!this.active) return;
    this.active = false;
    clearTimeout(this.timer);
    this.timer = 0;
    this.observer?.disconnect();
    this.observer = null;
    this.clearPaint();
    this.hideCard();
    document.removeEventListener('pointermove', this.onPointer, { capture: true });
    document.removeEventListener('focusin', this.onFocus, true);
    document.removeEventListener('keydown', this.onKey, true);
    for (const root of this.shadowRoots) this.unadopt(root);
    this.shadowRoots.clear();
    if (this.css) await send({ type: 'css', remove: true, css: this.css }).catch(() => {});
    this.css = null;
    await this.report();
  }

  clearPaint() {
    this.withoutObserver(() => {
      for (let i = this.handles.length - 1; i >= 0; i--) this.handles[i].handle.remove();
    });
    this.handles = [];
    this.painted.clear();
    this.cursor.clear();
  }

  async repaint() {
    if (!this.active) return;
    this.clearPaint();
    await this.paintAll();
  }

  /** The document and every open shadow root under it (found once per full paint, in time slices). */
  async roots() {
    const roots = [document.body || document.documentElement];
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
    this.adopt(sr);
    this.observer?.observe(sr, OBSERVE);
    return true;
  }

  adopt(root) {
    this.withoutObserver(() => {
      const style = styleRoot(root, this.css || '', this);
      if (style) this.styleNodes.set(root, style);
    });
  }

  unadopt(root) {
    const style = this.styleNodes.get(root);
    if (style) {
      this.withoutObserver(() => style.remove());
      this.styleNodes.delete(root);
      return;
    }
    try {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.sheet);
    } catch { /* nothing adopted */ }
  }

  async paintAll() {
    const collected = [];
    let budget = MAX_PAGE_CHARS;
    this.truncated = false;
    for (const r of await this.roots()) {
      if (!this.active) return;
      const c = await collectTextSliced(r, { skipSelector: this.skipSelector(), maxChars: budget, sliceMs: SLICE_MS });
      budget -= c.text.length;
      if (c.truncated) this.truncated = true;
      collected.push(c);
      if (budget <= 0) { this.truncated = true; break; }
    }
    await this.paint(collected, true);
  }

  /** Scans the collected texts in one message and paints the results; `full`: a whole-page paint,
   * whose counts replace this frame's even when there is nothing to paint. */
  async paint(collected, full = false) {
    collected = collected.filter((c) => c.text.length > 0);
    if (!collected.length) {
      if (full) await this.report();
      return;
    }
    const res = await send({
      type: 'scan',
      texts: collected.map((c) => c.text),
      types: this.settings.types,
      haveVersion: this.indexVersion,
    });
    if (!this.active) return;
    if (res.index) {
      this.index = res.index;
      this.indexVersion = res.version;
    }
    const marks = this.settings.mode === 'marks';
    const each = (mark, m) => {
      mark.tabIndex = 0;
      mark.setAttribute('aria-label', `${m.text}: ${m.name} (${m.type.replace('_', ' ')})`);
    };
    // Paint in slices of PAINT_SLICE mentions, giving the page its main thread back in between.
    let t0 = performance.now();
    for (let i = 0; i < collected.length; i++) {
      const c = collected[i];
      const quads = res.results[i];
      for (const n of c.nodes) this.painted.add(n);
      // Marks split text nodes from the end backwards, so their slices go last first (earlier offsets
      // stay valid); removal then runs in the reverse order of painting (see clearPaint).
      const starts = [];
      for (let q = 0; q < quads.length; q += PAINT_SLICE * 4) starts.push(q);
      if (marks) starts.reverse();
      for (const q of starts) {
        if (!this.active) return;
        const part = quads.slice(q, q + PAINT_SLICE * 4);
        this.withoutObserver(() => {
          const handle = marks ? paintMarks(c, part, this.index, { each }) : paintRanges(c, part, this.index, { document });
          this.handles.push({ handle, nodes: c.nodes });
        });
        if (performance.now() - t0 > SLICE_MS) {
          await idle();
          t0 = performance.now();
        }
      }
    }
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
    await send({ type: 'counts', total, truncated: !!this.truncated, entities: [...counts.values()] }).catch(() => {});
  }

  withoutObserver(fn) {
    const obs = this.observer;
    if (obs) {
      this.handleRecords(obs.takeRecords());
    }
    try {
      fn();
    } finally {
      if (obs) obs.takeRecords(); // drop the records of our own changes (marks mode)
    }
  }

  observe() {
    this.observer = new MutationObserver((records) => this.handleRecords(records));
    this.observer.observe(document.documentElement, OBSERVE);
    for (const sr of this.shadowRoots) this.observer.observe(sr, OBSERVE);
  }

  /** Queues mutation records: new content is scanned on its own, changed content triggers a repaint. */
  handleRecords(records) {
    if (!records.length || !this.active) return;
    let relevant = false;
    for (const r of records) {
      if (this.isOurs(r.target)) continue;
      if (r.type === 'characterData') {
        if (this.painted.has(r.target)) this.pending.dirty = true;
        else this.pending.added.add(r.target);
        relevant = true;
        continue;
      }
      for (const n of r.removedNodes) {
        if (this.containsPainted(n)) { this.pending.dirty = true; relevant = true; }
      }
      for (const n of r.addedNodes) {
        if (n.nodeType === 1 && n.localName === HOST_TAG) continue;
        if (n.nodeType === 1 || n.nodeType === 3) { this.pending.added.add(n); relevant = true; }
      }
    }
    if (relevant) this.schedule();
  }

  isOurs(node) {
    const host = this.card?.host;
    return !!host && (node === host || host.contains(node));
  }

  containsPainted(node) {
    if (node.nodeType === 3) return this.painted.has(node);
    if (node.nodeType !== 1 && node.nodeType !== 11) return false;
    if (!this.painted.size) return false;
    const w = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = w.nextNode(); t; t = w.nextNode()) if (this.painted.has(t)) return true;
    return false;
  }

  /** Debounced: at most one scan per 150 ms of quiet, and at least one per second under constant change. */
  schedule() {
    const now = performance.now();
    if (!this.firstWait) this.firstWait = now;
    clearTimeout(this.timer);
    const wait = now - this.firstWait > 1000 ? 0 : 150;
    this.timer = setTimeout(() => this.flush(), wait);
  }

  async flush() {
    this.timer = 0;
    this.firstWait = 0;
    const { added, dirty } = this.pending;
    this.pending = { added: new Set(), dirty: false };
    if (!this.active) return;
    if (dirty) {
      await this.repaint();
      return;
    }
    // Scan only the outermost new nodes that are still in the document and not already painted.
    const nodes = [...added].filter((n) => n.isConnected && !this.painted.has(n));
    const outer = nodes.filter((n) => !nodes.some((o) => o !== n && o.contains(n)));
    const skip = this.skipSelector();
    const collected = [];
    for (const n of outer) {
      if (n.nodeType === 3) {
        const parent = n.parentElement;
        if (!parent || parent.closest(`${skip}, script, style, textarea, noscript, mark.fl-mark`)) continue;
        collected.push({ text: n.data, nodes: [n], starts: [0] });
      } else {
        if (n.closest(skip)) continue;
        collected.push(collectText(n, { skipSelector: skip }));
        // Shadow roots that arrived with the new content.
        if (n.querySelectorAll) {
          for (const el of [n, ...n.querySelectorAll('*')]) {
            const sr = el.shadowRoot;
            if (sr && this.track(sr)) collected.push(collectText(sr, { skipSelector: skip }));
          }
        }
      }
    }
    if (collected.length) await this.paint(collected);
  }

  // ---- cards ----

  /** The mention under a viewport point. */
  mentionAt(x, y) {
    const caret = caretAt(document, x, y, [...this.shadowRoots]);
    if (!caret || !this.painted.has(caret.node)) return null;
    const { node, offset } = caret;
    for (const { handle } of this.handles) {
      if (!handle.mentionAtNode) continue;
      const m = handle.mentionAtNode(node, offset) || (offset > 0 && handle.mentionAtNode(node, offset - 1));
      if (m && rangeHas(m.range, x, y, 1)) return m;
    }
    return null;
  }

  onPointer(e) {
    if (this.rafPending) { this.lastPoint = e; return; }
    this.lastPoint = e;
    this.rafPending = true;
    requestAnimationFrame(() => {
      this.rafPending = false;
      const p = this.lastPoint;
      if (!p || !this.active) return;
      if (this.card && p.composedPath && p.composedPath().includes(this.card.host)) {
        clearTimeout(this.hideTimer);
        return;
      }
      let target = null;
      if (this.settings.mode === 'marks') {
        const mark = p.target && p.target.closest ? p.target.closest('mark.fl-mark') : null;
        if (mark) target = { entity: mark.dataset.entity, rect: mark.getBoundingClientRect(), anchor: mark };
      } else {
        const m = this.mentionAt(p.clientX, p.clientY);
        if (m) target = { entity: m.entity, rect: m.range.getBoundingClientRect(), anchor: m.range, mention: m };
      }
      if (target) {
        clearTimeout(this.hideTimer);
        if (!this.card || this.card.anchor !== target.anchor) this.showCard(target.entity, target.rect, target.anchor);
      } else if (this.card && !this.hideTimer) {
        this.hideTimer = setTimeout(() => { this.hideTimer = 0; this.hideCard(); }, 300);
      }
    });
  }

  onFocus(e) {
    const mark = e.target && e.target.closest ? e.target.closest('mark.fl-mark') : null;
    if (mark) this.showCard(mark.dataset.entity, mark.getBoundingClientRect(), mark);
  }

  onKey(e) {
    if (e.key === 'Escape' && this.card) this.hideCard();
  }

  async cardData(id) {
    if (!this.cards.has(id)) this.cards.set(id, send({ type: 'card', id }).then((r) => r.card));
    return this.cards.get(id);
  }

  async showCard(id, rect, anchor) {
    const card = await this.cardData(id);
    if (!this.active) return;
    if (!this.card) {
      const host = document.createElement(HOST_TAG);
      host.setAttribute('data-fl-ui', '');
      host.style.cssText = 'all: initial; position: fixed; z-index: 2147483647; top: 0; left: 0;';
      const root = host.attachShadow({ mode: 'open' });
      styleRoot(root, `${cardCss}\n:host { color-scheme: light dark; }\n.fl-card { box-sizing: border-box; width: min(380px, 92vw); max-height: 60vh; overflow: auto; }`, {});
      const box = document.createElement('div');
      box.setAttribute('role', 'dialog');
      box.setAttribute('aria-modal', 'false');
      box.setAttribute('aria-labelledby', 'fl-card-heading');
      root.appendChild(box);
      box.addEventListener('pointerleave', () => {
        this.hideTimer = setTimeout(() => { this.hideTimer = 0; this.hideCard(); }, 300);
      });
      box.addEventListener('pointerenter', () => clearTimeout(this.hideTimer));
      this.withoutObserver(() => document.documentElement.appendChild(host));
      this.card = { host, box, anchor };
    }
    this.card.anchor = anchor;
    const counts = this.countsFor(id);
    renderCard(this.card.box, card, {
      seen: counts.seen,
      count: counts.count,
      headingId: 'fl-card-heading',
      onEntity: (other) => this.showCard(other, rect, anchor),
    });
    this.card.box.dataset.entity = id;
    // Below the mention when there is room, above otherwise.
    const w = Math.min(380, window.innerWidth * 0.92);
    const left = Math.max(4, Math.min(rect.left, window.innerWidth - w - 4));
    const below = window.innerHeight - rect.bottom > 260;
    const host = this.card.host;
    host.style.left = `${left}px`;
    if (below) { host.style.top = `${rect.bottom + 6}px`; host.style.bottom = ''; }
    else { host.style.top = ''; host.style.bottom = `${window.innerHeight - rect.top + 6}px`; }
  }

  hideCard() {
    clearTimeout(this.hideTimer);
    this.hideTimer = 0;
    if (!this.card) return;
    const { host } = this.card;
    this.card = null;
    this.withoutObserver(() => host.remove());
  }

  countsFor(id) {
    let count = 0;
    const seen = new Set();
    for (const { handle } of this.handles) for (const m of handle.mentions) if (m.entity === id) { count++; seen.add(m.text); }
    return { count, seen: [...seen] };
  }

  /** Scrolls to the next mention of `entity` (from the popup) and opens its card. */
  next(entity) {
    return this.step(entity, 1);
  }

  /**
   * Moves `dir` (1 or -1) mentions from the last one visited, among the mentions of `entity` (or of
   * every entity when `entity` is null: the keyboard commands), scrolls to it and opens its card.
   */
  step(entity, dir) {
    const key = entity ?? '*';
    const list = [];
    for (const { handle } of this.handles) for (const m of handle.mentions) if (entity === null || m.entity === entity) list.push(m);
    if (!list.length) return { found: false, count: 0 };
    list.sort((a, b) => compareMentions(a, b));
    const last = this.cursor.get(key);
    const i = last === undefined ? (dir > 0 ? 0 : list.length - 1) : (last + dir + list.length) % list.length;
    this.cursor.set(key, i);
    const m = list[i];
    const el = m.marks ? m.marks[0] : m.range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', inline: 'nearest' });
    if (m.marks) m.marks[0].focus({ preventScroll: true });
    else this.flash(m.range);
    const rect = m.marks ? m.marks[0].getBoundingClientRect() : m.range.getBoundingClientRect();
    this.showCard(m.entity, rect, m.marks ? m.marks[0] : m.range);
    return { found: true, index: i, count: list.length, entity: m.entity };
  }

  flash(range) {
    try {
      CSS.highlights.set('fl-current', new Highlight(range));
      clearTimeout(this.flashTimer);
      this.flashTimer = setTimeout(() => CSS.highlights.delete('fl-current'), 1500);
    } catch { /* no Custom Highlight API */ }
  }
}

function compareMentions(a, b) {
  const ra = a.range || (() => { const r = document.createRange(); r.selectNode(a.marks[0]); return r; })();
  const rb = b.range || (() => { const r = document.createRange(); r.selectNode(b.marks[0]); return r; })();
  try { return ra.compareBoundaryPoints(Range.START_TO_START, rb); } catch { return 0; }
}

const OBSERVE = { childList: true, subtree: true, characterData: true };

async function main() {
  const painter = new Painter();
  const host = location.hostname;
  painter.settings = await loadSettings(api.storage.local);
  const apply = async (settings) => {
    const before = painter.settings;
    painter.settings = settings;
    const on = enabledFor(settings, host);
    if (!on) return painter.stop();
    if (!painter.active) return painter.start();
    const changed = ['mode', 'palette', 'skipCode'].some((k) => before[k] !== settings[k]) ||
      before.types.join() !== settings.types.join();
    if (changed) {
      if (before.palette !== settings.palette) {
        await painter.stop();
        return painter.start();
      }
      await painter.repaint();
    }
  };
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (changes.settings) apply(normalize(changes.settings.newValue));
    else if (changes.dictionaries && painter.active) {
      painter.cards.clear();
      painter.repaint();
    }
  });
  api.runtime.onMessage.addListener((msg, _sender, reply) => {
    if (!msg || typeof msg.type !== 'string') return false;
    if (msg.type === 'next') { reply(painter.next(msg.entity)); return false; }
    if (msg.type === 'step') { reply(painter.step(null, msg.dir < 0 ? -1 : 1)); return false; }
    if (msg.type === 'state') { reply({ active: painter.active, host, mentions: painter.handles.reduce((n, h) => n + h.handle.mentions.length, 0) }); return false; }
    return false;
  });
  if (enabledFor(painter.settings, host)) await painter.start();
  else await painter.report();
}

// Injected twice (registered script and a popup click)? Run once per frame.
if (!globalThis.__factionlensContent) {
  globalThis.__factionlensContent = true;
  const run = () => main().catch((e) => console.warn('FactionLens:', e && e.message ? e.message : e));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}
