// The parts of the benchmark that run the same way in Node and in a Chromium page: timing, the
// contestants of the scan benchmarks (FactionLens and the JavaScript peers), the agreement check, and
// the scan (P1) and dictionary (P3) suites.
//
// Why it exists: the issue asks for the same measurements in Node and in a real browser. Keeping them in
// one dependency-free module (the Aho-Corasick peer's constructor is passed in) means both environments
// run literally the same code: bench/run.mjs imports it in Node, bench/page.html in Chromium. The
// agreement check lives in bench/agreement.mjs and is re-exported here.

import { parseSpellings, agreement } from './agreement.mjs';

/** Milliseconds, high resolution. */
export const now = () => performance.now();

/** Median, min and max of a list of samples (ms). */
export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], runs: s.length, samples };
}

/**
 * Times `fn` (sync or async): up to `runs` runs, fewer when a run is slow (the runs of one case stay
 * within `budgetMs`), never fewer than one. Returns `stats` plus the value of the last run.
 */
export async function measure(fn, { runs = 5, budgetMs = 20000, fastRuns = 9, fastMs = 50 } = {}) {
  const samples = [];
  let value;
  let t = now();
  value = await fn();
  samples.push(now() - t);
  const first = samples[0];
  const want = first < fastMs ? fastRuns : Math.max(1, Math.min(runs, Math.floor(budgetMs / Math.max(first, 1e-3))));
  while (samples.length < want) {
    t = now();
    value = await fn();
    samples.push(now() - t);
  }
  return { ...stats(samples), value };
}

/**
 * The exponent b of time ∝ size^b, fitted (least squares on log-log) over the measured points of at
 * least `minBytes` (fixed costs dominate tiny inputs). 1 is linear growth.
 */
export function growth(points, minBytes = 50e3) {
  let pts = points.filter((p) => p.ms > 0 && !p.estimated && p.bytes >= minBytes);
  if (pts.length < 2) pts = points.filter((p) => p.ms > 0 && !p.estimated);
  if (pts.length < 2) return null;
  const xs = pts.map((p) => Math.log(p.bytes));
  const ys = pts.map((p) => Math.log(p.ms));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den ? num / den : null;
}

// ---- the alias list and the agreement check (bench/agreement.mjs) ----

export { parseSpellings, inOverlap, agreement, agreementTexts } from './agreement.mjs';
// ---- the contestants ----

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The spellings as one alternation, longest first (so the leftmost match is also the longest), escaped. */
export function alternation(spellings) {
  return [...spellings].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRegExp).join('|');
}

/** The RegExp peers: what a JavaScript developer writes instead. */
export const REGEXPS = {
  // What most highlight extensions do, and what the issue names.
  giu: { label: 'RegExp `/\\b(?:…)\\b/giu`', source: (alt) => `\\b(?:${alt})\\b`, flags: 'giu', lower: false },
  // The same without the u flag (V8 in Node 20 runs /iu over thousands of alternatives about 2000×
  // slower than /i; Chromium's V8 does not). Same matches here: the spellings are ASCII or caseless Arabic.
  gi: { label: 'RegExp `/\\b(?:…)\\b/gi`', source: (alt) => `\\b(?:${alt})\\b`, flags: 'gi', lower: false },
  // Unicode word boundaries (\b is ASCII-only, so the Arabic names never match above), on lower-cased text.
  lower: {
    label: 'RegExp, Unicode boundaries, `/gu` on lower-cased text',
    source: (alt) => `(?<![\\p{L}\\p{N}])(?:${alt})(?![\\p{L}\\p{N}])`,
    flags: 'gu',
    lower: true,
  },
};

function regexpScan(re, text, out, base) {
  re.lastIndex = 0;
  let m;
  while ((m = re.exec(text))) out.push(base + m.index, base + m.index + m[0].length);
}

