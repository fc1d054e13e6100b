#!/usr/bin/env node
// The parts of one DOM highlight (P2) in Chromium: collect, scan, paint, then the frame broken down by a
// Chromium trace (style recalc, layout, pre-paint, paint, …) on the renderer's main thread.
//
//   node bench/parts-dom.mjs [--runs=3] [--modes=fl-mark,fl-ranges,markjs-regexp] [--highlighter=/pkg/js/highlight.js] [--trace]
//
// Why it exists: P2's time to the painted frame is the sum of very different costs; which one dominates
// decides what to change. Not part of `npm run bench`.

import os from 'node:os';
import { p2Browser } from './p2-browser.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.find((a) => a.startsWith(`--${name}=`)) || `--${name}=${dflt}`).split('=')[1];
const RUNS = Number(opt('runs', 3));
const MODES = opt('modes', 'fl-mark,fl-ranges,markjs-regexp').split(',');
const HIGHLIGHTER = opt('highlighter', '/pkg/js/highlight.js');
const TRACE = args.includes('--trace');

const { browser, pageUrl, tsvUrl, markjs: MARKJS, close } = await p2Browser();

/** In the page: the parts of one highlight, with performance marks for the trace. */
async function inPage({ mode, spellingsUrl, highlighter }) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const root = document.querySelector('article');
  let parts;
  if (mode.startsWith('fl-')) {
    const { default: init, Lens } = await import('/pkg/dist/web/index.js');
    await init();
    const hl = await import(highlighter);
    const lens = new Lens();
    lens.scanCompact('warm up: Kataib Hezbollah');
    const index = hl.lensIndex(lens);
    await frame(); await frame();
    performance.mark('fl-start');
    const t0 = performance.now();
    const collected = hl.collectText(root);
    const t1 = performance.now();
    const quads = lens.scanCompact(collected.text);
    const t2 = performance.now();
    const h = mode === 'fl-mark' ? hl.paintMarks(collected, quads, index) : hl.paintRanges(collected, quads, index, { document });
    const t3 = performance.now();
    performance.mark('fl-called');
    await frame();
    const t4 = performance.now();
    performance.mark('fl-painted');
    parts = { collect: t1 - t0, scan: t2 - t1, paint: t3 - t2, frame: t4 - t3, total: t4 - t0, n: h.mentions.length };
  } else {
    const lib = await import('/bench/lib.mjs');
    const { spellings } = lib.parseSpellings(await (await fetch(spellingsUrl)).text());
    const re = new RegExp(lib.REGEXPS.gi.source(lib.alternation(spellings)), lib.REGEXPS.gi.flags);
    re.exec('warm up: Kataib Hezbollah');
    const inst = new window.Mark(root);
    await frame(); await frame();
    performance.mark('fl-start');
    const t0 = performance.now();
    inst.markRegExp(re);
    const t3 = performance.now();
    performance.mark('fl-called');
    await frame();
    const t4 = performance.now();
    performance.mark('fl-painted');
    parts = { collect: 0, scan: 0, paint: t3 - t0, frame: t4 - t3, total: t4 - t0, n: root.querySelectorAll('mark').length };
  }
  return parts;
}

/** The main thread's frame work, and the task it runs in (RunTask: the frame's whole main-thread time). */
const FRAME_EVENTS = ['RunTask', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'MajorGC', 'MinorGC'];
const CATS = ['devtools.timeline', 'blink.user_timing', 'disabled-by-default-devtools.timeline'];
/** Sums the durations of the renderer main thread's top-level frame events between fl-called and fl-painted. */
function breakdown(trace) {
  const ev = JSON.parse(trace).traceEvents;
  const called = ev.find((e) => e.name === 'fl-called');
  const painted = ev.find((e) => e.name === 'fl-painted');
  if (!called || !painted) return {};
  const tid = called.tid;
  const pid = called.pid;
  const sums = {};
  for (const e of ev) {
    if (e.pid !== pid || e.tid !== tid || e.ph !== 'X' || e.ts < called.ts || e.ts > painted.ts) continue;
    if (FRAME_EVENTS.includes(e.name)) {
      sums[e.name] = (sums[e.name] || 0) + e.dur / 1000;
    }
  }
  return sums;
}

const rows = {};
try {
  for (let i = 0; i < RUNS; i++) {
    for (const mode of MODES) {
      const page = await browser.newPage();
      await page.goto(pageUrl, { waitUntil: 'load' });
      if (mode.startsWith('markjs')) await page.addScriptTag({ content: MARKJS });
      if (TRACE) await browser.startTracing(page, { categories: CATS });
      const parts = await page.evaluate(inPage, { mode, spellingsUrl: tsvUrl, highlighter: HIGHLIGHTER });
      const trace = TRACE ? (await browser.stopTracing()).toString() : null;
      await page.close();
      const b = trace ? breakdown(trace) : {};
      (rows[mode] ??= []).push({ ...parts, ...b });
      const f = (x) => (x === undefined ? '-' : x.toFixed(0));
      console.log(`${mode} load ${os.loadavg()[0].toFixed(1)}: collect ${f(parts.collect)} scan ${f(parts.scan)} paint ${f(parts.paint)} frame ${f(parts.frame)} total ${f(parts.total)} | ` +
        Object.entries(b).filter(([, v]) => v >= 1).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
    }
  }
} finally {
  await close();
}
