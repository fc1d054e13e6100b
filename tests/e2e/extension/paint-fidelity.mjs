// Painting keeps every mention the core reports, on the 2 MB fixture page in the real extension:
// opened at its top and opened scrolled to its middle (where the painter paints what is on screen
// first, then the whole page). The expectation is the core's own scan (in Node) of the page's
// paragraphs, read from the page; registered inside each browser's suite (extension.test.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { highlighted, until, core, SITE, DEFAULT_TYPES } from './helpers.mjs';

/** The page's highlights as sorted `name|text` strings. */
const painted = async (page) => (await highlighted(page)).map((r) => `${r.name}|${r.text}`).sort();

/** @param {() => object} getEnv the suite's env */
export function paintFidelityTests(getEnv) {
  test('painting keeps every mention the core reports (2 MB page, at its top and scrolled to its middle)', async () => {
    const env = getEnv();
    // The same page with an anchor on its middle paragraph: opened at #mid, it starts scrolled there.
    const big = fs.readFileSync(path.join(SITE, 'big.html'), 'utf8');
    const paras = big.split('<p>');
    paras[paras.length >> 1] = ` id="mid">${paras[paras.length >> 1]}`;
    fs.writeFileSync(path.join(SITE, 'big-mid.html'), paras.map((p, i) => (i === 0 ? p : p.startsWith(' id=') ? `<p${p}` : `<p>${p}`)).join(''));
    const lens = new core.Lens();
    for (const file of ['big.html', 'big-mid.html#mid']) {
      const page = await env.newPage();
      try {
        await page.goto(new URL(file, env.url).href);
        const texts = await page.evaluate(() => [...document.querySelectorAll('p')].map((p) => p.textContent));
        if (file.endsWith('#mid')) assert.ok(await page.evaluate(() => scrollY > 1000), 'opened scrolled down');
        const want = lens.scan(texts.join('\n\n'), { types: DEFAULT_TYPES }).map((m) => `fl-${m.type}|${m.text}`).sort();
        assert.ok(want.length > 5000, `${want.length} mentions`);
        const count = () => page.evaluate(() => [...CSS.highlights.values()].reduce((a, h) => a + h.size, 0));
        await until(async () => (await count()) === want.length, { timeout: 60000, interval: 200, what: `${want.length} highlights on ${file}` }).catch(() => {});
        assert.deepEqual(await painted(page), want);
      } finally {
        await page.close();
      }
    }
  });
}