/** Runs `scanOne(text, out, base)` per paragraph (per line) of `text`, as a page script would. */
function perParagraph(scanOne) {
  return (text) => {
    const out = [];
    let base = 0;
    for (const line of text.split('\n')) {
      if (line) scanOne(line, out, base);
      base += line.length + 1;
    }
    return out;
  };
}

/**
 * The contestants of the scan benchmark. Each: `{id, label, build(), scan(text) -> spans}` where spans
 * is `[start, end, …]` (UTF-16) — `build` makes the matcher (timed as "ready"), `scan` is timed. A
 * per-paragraph contestant has `same`: the id of the whole-text one whose matcher it shares.
 */
export function contestants({ Lens, AhoCorasick, spellings, lens = null, only = null }) {
  const alt = alternation(spellings);
  const list = [];
  const fl = { lens };
  list.push({
    id: 'fl',
    label: 'FactionLens wasm scanCompact',
    build() {
      fl.lens = fl.lens || new Lens();
    },
    scan(text) {
      const q = fl.lens.scanCompact(text);
      const out = new Array((q.length / 4) * 2);
      for (let i = 0, j = 0; i < q.length; i += 4, j += 2) {
        out[j] = q[i];
        out[j + 1] = q[i + 1];
      }
      return out;
    },
  });
  for (const [key, r] of Object.entries(REGEXPS)) {
    const st = {};
    const build = () => {
      st.re = new RegExp(r.source(alt), r.flags);
      // V8 compiles lazily, once per string representation: compile both here, not in the first scan.
      st.re.exec('warm up: Kataib Hezbollah');
      st.re.exec('warm up: Kata’ib Hezbollah');
    };
    const one = (t, out, base) => regexpScan(st.re, r.lower ? t.toLowerCase() : t, out, base);
    list.push({ id: `re-${key}`, label: r.label, build, scan: (t) => { const out = []; one(t, out, 0); return out; } });
    if (key !== 'lower') list.push({ id: `re-${key}-para`, label: `${r.label} per paragraph`, build, same: `re-${key}`, scan: perParagraph(one) });
  }
  if (AhoCorasick) {
    const st = {};
    const build = () => {
      st.ac = new AhoCorasick(spellings);
    };
    // Documented options for highlighting: non-overlapping, longest at each start, whole words.
    const one = (t, out, base) => {
      for (const m of st.ac.search(t.toLowerCase(), { strategy: 'leftmost-longest', wholeWord: true })) out.push(base + m.start, base + m.end);
    };
    list.push({ id: 'ac', label: 'modern-ahocorasick', build, scan: (t) => { const out = []; one(t, out, 0); return out; } });
    list.push({ id: 'ac-para', label: 'modern-ahocorasick per paragraph', build, same: 'ac', scan: perParagraph(one) });
  }
  return only ? list.filter((c) => only.includes(c.id)) : list;
}

// ---- P1: scan throughput ----

/**
 * Runs `fn` untimed until `ms` have passed (at least twice, at most 200 times): the engines compile
 * WebAssembly and hot JavaScript in tiers, and the first runs would measure the baseline tier.
 */
export async function warmUp(fn, ms = 300) {
  const t0 = now();
  for (let i = 0; i < 200 && (i < 2 || now() - t0 < ms); i++) await fn();
}

/**
 * P1 in the calling environment: every contestant over every text, smallest first. A case predicted to
 * take longer than `capMs` for one run is not run: its time is extrapolated from the smaller sizes with
 * the growth measured so far (at least linear) and marked `estimated`.
 *
 * @param {{Lens, AhoCorasick, texts: {label, bytes, text}[], tsv: string, capMs, budgetMs, runs, log}} o
 */
