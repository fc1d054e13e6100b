// The Chromium side of the DOM highlighting benchmark (P2): highlights the generated news page in one
// of four ways and reports how long it took and what it marked.
//
// Why it exists: highlighting cost is not only the scan — walking the text nodes, splitting them,
// inserting elements (or registering ranges) and the layout and paint that follow all count, so it is
// measured in a real page: from the call to the end of the first frame painted after it. bench/run.mjs
// loads the page fresh for every run, then imports this module in it.
//
// `highlighter`: the URL of the DOM highlighter module (default the built package's; bench/ab-dom.mjs
// compares two versions of it).
//
// Modes: `fl-mark` (highlight(): <mark> elements), `fl-ranges` (highlightRanges(): CSS Custom
// Highlight API), `markjs-regexp` (mark.js markRegExp with one alternation), `markjs-array` (mark.js
// mark(array of terms), its documented use for a term list).

import init, { Lens } from '/pkg/dist/web/index.js';
import * as lib from '/bench/lib.mjs';

/** Resolves after the next frame has been produced (the task after its requestAnimationFrame). */
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Punctuation that may stand next to a term for mark.js `accuracy: 'exactly'`. */
const LIMITERS = [',', '.', ';', ':', '!', '?', '"', '\'', '(', ')', '’', '‘', '“', '”', '-', '—', '/'];

/**
 * Highlights the page's article in `mode`. `keep`: keep only the first `keep` paragraphs (the slow
 * mark(array) runs on a part of the page); `batch`: give mark(array) the terms in batches of this many.
 * Returns timings (ms), counts and the marked strings.
 */
export async function run(mode, { tsvUrl, keep = 0, texts = false, batch = 0, highlighter = '/pkg/dist/highlight.js' }) {
  const tsv = await (await fetch(tsvUrl)).text();
  const { spellings } = lib.parseSpellings(tsv);
  const root = document.querySelector('article');
  if (keep) {
    // Everything after the keep-th paragraph goes, whitespace text nodes and headings included: mark.js
    // visits every text node once per term.
    const last = root.querySelectorAll('p')[keep - 1];
    while (last && last.nextSibling) last.nextSibling.remove();
  }
  const textBytes = new TextEncoder().encode(root.textContent).length;
  const paragraphs = root.querySelectorAll('p').length;

  // Everything that is not highlighting happens before the clock starts: the lens, the RegExp.
  let act;
  let count;
  let marked;
  if (mode === 'fl-mark' || mode === 'fl-ranges') {
    await init();
    const { highlight, highlightRanges } = await import(highlighter);
    const lens = new Lens();
    lens.scanCompact('warm up: Kataib Hezbollah');
    const fn = mode === 'fl-mark' ? highlight : highlightRanges;
    act = () => fn(root, lens);
    count = (h) => ({ marks: mode === 'fl-mark' ? h.marks.length : h.mentions.length, mentions: h.mentions.length });
    marked = (h) => h.mentions.map((m) => m.text);
  } else {
    const instance = new window.Mark(root);
    const markedStrings = () => [...root.querySelectorAll('mark[data-markjs]')].map((m) => m.textContent);
    let total = 0;
    const done = (n) => { total = n; };
    if (mode === 'markjs-regexp') {
      const re = new RegExp(lib.REGEXPS.gi.source(lib.alternation(spellings)), lib.REGEXPS.gi.flags);
      re.exec('warm up: Kataib Hezbollah');
      re.exec('warm up: Kata’ib Hezbollah');
      act = () => instance.markRegExp(re, { done });
    } else {
      const options = { separateWordSearch: false, accuracy: { value: 'exactly', limiters: LIMITERS }, diacritics: false, done };
      if (!batch) {
        act = () => instance.mark(spellings, options);
      } else {
        // mark.js moves to the next term from the previous one's callback: thousands of terms overflow
        // the stack. The workaround: the same terms, longest first as mark.js orders them, in batches.
        const sorted = [...spellings].sort((a, b) => b.length - a.length);
        act = () => {
          let sum = 0;
          for (let i = 0; i < sorted.length; i += batch) {
            instance.mark(sorted.slice(i, i + batch), { ...options, done: (n) => { sum += n; } });
          }
          total = sum;
        };
      }
    }
    count = () => ({ marks: root.querySelectorAll('mark[data-markjs]').length, mentions: total });
    marked = markedStrings;
  }
  await frame();
  await frame();
  const t0 = performance.now();
  const h = act();
  const t1 = performance.now();
  await frame();
  const t2 = performance.now();
  return { mode, callMs: t1 - t0, paintedMs: t2 - t0, textBytes, paragraphs, ...count(h), texts: texts ? marked(h) : undefined };
}
