// Every document is scanned in the page's lens worker (which loads the wasm itself) with progress and
// a cancel button, and rendered batch by batch; the result equals lens.scan of the whole text.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, pasteAndScan, pageMarks, SEEDS, loadCore } from './helpers.mjs';

let env, lens;
before(async () => {
  env = await setup();
  lens = new (await loadCore()).Lens();
});
after(async () => { await env?.close(); });

const LONG = Array.from({ length: 12 }, () => SEEDS.map((s) => s.text).join('\n\n')).join('\n\n');

test('a long article is scanned in the worker, rendered in batches, and equals lens.scan', async () => {
  assert.ok(LONG.length > 150000);
  const { page, context, errors } = await openPage(env, { query: '?batch=20000' });
  await pasteAndScan(page, LONG);
  assert.equal(await page.getAttribute('body', 'data-engine'), 'worker');
  const expected = lens.scan(LONG);
  const marks = await pageMarks(page);
  assert.equal(marks.length, expected.length);
  assert.deepEqual(marks.map((m) => m.entity), expected.map((m) => m.entity));
  const starts = await page.$$eval('#doc mark.fl-mark', (ms) => ms.map((m) => Number(m.dataset.start)));
  assert.deepEqual(starts, expected.map((m) => m.start));
  assert.equal(await page.$eval('#doc', (d) => d.textContent.length), LONG.length);
  assert.equal(await page.$eval('#progress', (p) => p.hidden), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a short article goes through the lens worker too, in small batches (?batch=500), with the same result', async () => {
  const { page, context } = await openPage(env, { query: '?batch=500' });
  await pasteAndScan(page, SEEDS[4].text);
  assert.equal(await page.getAttribute('body', 'data-engine'), 'worker');
  const expected = lens.scan(SEEDS[4].text);
  assert.deepEqual((await pageMarks(page)).map((m) => [m.entity, m.text]), expected.map((m) => [m.entity, m.text]));
  await context.close();
});

test('cancel stops a running scan and the page stays usable', async () => {
  const { page, context } = await openPage(env, { query: '?batch=300' });
  await page.$eval('#text', (el, t) => { el.value = t; }, LONG);
  await page.click('#scan');
  await page.waitForSelector('#progress:not([hidden])');
  await page.waitForFunction(() => /Rendering|Scanning|Loading/.test(document.getElementById('progress-text').textContent));
  await page.click('#cancel');
  assert.equal(await page.getAttribute('body', 'data-scan'), 'cancelled');
  assert.equal(await page.$eval('#progress', (p) => p.hidden), true);
  assert.equal(await page.textContent('#summary'), 'Scan cancelled.');
  // The page still works: a short text is scanned right after.
  await pasteAndScan(page, SEEDS[0].text);
  assert.equal((await pageMarks(page)).length, lens.scan(SEEDS[0].text).length);
  await context.close();
});

test('an 8 MB paste: scanned in the worker, rendered in batches, the page\'s timers keep running', async () => {
  const { page, context, errors } = await openPage(env);
  let big = '';
  while (big.length < 8e6) big += LONG + '\n\n';
  await page.evaluate(() => { window.ticks = 0; setInterval(() => window.ticks++, 20); });
  await page.$eval('#text', (el, t) => { el.value = t; }, big);
  const ticksBefore = await page.evaluate(() => window.ticks);
  await page.click('#scan');
  await page.waitForSelector('body[data-scan="done"]', { timeout: 300000 });
  const ticks = (await page.evaluate(() => window.ticks)) - ticksBefore;
  assert.equal(Number(await page.getAttribute('#summary', 'data-mentions')), lens.scanCompact(big).length / 4);
  assert.equal(await page.$eval('#doc', (d) => d.textContent.length), big.length);
  assert.ok(ticks >= 10, `the page's 20 ms timer ran ${ticks} times during the scan`);
  assert.deepEqual(errors, []);
  await context.close();
});
