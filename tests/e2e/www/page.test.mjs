// The page in real Chromium: every seed's marks equal lens.scan, panel counts, cards on hover and
// keyboard focus, n/p navigation, exports that point at the right text, no request to any other
// origin, and screenshots (light, dark, phone) under test-output/www/ for review.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, openPage, pasteAndScan, pageMarks, SEEDS, loadCore, OUT } from './helpers.mjs';

let env, lens;
before(async () => {
  env = await setup();
  const core = await loadCore();
  lens = new core.Lens();
});
after(async () => { await env?.close(); });

test('every seed: the marks in the DOM are the mentions of lens.scan, and the panel counts match', async () => {
  const { page, context, errors } = await openPage(env);
  for (const seed of SEEDS) {
    await pasteAndScan(page, seed.text);
    const expected = lens.scan(seed.text);
    const marks = await pageMarks(page);
    assert.deepEqual(marks, expected.map((m) => ({ entity: m.entity, type: m.type, text: m.text })), seed.file);
    // Each mark's offset equals the mention's start.
    const starts = await page.$$eval('#doc mark.fl-mark', (ms) => ms.map((m) => Number(m.dataset.start)));
    assert.deepEqual(starts, expected.map((m) => m.start), seed.file);
    // The rendered text is the text.
    assert.equal(await page.$eval('#doc', (d) => d.textContent), seed.text, seed.file);
    const counts = {};
    for (const m of expected) counts[m.entity] = (counts[m.entity] || 0) + 1;
    const panel = await page.$$eval('#entities button.entity', (bs) => Object.fromEntries(bs.map((b) => [b.dataset.entity, Number(b.dataset.count)])));
    assert.deepEqual(panel, counts, seed.file);
    assert.equal(await page.getAttribute('#summary', 'data-mentions'), String(expected.length));
    assert.equal(await page.getAttribute('#summary', 'data-entities'), String(Object.keys(counts).length));
    const summary = lens.summarize(seed.text);
    assert.deepEqual(Object.fromEntries(summary.map((s) => [s.id, s.count])), counts);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('seed 000: the well-known groups are marked', async () => {
  const { page, context } = await openPage(env);
  await pasteAndScan(page, SEEDS[0].text);
  const ids = new Set((await pageMarks(page)).map((m) => m.entity));
  for (const id of ['kataib-hezbollah', 'asaib-ahl-al-haq', 'coordination-framework', 'popular-mobilization-forces']) {
    assert.ok(ids.has(id), `${id} is marked`);
  }
  await context.close();
});

test('samples load with one click and have readable titles', async () => {
  const { page, context } = await openPage(env);
  const titles = await page.$$eval('#samples button.sample', (bs) => bs.map((b) => b.textContent));
  assert.equal(titles.length, SEEDS.length);
  assert.equal(titles[0], SEEDS[0].text.split('\n')[0].trim());
  await page.click('#samples button.sample >> nth=1');
  await page.waitForSelector('body[data-scan="done"]');
  assert.equal(await page.$eval('#doc', (d) => d.textContent), SEEDS[1].text);
  await context.close();
});

test('cards: hover and keyboard focus show the card; relations open other cards; Tab, n and p move', async () => {
  const { page, context } = await openPage(env);
  await pasteAndScan(page, SEEDS[0].text);
  // Hover.
  await page.hover('#doc mark[data-entity="kataib-hezbollah"] >> nth=0');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  assert.equal(await page.getAttribute('#fl-card-popup', 'data-entity'), 'kataib-hezbollah');
  const card = lens.entity('kataib-hezbollah');
  assert.equal(await page.textContent('#fl-card-title'), card.name);
  const popupText = await page.textContent('#fl-card-popup');
  assert.ok(popupText.includes(card.description));
  for (const d of card.designations) assert.ok(popupText.includes(d.date) && popupText.includes(d.list));
  // Sources: http(s) links only, opened safely.
  const links = await page.$$eval('#fl-card-popup a', (as) => as.map((a) => ({ href: a.href, rel: a.rel, target: a.target })));
  assert.ok(links.length > 0);
  for (const l of links) { assert.match(l.href, /^https?:/); assert.equal(l.rel, 'noopener noreferrer'); assert.equal(l.target, '_blank'); }
  // A relation opens the other entity's card.
  const rel = card.relations[0].target;
  await page.click(`#fl-card-popup button.fl-card-entity[data-entity="${rel}"] >> nth=0`);
  await page.waitForFunction((id) => document.getElementById('fl-card-popup').dataset.entity === id, rel);
  await page.keyboard.press('Escape');
  await page.mouse.move(0, 0);
  await page.waitForSelector('#fl-card-popup', { state: 'hidden' });

  // Keyboard: Tab from the textarea's following controls reaches the first mark, whose card shows.
  await page.focus('#doc-h');
  await page.evaluate(() => document.activeElement.blur());
  await page.$eval('#doc', (d) => { d.tabIndex = -1; d.focus(); });
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({ tag: document.activeElement.tagName, entity: document.activeElement.dataset.entity, i: document.activeElement.dataset.i }));
  assert.equal(first.tag, 'MARK');
  assert.equal(first.i, '0');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  assert.equal(await page.getAttribute('#fl-card-popup', 'data-entity'), first.entity);
  const label = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.ok(label.includes(lens_name(first.entity)), label);

  // n / p step through the mentions of the focused mark's entity.
  const pmf = lens.scan(SEEDS[0].text).filter((m) => m.entity === 'popular-mobilization-forces');
  await page.click('#entities button.entity[data-entity="popular-mobilization-forces"]');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.entity), 'popular-mobilization-forces');
  assert.equal(await page.evaluate(() => Number(document.activeElement.dataset.start)), pmf[0].start);
  await page.keyboard.press('n');
  assert.equal(await page.evaluate(() => Number(document.activeElement.dataset.start)), pmf[1].start);
  await page.keyboard.press('n');
  assert.equal(await page.evaluate(() => Number(document.activeElement.dataset.start)), pmf[2].start);
  await page.keyboard.press('p');
  assert.equal(await page.evaluate(() => Number(document.activeElement.dataset.start)), pmf[1].start);
  assert.match(await page.textContent('#nav-status'), new RegExp(`mention 2 of ${pmf.length}`));
  await context.close();

  function lens_name(id) { return lens.entity(id).name; }
});

