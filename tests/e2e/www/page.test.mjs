// The page in real Chromium: every seed's marks equal lens.scan, panel counts, cards on hover and
// keyboard focus, n/p navigation, exports that point at the right text, no request to any other
// origin, and screenshots (light, dark, phone) under test-output/www/ for review.

import { checkCardReadable, luminance } from '../card-visual.mjs';
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

/** A known article and its mentions, written out by hand (offsets counted: the emoji is 2 UTF-16
 * units, 4 UTF-8 bytes and 1 code point). */
const ARTICLE = '😀 Kataib Hezbollah fired rockets; Asaib Ahl al-Haq denied it. Qais al-Khazali spoke.';
const ROWS = [
  { entity: 'kataib-hezbollah', type: 'armed_group', text: 'Kataib Hezbollah', start: 3, end: 19, byte_start: 5, byte_end: 21, alias: "Kata'ib Hezbollah", rule: 'name' },
  { entity: 'asaib-ahl-al-haq', type: 'armed_group', text: 'Asaib Ahl al-Haq', start: 35, end: 51, byte_start: 37, byte_end: 53, alias: "Asa'ib Ahl al-Haq", rule: 'name' },
  { entity: 'qais-al-khazali', type: 'person', text: 'Qais al-Khazali', start: 63, end: 78, byte_start: 65, byte_end: 80, alias: 'Qais al-Khazali', rule: 'name' },
];
/** The canonical names and code-point offsets the annotations carry. */
const ANNOTATED = [
  { name: "Kata'ib Hezbollah", start: 2, end: 18 },
  { name: "Asa'ib Ahl al-Haq", start: 34, end: 50 },
  { name: 'Qais al-Khazali', start: 62, end: 77 },
];

