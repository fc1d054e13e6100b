// P4 in Chromium alone, interleaved between package builds: `node bench/p4-chromium.mjs RUNS DIR…`
// opens bench/cold.html in a fresh browser context per run (as bench/run.mjs's P4 does) with the page's
// /pkg/dist/ served from each DIR in turn (a copy of pkg/dist of one build), and prints medians. For
// before/after measurements by hand; bench/run.mjs --only=p4 first writes the P3 data.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './data.mjs';

const [runs = '7', ...dirs] = process.argv.slice(2);
const { serve } = await import('../scripts/serve.mjs');
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const servers = [];
for (const dir of dirs) {
  // A root per build: the repository's files, with pkg/dist from DIR.
  const root = fs.mkdtempSync('/tmp/fl-p4-');
  fs.mkdirSync(path.join(root, 'bench'));
  fs.copyFileSync(path.join(ROOT, 'bench', 'cold.html'), path.join(root, 'bench', 'cold.html'));
  fs.cpSync(path.resolve(dir), path.join(root, 'pkg', 'dist'), { recursive: true });
  servers.push(await serve(root, { port: 0, quiet: true }));
}
const results = dirs.map(() => []);
for (let i = 0; i < Number(runs); i++) {
  for (const [j, { url }] of servers.entries()) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${url}bench/cold.html`);
    await page.waitForFunction(() => window.__cold, null, { timeout: 60000 });
    results[j].push(await page.evaluate(() => window.__cold));
    await ctx.close();
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [j, dir] of dirs.entries()) {
  const r = results[j];
  const f = (k) => median(r.map((x) => x[k])).toFixed(1);
  console.log(`${dir}: import ${f('importMs')} init ${f('initMs')} lens ${f('lensMs')} scan ${f('firstScanMs')} total ${f('totalMs')} (min ${Math.min(...r.map((x) => x.totalMs)).toFixed(1)}, max ${Math.max(...r.map((x) => x.totalMs)).toFixed(1)}; mentions ${r[0].mentions})`);
}
await browser.close();
for (const { server } of servers) server.close();
