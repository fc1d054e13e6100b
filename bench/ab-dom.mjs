#!/usr/bin/env node
// A/B of the DOM highlighter (P2) in Chromium: the working tree's pkg/js against the same files at a
// git revision, alternated run by run on the generated 2 MB page, with mark.js markRegExp in every
// round as the yardstick. Prints medians (call and painted frame) and the load average.
//
//   node bench/ab-dom.mjs [--before=HEAD] [--runs=5] [--modes=fl-mark,fl-ranges]
//
// Why it exists: P2's numbers move with the machine's load by more than a change to the highlighter
// does; only runs interleaved in one browser, with markRegExp measured between them, compare two
// versions fairly. Needs pkg/dist/web (npm run build:pkg) and target/release/factionlens (cargo build
// --release). Not part of `npm run bench`.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './data.mjs';
import { p2Browser } from './p2-browser.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.find((a) => a.startsWith(`--${name}=`)) || `--${name}=${dflt}`).split('=')[1];
const BEFORE = opt('before', 'HEAD');
const RUNS = Number(opt('runs', 5));
const MODES = opt('modes', 'fl-mark,fl-ranges').split(',');

// The "before" highlighter: pkg/js at BEFORE, written under test-output/ (served with the tree).
const beforeDir = path.join(ROOT, 'test-output', 'ab-dom', 'before');
fs.rmSync(beforeDir, { recursive: true, force: true });
fs.mkdirSync(beforeDir, { recursive: true });
const files = execFileSync('git', ['ls-tree', '--name-only', `${BEFORE}:pkg/js`], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.js'));
for (const f of files) fs.writeFileSync(path.join(beforeDir, f), execFileSync('git', ['show', `${BEFORE}:pkg/js/${f}`], { cwd: ROOT }));
const VARIANTS = { before: '/test-output/ab-dom/before/highlight.js', after: '/pkg/js/highlight.js' };

const { browser, pageUrl, tsvUrl, markjs: MARKJS, close } = await p2Browser();

async function once(mode, highlighter) {
  const page = await browser.newPage();
  await page.goto(pageUrl, { waitUntil: 'load' });
  // By content: node_modules may be a symlink out of the served tree, which the server refuses.
  if (mode.startsWith('markjs')) await page.addScriptTag({ content: MARKJS });
  const r = await page.evaluate(async (a) => (await import('/bench/dom.mjs')).run(a.mode, a.opts), { mode, opts: { tsvUrl, highlighter } });
  await page.close();
  return r;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const samples = {};
const put = (key, r) => (samples[key] ??= []).push(r);
const loads = [];
try {
  for (let i = 0; i < RUNS; i++) {
    loads.push(os.loadavg()[0]);
    put('markjs-regexp', await once('markjs-regexp'));
    // Alternate which variant goes first.
    const order = i % 2 ? ['after', 'before'] : ['before', 'after'];
    for (const mode of MODES) for (const v of order) put(`${mode} ${v}`, await once(mode, VARIANTS[v]));
    console.log(`round ${i + 1}/${RUNS} done, load ${os.loadavg()[0].toFixed(2)}`);
  }
} finally {
  await close();
}
const regexp = median(samples['markjs-regexp'].map((r) => r.paintedMs));
console.log(`\nChromium ${browser.version()}, ${RUNS} runs, before = ${BEFORE} (${execFileSync('git', ['rev-parse', '--short', BEFORE], { cwd: ROOT, encoding: 'utf8' }).trim()}), ` +
  `load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
console.log('| case | call, median ms | painted frame, median ms (range) | markRegExp ÷ painted | marks / mentions |');
console.log('|---|---|---|---|---|');
for (const [key, rs] of Object.entries(samples)) {
  const painted = rs.map((r) => r.paintedMs);
  const p = median(painted);
  console.log(`| ${key} | ${median(rs.map((r) => r.callMs)).toFixed(0)} | ${p.toFixed(0)} (${Math.min(...painted).toFixed(0)}–${Math.max(...painted).toFixed(0)}) | ` +
    `${(regexp / p).toFixed(2)}× | ${rs[0].marks} / ${rs[0].mentions} |`);
}
