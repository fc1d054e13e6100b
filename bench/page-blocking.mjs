// How long the page's main thread is held, in Chromium and in Firefox: start-up, Highlight of a seed,
// a 10 MB article opened as a file and a 4 MB dictionary (both generated here, as in
// tests/e2e/www/longtask.test.mjs, which asserts the 50 ms budget in Chromium).
//
// Firefox has neither the long-task nor the long-animation-frame API, so both browsers also run an
// event-loop probe: a chain of setTimeout(0) callbacks whose largest gap bounds the longest task (or
// rendering update) between two of them from above (a gap also counts the timer clamp, ~4 ms, and any
// time the system gave the page's thread to another process). Reported, never asserted.
// Usage: npm run build:pkg && npm run build:www && node bench/page-blocking.mjs [chromium|firefox ...]
// Not part of npm run bench (it takes a minute per browser).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { serve } from '../scripts/serve.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'test-output', 'bench');
fs.mkdirSync(out, { recursive: true });
const seeds = fs.readdirSync(path.join(root, 'tests/fixtures')).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => fs.readFileSync(path.join(root, 'tests/fixtures', f), 'utf8')).join('\n\n');
const article = path.join(out, 'blocking-10mb.txt');
const parts = [];
for (let n = 0; n < 10e6; n += seeds.length + 2) parts.push(seeds);
fs.writeFileSync(article, parts.join('\n\n'));
const dictionary = path.join(out, 'blocking-4mb.csv');
const rows = ['id,name,type,aliases'];
for (let i = 0, n = 30; n < 4 * 1024 * 1024 - 2048; i++) {
  const row = `gen-${i},Generated Brigade ${i},armed_group,"Generated Detachment ${i};Generated Cell ${i}"`;
  rows.push(row);
  n += row.length + 1;
}
fs.writeFileSync(dictionary, rows.join('\n') + '\n');

/** Installed before the page's scripts: the long-task list (Chromium) and the event-loop probe. */
function probe() {
  window.__block = { tasks: [], maxGap: 0, gaps: 0 };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__block.tasks.push(Math.round(e.duration)); })
      .observe({ type: 'longtask', buffered: true });
  } catch { /* Firefox: no long-task API */ }
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    const gap = now - last;
    if (gap > window.__block.maxGap) window.__block.maxGap = gap;
    if (gap > 50) window.__block.gaps++;
    last = now;
    setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
}

/** Reads and resets the probe's figures. */
const take = () => {
  const b = window.__block;
  const r = { longTasks: b.tasks.splice(0), maxGapMs: Math.round(b.maxGap), gapsOver50: b.gaps };
  b.maxGap = 0; b.gaps = 0;
  return r;
};
const settle = () => new Promise((r) => setTimeout(r, 300));

/** The four phases on one page; `drv` hides the driver's differences. */
async function phases(drv) {
  const res = {};
  await drv.until(() => document.body.dataset.ready === '1');
  await drv.eval(settle);
  res['start-up'] = await drv.eval(take);
  await drv.eval(() => { document.body.dataset.scan = ''; document.querySelector('#samples button.sample').click(); });
  await drv.until(() => document.body.dataset.scan === 'done');
  await drv.eval(settle);
  res['highlight a seed'] = await drv.eval(take);
  await drv.eval(() => { document.body.dataset.scan = ''; });
  await drv.upload('#file', article);
  await drv.until(() => document.body.dataset.scan === 'done');
  await drv.eval(settle);
  res['10 MB article'] = await drv.eval(take);
  await drv.upload('#dict-file', dictionary);
  await drv.until(() => /^(Loaded|.* was not loaded)/.test(document.getElementById('dict-status').textContent));
  await drv.eval(settle);
  res['4 MB dictionary'] = await drv.eval(take);
  return res;
}

const { server, url } = await serve(path.join(root, 'www', 'dist'), { port: 0, quiet: true });
const which = process.argv.slice(2).length ? process.argv.slice(2) : ['chromium', 'firefox'];
for (const name of which) {
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  let res;
  if (name === 'chromium') {
    const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const ctx = await b.newContext();
    await ctx.addInitScript(probe);
    const p = await ctx.newPage();
    await p.goto(url);
    res = await phases({
      eval: (fn) => p.evaluate(fn),
      until: (fn) => p.waitForFunction(fn, null, { timeout: 300000, polling: 100 }),
      upload: (sel, file) => p.setInputFiles(sel, file),
    });
    await b.close();
  } else {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'factionlens-blocking-'));
    const b = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, userDataDir: profile });
    const p = await b.newPage();
    await p.evaluateOnNewDocument(probe);
    await p.goto(url);
    res = await phases({
      eval: (fn) => p.evaluate(fn),
      until: (fn) => p.waitForFunction(fn, { timeout: 300000, polling: 100 }),
      upload: async (sel, file) => (await p.$(sel)).uploadFile(file),
    });
    await b.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`${name} (load average ${load}, ${os.cpus().length} CPUs):`);
  for (const [phase, r] of Object.entries(res)) console.log(`  ${phase}: long tasks ${name === 'firefox' ? 'n/a (no API)' : JSON.stringify(r.longTasks)}, longest event-loop gap ${r.maxGapMs} ms, gaps over 50 ms: ${r.gapsOver50}`);
}
server.close();
fs.rmSync(article, { force: true });
fs.rmSync(dictionary, { force: true });
