// Text collection for the DOM highlighter: the text of a subtree as one string, with its text nodes.
//
// Why it exists: a page's text is spread over many text nodes ("Kata'ib <b>Hezbollah</b>"), and a
// crossing into WebAssembly per node would cost more than the scan itself. So the subtree is walked
// once and its text nodes joined into one string (with a line break between blocks), remembering
// where each node starts; paint.js maps the scan's offsets back through them.

/** Elements whose text is never scanned or marked. */
export const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'TEMPLATE', 'IFRAME', 'OBJECT',
  'SVG', 'MATH', 'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE', 'BUTTON',
]);

/** Elements that end a line of text: their text is not joined to the text around them. */
export const BLOCK_TAGS = new Set([
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
 * @param {{classPrefix?: string, skipSelector?: string, sliceMs?: number, maxChars?: number,
 *   onSlice?: (progress: {nodes: Text[], starts: number[]}) => void}} [options]
 *   `maxChars`: stop collecting after this many characters (the result then has `truncated: true`);
 *   `onSlice`: called after every slice with the text nodes collected so far and their offsets (the
 *   arrays keep growing: read them, do not keep them), e.g. to scan what is visible before the rest;
 *   if it returns a promise, the walk waits for it before the next slice
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
    // A promise from onSlice holds the walk until it settles (its work gets the main thread).
    const hold = options.onSlice ? options.onSlice(c.progress) : null;
    if (hold) await hold;
    await new Promise((r) => setTimeout(r, 0));
  }
}

function collector(root, options) {
  const maxChars = options.maxChars ?? Infinity;
  let truncated = false;
  const prefix = options.classPrefix ?? DEFAULT_PREFIX;
  const markClass = prefix + 'mark';
  // Elements skipped besides SKIP_TAGS — the caller's selector, editable regions, our own UI and marks —
  // found once by the engine's own selector matching: much cheaper than reading attributes and class
  // lists of every element of a big page from JavaScript.
  const escape = globalThis.CSS && CSS.escape ? CSS.escape : (x) => x.replace(/[^\w-]/g, '\\$&');
  const selector = `[contenteditable]:not([contenteditable="false"]), [data-fl-ui], .${escape(markClass)}` +
    (options.skipSelector ? `, ${options.skipSelector}` : '');
  const found = root.querySelectorAll ? root.querySelectorAll(selector) : [];
  const skipped = found.length ? new Set(found) : null;
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
    progress: { nodes, starts },
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
          const tag = node.nodeName.toUpperCase();
          if (SKIP_TAGS.has(tag) || (skipped !== null && skipped.has(node))) {
            node = after(node);
            continue;
          }
          if (BLOCK_TAGS.has(tag)) pendingBreak = tag === 'BR' ? pendingBreak || '\n' : '\n\n'; // entering a block, or a <br>
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
