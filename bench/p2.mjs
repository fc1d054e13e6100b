// The P2 benchmark (DOM highlighting, Chromium): FactionLens's highlight() and highlightRanges()
// against mark.js markRegExp and mark(array) on a generated news page, loaded fresh for every run.
//
// Why it exists: bench/run.mjs drives every suite; this one is the longest (mark(array) is timed on
// two parts of the page and extrapolated, in batches when mark.js overflows the stack), so it has its
// own module. The page side is bench/dom.mjs.

import { agreementTexts, parseSpellings } from './agreement.mjs';
import { stats } from './lib.mjs';

/** Terms per mark.js mark() call when the whole list overflows the stack (halved until it works). */
const MARK_BATCH = 1000;

/**
 * Runs P2 in `browser` (playwright-core) on the page at `pageUrl`.
 * @param {object} o
 * @param {object} o.browser a playwright-core Browser
 * @param {string} o.pageUrl the generated news page
 * @param {string} o.dataUrl the data folder's path on the server (ends in /)
 * @param {string} o.spellingsTsv the built-in knowledge base's alias list (`factionlens patterns --names`)
 * @param {{p2Runs: number, markArrayParagraphs: number}} o.config
 * @param {(m: object) => void} o.onConsole the pages' console messages
 * @param {(...m: string[]) => void} o.log
 * @returns {Promise<{modes: object, agreement: object}>}
 */
export async function runP2Suite({ browser, pageUrl, dataUrl, spellingsTsv, config, onConsole, log }) {
  log('P2 DOM highlighting, Chromium');
  const runP2 = async (mode, opts = {}) => {
    const page = await browser.newPage();
    page.on('console', onConsole);
    await page.goto(pageUrl, { waitUntil: 'load' });
    if (mode.startsWith('markjs')) await page.addScriptTag({ url: '/node_modules/mark.js/dist/mark.min.js' });
    const r = await page.evaluate(async (a) => (await import('/bench/dom.mjs')).run(a.mode, a.opts), { mode, opts: { tsvUrl: `${dataUrl}spellings-builtin.tsv`, ...opts } });
    await page.close();
    return r;
  };
  const modes = {};
  const texts = {};
  for (const mode of ['fl-mark', 'fl-ranges', 'markjs-regexp']) {
    const runs = [];
    for (let i = 0; i < config.p2Runs; i++) {
      const r = await runP2(mode, { texts: i === 0 });
      if (i === 0) texts[mode] = r.texts;
      delete r.texts;
      runs.push(r);
      log(`  ${mode}: ${r.paintedMs.toFixed(0)} ms to painted (call ${r.callMs.toFixed(0)} ms), ${r.marks} marks`);
    }
    const first = runs[0];
    modes[mode] = { call: stats(runs.map((r) => r.callMs)), painted: stats(runs.map((r) => r.paintedMs)), marks: first.marks, mentions: first.mentions, textBytes: first.textBytes, paragraphs: first.paragraphs };
  }
  // mark(array) walks the whole page once per term: too slow for the whole page. It runs once on the
  // first K/3 and the first K paragraphs, and the whole page is extrapolated from the line through
  // both (a fixed cost per term plus a cost per byte). With thousands of terms mark.js overflows the
  // stack; then it is timed with the terms in batches, halved until one works.
  let failure = null;
  let batch = 0;
  const partial = async (keep) => {
    for (;;) {
      try {
        return await runP2('markjs-array', { keep, batch });
      } catch (e) {
        const msg = String(e.message);
        if (!/stack/i.test(msg) || batch === 50) throw e;
        failure ??= /Maximum call stack/.test(msg) ? 'RangeError: Maximum call stack size exceeded' : 'stack overflow (V8: "Invalid regular expression: …: Stack overflow")';
        batch = batch ? batch / 2 : MARK_BATCH;
        log(`  markjs-array: ${failure}; now in batches of ${batch} terms`);
      }
    }
  };
  const small = await partial(Math.max(2, Math.round(config.markArrayParagraphs / 3)));
  const large = await partial(config.markArrayParagraphs);
  const full = modes['fl-mark'];
  const extrapolate = (k) => {
    const slope = (large[k] - small[k]) / (large.textBytes - small.textBytes);
    const line = large[k] + slope * (full.textBytes - large.textBytes);
    return Math.max(large[k], line); // never below what the smaller part already took
  };
  const scale = full.textBytes / large.textBytes;
  log(`  markjs-array: ${(small.paintedMs / 1000).toFixed(1)} s on ${small.paragraphs} paragraphs, ${(large.paintedMs / 1000).toFixed(1)} s on ${large.paragraphs}; whole page ~${(extrapolate('paintedMs') / 1000).toFixed(0)} s`);
  modes['markjs-array'] = {
    call: stats([extrapolate('callMs')]), painted: stats([extrapolate('paintedMs')]), estimated: true, failure, batch,
    measured: [small, large].map((m) => ({ paragraphs: m.paragraphs, textBytes: m.textBytes, callMs: m.callMs, paintedMs: m.paintedMs, marks: m.marks })),
    marks: Math.round(large.marks * scale), mentions: Math.round(large.mentions * scale), textBytes: full.textBytes, paragraphs: full.paragraphs,
  };
  texts['markjs-array'] = null;
  const { plain } = parseSpellings(spellingsTsv);
  const agreement = {
    'fl-ranges': agreementTexts(plain, texts['fl-mark'], texts['fl-ranges']),
    'markjs-regexp': agreementTexts(plain, texts['fl-mark'], texts['markjs-regexp']),
  };
  return { modes, agreement };
}
