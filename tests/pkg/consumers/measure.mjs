#!/usr/bin/env node
// Time to first scan of the packed package in a real production build, as pkg/README.md quotes it:
// `node tests/pkg/consumers/measure.mjs [runs]` after a run of tests/pkg/matrix.test.mjs (it reuses the
// Vite 8 production build that run left in work/). Each run is a fresh browser context (nothing cached):
// navigation start → the first scan done, and `new Lens()` alone. Prints medians and min–max, the
// download sizes of the .wasm and of the JS bundle (gzip -9 and brotli), and the load average.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../../../scripts/serve.mjs';

const dist = path.join(path.dirname(new URL(import.meta.url).pathname), 'work', 'Vite-8-build', 'dist');
if (!fs.existsSync(dist)) {
  console.error(`measure: ${dist} is missing; run node --test tests/pkg/matrix.test.mjs first`);
  process.exit(1);
}
const runs = Number(process.argv[2] ?? 7);
const sizes = (file) => {
  const b = fs.readFileSync(file);
  return `${(b.length / 1024).toFixed(0)} KiB raw, ${(zlib.gzipSync(b, { level: 9 }).length / 1024).toFixed(0)} KiB gzip, ` +
    `${(zlib.brotliCompressSync(b).length / 1024).toFixed(0)} KiB brotli`;
};
const assets = fs.readdirSync(path.join(dist, 'assets')).map((f) => path.join(dist, 'assets', f));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} ms, n=${xs.length})`;

const load0 = os.loadavg().map((x) => x.toFixed(1)).join(' / ');
const { server, url } = await serve(dist, { port: 0, quiet: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const first = [];
const build = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.result, null, { timeout: 60_000 });
  const r = await page.evaluate(() => window.result);
  if (r.error) throw new Error(r.error);
  first.push(r.firstScanMs);
  build.push(r.buildMs);
  await context.close();
}
await browser.close();
server.close();
console.log(`.wasm: ${sizes(assets.find((f) => f.endsWith('.wasm')))}`);
console.log(`JS bundle (the example page, highlighter included): ${sizes(assets.find((f) => f.endsWith('.js')))}`);
console.log(`navigation start → first scan: ${fmt(first)}`);
console.log(`new Lens(): ${fmt(build)}`);
console.log(`load average (1/5/15 min) ${load0} before, ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} after; ${os.cpus().length} CPUs`);