test('exports of a known article: the rows written out by hand, the CSV\'s schema, and the HTML round trip', async () => {
  const { page, context } = await openPage(env);
  await pasteAndScan(page, ARTICLE);
  const grab = async (kind) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export="${kind}"]`)]);
    const file = path.join(OUT, `export-${kind}-${dl.suggestedFilename()}`);
    await dl.saveAs(file);
    return { name: dl.suggestedFilename(), body: fs.readFileSync(file, 'utf8') };
  };
  fs.mkdirSync(OUT, { recursive: true });

  const json = await grab('json');
  assert.equal(json.name, 'Pasted-text.factionlens.mentions.json');
  assert.deepEqual(JSON.parse(json.body), ROWS);

  const csv = await grab('csv');
  assert.equal(csv.name, 'Pasted-text.factionlens.mentions.csv');
  assert.equal(csv.body, [
    'entity,type,text,start_utf16,end_utf16,start_cp,end_cp,byte_start,byte_end,alias,rule,ambiguous',
    "kataib-hezbollah,armed_group,Kataib Hezbollah,3,19,2,18,5,21,Kata'ib Hezbollah,name,false",
    "asaib-ahl-al-haq,armed_group,Asaib Ahl al-Haq,35,51,34,50,37,53,Asa'ib Ahl al-Haq,name,false",
    'qais-al-khazali,person,Qais al-Khazali,63,78,62,77,65,80,Qais al-Khazali,name,false',
    '',
  ].join('\n'));
  // Round trip: the CSV read back (header as keys) has the JSON export's fields, offsets by unit.
  const [header, ...lines] = csv.body.trim().split('\n').map((l) => l.split(','));
  const back = lines.map((l) => Object.fromEntries(header.map((h, i) => [h, l[i]])));
  assert.deepEqual(back.map((r) => ({ entity: r.entity, type: r.type, text: r.text, start: +r.start_utf16, end: +r.end_utf16,
    byte_start: +r.byte_start, byte_end: +r.byte_end, alias: r.alias, rule: r.rule })), ROWS);
  assert.deepEqual(back.map((r) => ({ start: +r.start_cp, end: +r.end_cp })), ANNOTATED.map(({ start, end }) => ({ start, end })));
  // Every row's offsets slice its text out of the article (UTF-16 and UTF-8 alike).
  const bytes = Buffer.from(ARTICLE, 'utf8');
  for (const r of ROWS) {
    assert.equal(ARTICLE.slice(r.start, r.end), r.text);
    assert.equal(bytes.subarray(r.byte_start, r.byte_end).toString('utf8'), r.text);
  }
  // For Excel: a byte-order mark and CRLF, the same rows.
  const excel = (await grab('csv-excel')).body;
  assert.equal(excel, '\uFEFF' + csv.body.replace(/\n/g, '\r\n'));

  const ld = JSON.parse((await grab('jsonld')).body);
  assert.equal(ld['@context'], 'http://www.w3.org/ns/anno.jsonld');
  assert.equal(ld.type, 'AnnotationPage');
  assert.match(ld.id, /^urn:uuid:/);
  assert.equal(ld.items.length, ROWS.length);
  const ld2 = JSON.parse((await grab('jsonld')).body);
  assert.notEqual(ld2.items[0].id, ld.items[0].id, 'two exports never share an annotation id');
  const codePoints = [...ARTICLE];
  ld.items.forEach((a, i) => {
    assert.equal(a.type, 'Annotation');
    assert.match(a.id, /^urn:uuid:/);
    assert.match(a.target.source, /^urn:uuid:/);
    const pos = a.target.selector.find((x) => x.type === 'TextPositionSelector');
    const quote = a.target.selector.find((x) => x.type === 'TextQuoteSelector');
    assert.deepEqual({ start: pos.start, end: pos.end }, { start: ANNOTATED[i].start, end: ANNOTATED[i].end });
    assert.equal(codePoints.slice(pos.start, pos.end).join(''), ROWS[i].text);
    assert.equal(quote.exact, ROWS[i].text);
    const body = Object.fromEntries(a.body.map((b) => [b.purpose, b.value]));
    assert.deepEqual(body, { identifying: ANNOTATED[i].name, tagging: ROWS[i].type, classifying: ROWS[i].entity });
  });

  const html = await grab('html');
  assert.equal(html.name, 'Pasted-text.factionlens.html');
  assert.ok(html.body.startsWith('<!doctype html>'));
  // Round trip: the standalone file, opened in the browser, shows the article with the same marks,
  // a legend of the seven types, and runs no script.
  const p2 = await context.newPage();
  await p2.setContent(html.body);
  const shown = await p2.evaluate(() => ({
    title: document.title,
    text: document.querySelector('.doc').textContent,
    marks: [...document.querySelectorAll('mark')].map((m) => ({ entity: m.dataset.entity, type: m.dataset.type, text: m.textContent })),
    legend: document.querySelectorAll('ul.legend li').length,
    scripts: document.scripts.length,
    markStyle: getComputedStyle(document.querySelector('mark.fl-t-person')).textDecorationLine,
  }));
  assert.deepEqual(shown, {
    title: 'Pasted text — FactionLens',
    text: ARTICLE,
    marks: ROWS.map((r) => ({ entity: r.entity, type: r.type, text: r.text })),
    legend: 7,
    scripts: 0,
    markStyle: 'underline overline',
  });
  await context.close();
});

test('no request leaves the page origin; screenshots light, dark and phone', async () => {
  const origin = new URL(env.url).origin;
  const { page, context, requests, errors } = await openPage(env);
  await pasteAndScan(page, SEEDS[0].text);
  await page.hover('#doc mark[data-entity="asaib-ahl-al-haq"] >> nth=0');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  fs.mkdirSync(OUT, { recursive: true });
  // The card is opaque and readable (computed colours, WCAG contrast, viewport, screenshot pixels).
  const light = await checkCardReadable(page, '#fl-card-popup', path.join(OUT, 'card-light.png'));
  assert.ok(luminance(light.background) > 0.8, `light card: ${light.background}`);
  await page.screenshot({ path: path.join(OUT, 'light.png'), fullPage: true });
  await page.mouse.move(0, 0);
  await page.click('#theme-toggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(20, 23, 27)');
  await page.hover('#doc mark[data-entity="popular-mobilization-forces"] >> nth=0');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  const dark = await checkCardReadable(page, '#fl-card-popup', path.join(OUT, 'card-dark.png'));
  assert.ok(luminance(dark.background) < 0.05, `dark card: ${dark.background}`);
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
  await checkCardReadable(phone.page, '#fl-card-popup', path.join(OUT, 'card-phone.png'));
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