test('type filters hide a type and the graph nodes open cards', async () => {
  const { page, context } = await openPage(env);
  await pasteAndScan(page, SEEDS[0].text);
  await page.uncheck('#filters input[data-type="armed_group"]');
  const hidden = await page.$$eval('#doc mark.fl-t-armed_group', (ms) => ms.every((m) => m.tabIndex === -1 && getComputedStyle(m).backgroundColor === 'rgba(0, 0, 0, 0)'));
  assert.ok(hidden);
  assert.equal(await page.$eval('#entities li[data-type="armed_group"]', (li) => li.hidden), true);
  await page.check('#filters input[data-type="armed_group"]');
  const nodes = await page.$$eval('#graph g.node', (gs) => gs.map((g) => g.dataset.entity));
  const ids = new Set(lens.scan(SEEDS[0].text).map((m) => m.entity));
  assert.deepEqual(new Set(nodes), ids);
  const edges = await page.$$eval('#graph line', (ls) => ls.length);
  assert.ok(edges > 0);
  await page.click('#graph g.node[data-entity="asaib-ahl-al-haq"]');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  assert.equal(await page.getAttribute('#fl-card-popup', 'data-entity'), 'asaib-ahl-al-haq');
  await context.close();
});

test('exports parse and point at the right text', async () => {
  const { page, context } = await openPage(env);
  const text = SEEDS[4].text;
  await pasteAndScan(page, text);
  const grab = async (kind) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export="${kind}"]`)]);
    const file = path.join(OUT, `export-${kind}-${dl.suggestedFilename()}`);
    await dl.saveAs(file);
    return { name: dl.suggestedFilename(), body: fs.readFileSync(file, 'utf8') };
  };
  fs.mkdirSync(OUT, { recursive: true });
  const expected = lens.scan(text);

  const json = JSON.parse((await grab('json')).body);
  assert.deepEqual(json, expected);
  for (const m of json) assert.equal(text.slice(m.start, m.end), m.text);

  const csv = (await grab('csv')).body;
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'entity,type,text,start_utf16,end_utf16,start_cp,end_cp,byte_start,byte_end,alias,rule,ambiguous');
  assert.equal(lines.length - 1, expected.length);
  assert.equal(csv, lens.mentionsCsv(text));
  const excel = (await grab('csv-excel')).body;
  assert.ok(excel.startsWith('\uFEFFentity,type,text,'));
  assert.equal(excel.split('\r\n').length - 2, expected.length);

  const ld = JSON.parse((await grab('jsonld')).body);
  assert.equal(ld.type, 'AnnotationPage');
  assert.match(ld.id, /^urn:uuid:/);
  assert.equal(ld.items.length, expected.length);
  const ld2 = JSON.parse((await grab('jsonld')).body);
  assert.notEqual(ld2.items[0].id, ld.items[0].id, 'two exports never share an annotation id');
  for (const a of ld.items) {
    assert.match(a.id, /^urn:uuid:/);
    assert.match(a.target.source, /^urn:uuid:/);
    const pos = a.target.selector.find((s) => s.type === 'TextPositionSelector');
    const quote = a.target.selector.find((s) => s.type === 'TextQuoteSelector');
    // Web Annotation positions count code points.
    assert.equal([...text].slice(pos.start, pos.end).join(''), quote.exact);
  }

  const html = await grab('html');
  assert.match(html.name, /\.html$/);
  assert.ok(html.body.startsWith('<!doctype html>'));
  assert.ok(html.body.includes(lens.highlightHtml(text)));
  // The standalone file renders with the same marks.
  const p2 = await context.newPage();
  await p2.setContent(html.body);
  const marks = await p2.$$eval('mark', (ms) => ms.map((m) => m.dataset.entity));
  assert.deepEqual(marks, expected.map((m) => m.entity));
  await context.close();
});

test('no request leaves the page origin; screenshots light, dark and phone', async () => {
  const origin = new URL(env.url).origin;
  const { page, context, requests, errors } = await openPage(env);
  await pasteAndScan(page, SEEDS[0].text);
  await page.hover('#doc mark[data-entity="asaib-ahl-al-haq"] >> nth=0');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, 'light.png'), fullPage: true });
  await page.mouse.move(0, 0);
  await page.click('#theme-toggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(20, 23, 27)');
  await page.hover('#doc mark[data-entity="popular-mobilization-forces"] >> nth=0');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  await page.screenshot({ path: path.join(OUT, 'dark.png'), fullPage: true });
  // The choice survives a reload.
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  await context.close();

  const phone = await openPage(env, { context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, colorScheme: 'light' } });
  await pasteAndScan(phone.page, SEEDS[1].text);
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at 390px (overflow ${overflow}px)`);
  await phone.page.tap('#doc mark >> nth=0');
  await phone.page.waitForSelector('#fl-card-popup:not([hidden])');
  await phone.page.screenshot({ path: path.join(OUT, 'phone.png'), fullPage: false });
  await phone.page.screenshot({ path: path.join(OUT, 'phone-full.png'), fullPage: true });
  const narrow = await openPage(env, { context: { viewport: { width: 360, height: 740 } } });
  await pasteAndScan(narrow.page, SEEDS[2].text);
  assert.ok(await narrow.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no horizontal scroll at 360px');
  await narrow.context.close();
  for (const r of [...requests, ...phone.requests]) assert.equal(new URL(r).origin, origin, r);
  assert.deepEqual([...errors, ...phone.errors], []);
  await phone.context.close();
});