export async function runP1(o) {
  const { spellings, plain } = parseSpellings(o.tsv);
  const log = o.log || (() => {});
  const list = contestants({ Lens: o.Lens, AhoCorasick: o.AhoCorasick, spellings, only: o.only });
  const texts = o.texts;
  const rows = [];
  const spansBy = {}; // contestant id -> label -> spans, for the agreement check
  for (const c of list) {
    // A per-paragraph contestant reuses the matcher built (and timed) for the whole-text one.
    const shared = c.same && list.some((x) => x.id === c.same);
    const ready = shared ? null : await measure(() => c.build(), { runs: 1 });
    await warmUp(() => c.scan(texts[0].text));
    const row = { id: c.id, label: c.label, readyMs: ready ? ready.median : null, same: shared ? c.same : undefined, sizes: {} };
    let prev = null;
    for (const t of texts) {
      let predicted = 0;
      if (prev) {
        const b = Math.max(1, prev.exponent ?? 1);
        predicted = prev.ms * (t.bytes / prev.bytes) ** b;
      }
      if (predicted > o.capMs) {
        row.sizes[t.label] = { bytes: t.bytes, ms: predicted, estimated: true, exponent: Math.max(1, prev.exponent ?? 1) };
        log(`  ${c.id} ${t.label}: not run, predicted ${(predicted / 1000).toFixed(0)} s`);
        continue;
      }
      let spans;
      const m = await measure(() => (spans = c.scan(t.text)), { runs: o.runs, budgetMs: o.budgetMs });
      const cell = { bytes: t.bytes, ms: m.median, min: m.min, max: m.max, runs: m.runs, matches: spans.length / 2 };
      row.sizes[t.label] = cell;
      (spansBy[c.id] ||= {})[t.label] = spans;
      const exponent = prev && !prev.estimated ? Math.log(m.median / prev.ms) / Math.log(t.bytes / prev.bytes) : null;
      prev = { ms: m.median, bytes: t.bytes, exponent };
      log(`  ${c.id} ${t.label}: ${m.median.toFixed(1)} ms (${m.runs} runs), ${cell.matches} matches`);
    }
    row.growth = growth(Object.values(row.sizes).map((s) => ({ bytes: s.bytes, ms: s.ms, estimated: s.estimated })));
    rows.push(row);
  }
  // Agreement with FactionLens on the largest text both ran in full.
  const agree = {};
  for (const c of list) {
    if (c.id === 'fl') continue;
    const labels = texts.map((t) => t.label).filter((l) => spansBy[c.id]?.[l] && spansBy.fl?.[l]);
    const l = labels[labels.length - 1];
    if (!l) continue;
    const text = texts.find((t) => t.label === l).text;
    agree[c.id] = { on: l, ...agreement(text, plain, spansBy.fl[l], spansBy[c.id][l]) };
  }
  return { spellings: spellings.length, plain: plain.size, rows, agreement: agree };
}

// ---- P3: dictionary scale ----

/**
 * P3 for one dictionary in a fresh instance (a new page, a new Node process): time to ready
 * (`Lens.empty()` + `loadDictionary`), memory after the first load, and throughput on `text`.
 * `memory()` returns the bytes of the WebAssembly memory (or the closest the environment offers).
 */
export async function runP3Dict({ Lens, csv, text, memory, runs, budgetMs, builtin = false }) {
  const mem0 = memory();
  let lens = null;
  let memAfter = null;
  const ready = await measure(() => {
    if (lens) lens.free();
    lens = builtin ? new Lens() : Lens.empty();
    if (!builtin) lens.loadDictionary(csv, 'csv', { name: 'bench.csv' });
    if (memAfter === null) memAfter = memory();
  }, { runs, budgetMs });
  let matches = 0;
  await warmUp(() => lens.scanCompact(text));
  const scan = await measure(() => { matches = lens.scanCompact(text).length / 4; }, { runs, budgetMs });
  return {
    entities: lens.size,
    readyMs: ready.median, readyMin: ready.min, readyMax: ready.max, readyRuns: ready.runs,
    memoryBefore: mem0, memoryAfter: memAfter, memoryBytes: memAfter - mem0,
    scanMs: scan.median, scanMin: scan.min, scanMax: scan.max, scanRuns: scan.runs, matches,
  };
}
