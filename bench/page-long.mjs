// Long-article probe for the page (www/dist): pastes N MB of seed text, clicks Highlight and reports the
// time to done, the page's measured steps (performance.measure fl:*) and its long tasks.
// Usage: npm run build:pkg && npm run build:www && node bench/page-long.mjs [MB=50]
// Not part of npm run bench (a 50 MB run takes minutes).
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import fs from 'node:fs';
const { server, url } = await serve('www/dist', { port: 0, quiet: true });
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const p = await b.newPage();
p.on('pageerror', (e) => console.log('pageerror', String(e)));
await p.goto(url);
await p.waitForFunction(() => /Ready/.test(document.getElementById('engine').textContent));
const seeds = fs.readdirSync('tests/fixtures').filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync('tests/fixtures/' + f, 'utf8')).join('\n\n');
const mb = Number(process.argv[2] || 50);
await p.evaluate(({ seedText, megabytes }) => {
  let t = ''; while (t.length < megabytes * 1e6) t += seedText + '\n\n';
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration) + '@' + Math.round(e.startTime - (window.__t0 || 0))); }).observe({ type: 'longtask' });
  document.getElementById('text').value = t;
}, { seedText: seeds, megabytes: mb });
const t0 = Date.now();
await p.evaluate(() => { window.__t0 = performance.now(); }); await p.click('#scan');
await p.waitForSelector('body[data-scan="done"]', { timeout: 600000 });
const r = await p.evaluate(() => ({ steps: performance.getEntriesByType('measure').map((m) => m.name + ':' + Math.round(m.duration)), long: window.__long, n: window.__long.length, summary: document.getElementById('summary').textContent.slice(0, 200), heap: performance.memory.usedJSHeapSize }));
console.log(mb, 'MB: done in', Date.now() - t0, 'ms', JSON.stringify(r));
await b.close(); server.close();
