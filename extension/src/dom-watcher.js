// Watches the page for new and changed text, so what a page adds later (infinite scroll, live
// updates, single-page navigation) is painted too.
//
// Why it exists: pages change under the painter. New content is scanned on its own; a change to text
// we painted (or its removal) repaints the page, since the paint's offsets no longer hold. Scans are
// debounced, and the painter's own changes (marks, the card) are kept out of the records.

import { collectText } from '../../pkg/js/collect.js';

/** What the observer listens to, on the document and on every tracked shadow root. */
const OBSERVE = { childList: true, subtree: true, characterData: true };

/** The MutationObserver of one painter. */
export class DomWatcher {
  /**
   * @param {object} painter the Painter: its `active`, `painted`, `shadowRoots`, `hostTag`,
   *   `skipSelector()`, `isOurs(node)`, `track(root)`, `paint(collected)` and `repaint()`
   */
  constructor(painter) {
    this.painter = painter;
    this.observer = null;
    this.pending = { added: new Set(), dirty: false };
    this.timer = 0;
    this.firstWait = 0;
  }

  /** Starts observing the document and the tracked shadow roots. */
  start() {
    this.observer = new MutationObserver((records) => this.handleRecords(records));
    this.observer.observe(document.documentElement, OBSERVE);
    for (const sr of this.painter.shadowRoots) this.observer.observe(sr, OBSERVE);
  }

  /** Also observes `root` (a newly tracked shadow root), if observing. */
  observeRoot(root) {
    this.observer?.observe(root, OBSERVE);
  }

  /** Stops observing and drops what was queued. */
  stop() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.observer?.disconnect();
    this.observer = null;
  }

  /** Runs `fn` (a change of ours) without its mutation records reaching the queue. */
  without(fn) {
    const obs = this.observer;
    if (obs) this.handleRecords(obs.takeRecords());
    try {
      fn();
    } finally {
      if (obs) obs.takeRecords(); // drop the records of our own changes (marks mode)
    }
  }

  /** Queues mutation records: new content is scanned on its own, changed content triggers a repaint. */
  handleRecords(records) {
    const p = this.painter;
    if (!records.length || !p.active) return;
    let relevant = false;
    for (const r of records) {
      if (p.isOurs(r.target)) continue;
      if (r.type === 'characterData') {
        if (p.painted.has(r.target)) this.pending.dirty = true;
        else this.pending.added.add(r.target);
        relevant = true;
        continue;
      }
      for (const n of r.removedNodes) {
        if (this.containsPainted(n)) { this.pending.dirty = true; relevant = true; }
      }
      for (const n of r.addedNodes) {
        if (n.nodeType === 1 && n.localName === p.hostTag) continue;
        if (n.nodeType === 1 || n.nodeType === 3) { this.pending.added.add(n); relevant = true; }
      }
    }
    if (relevant) this.schedule();
  }

  containsPainted(node) {
    const painted = this.painter.painted;
    if (node.nodeType === 3) return painted.has(node);
    if (node.nodeType !== 1 && node.nodeType !== 11) return false;
    if (!painted.size) return false;
    const w = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = w.nextNode(); t; t = w.nextNode()) if (painted.has(t)) return true;
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
    const p = this.painter;
    this.timer = 0;
    this.firstWait = 0;
    const { added, dirty } = this.pending;
    this.pending = { added: new Set(), dirty: false };
    if (!p.active) return;
    if (dirty) {
      await p.repaint();
      return;
    }
    // Scan only the outermost new nodes that are still in the document and not already painted.
    const nodes = [...added].filter((n) => n.isConnected && !p.painted.has(n));
    const outer = nodes.filter((n) => !nodes.some((o) => o !== n && o.contains(n)));
    const skip = p.skipSelector();
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
            if (sr && p.track(sr)) collected.push(collectText(sr, { skipSelector: skip }));
          }
        }
      }
    }
    if (collected.length) await p.paint(collected);
  }
}
