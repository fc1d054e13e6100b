// The extension in real Chromium and real Firefox ESR, the same assertions in each, on fixture news
// pages: highlights (names split across inline tags, dynamic content, shadow roots, iframes, strict
// CSP with Trusted Types), forms and editable areas untouched, cards on hover (opaque and readable,
// light and dark: card-visual.mjs), the popup's list and counts, the badge, per-site off restoring the
// page exactly, the <mark> mode, keyboard commands, and no network request; the scan-only module for
// the first highlight (scan-module.mjs) and the compiled lens cache (lens-cache.mjs).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, highlighted, hoverMention, shownCard, until, tabId, pageSnapshot, netLogRequests, core, SEEDS, DEFAULT_TYPES, OUT } from './helpers.mjs';
import { BROWSERS } from './browsers.mjs';
import { messagingTests, storageTests } from './messaging.mjs';
import { accessTests } from './access.mjs';
import { newsFixtureTests } from './news-fixtures.mjs';
import { a11yTests } from './a11y.mjs';
import { lensCacheTests, firstHighlightAfterStops } from './lens-cache.mjs';
import { paintFidelityTests } from './paint-fidelity.mjs';
import { scanModuleTests } from './scan-module.mjs';
import { checkCardReadable, luminance, parseColor } from '../card-visual.mjs';

const lens = new core.Lens();
const text = (page, sel) => page.$eval(sel, (e) => e.textContent);

/** Highlighted texts expected for a seed article (default types), as a multiset. */
function expected(t) {
  const m = new Map();
  for (const x of lens.scan(t, { types: DEFAULT_TYPES })) m.set(x.text, (m.get(x.text) || 0) + 1);
  return m;
}

for (const browser of BROWSERS) describe(browser, () => {
let env;

before(async () => { env = await setup(browser); });
after(async () => { await env?.close(); });

async function open(file) {
  const page = await env.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.errors = errors;
  await page.goto(new URL(file, env.url).href);
  return page;
}

test('highlights every group of the article, with names split across inline tags', async () => {
  const page = await open('news.html');
  const ranges = await until(async () => {
    const r = await highlighted(page);
    return r.length > 15 && r;
  }, { what: 'highlights' });
  const got = new Map();
  for (const r of ranges) got.set(r.text, (got.get(r.text) || 0) + 1);
  for (const [name, n] of expected(SEEDS[0])) {
    assert.ok((got.get(name) || 0) >= n, `"${name}": expected at least ${n}, got ${got.get(name) || 0}`);
  }
  // The split names are whole ranges across the inline tags.
  assert.ok(ranges.some((r) => r.text === 'Kataib Hezbollah' && r.name === 'fl-armed_group'));
  assert.ok(ranges.some((r) => r.text === 'Asaib Ahl al-Haq'));
  // Only the default types are painted.
  assert.ok(ranges.every((r) => DEFAULT_TYPES.map((t) => `fl-${t}`).includes(r.name)), JSON.stringify([...new Set(ranges.map((r) => r.name))]));
  // Forms and editable areas are never touched.
  const inForms = await page.evaluate(() => {
    let n = 0;
    for (const [, h] of CSS.highlights) for (const r of h) if (r.startContainer.parentElement?.closest('form, [contenteditable]')) n++;
    return n;
  });
  assert.equal(inForms, 0);
  // Open shadow roots and same-origin iframes are covered.
  assert.ok(ranges.some((r) => r.root === 'shadow' && r.text === 'Kataib Hezbollah'), 'shadow root');
  const frame = page.frames().find((f) => f.url().endsWith('frame.html'));
  const inFrame = await until(async () => {
    const r = await highlighted(frame);
    return r.length >= 2 && r;
  }, { what: 'iframe highlights' });
  assert.deepEqual(inFrame.map((r) => r.text).sort(), ['Asaib Ahl al-Haq', 'Kataib Sayyid al-Shuhada']);
  assert.deepEqual(page.errors, []);
  await page.screenshot({ path: env.out('news.png') });
  await page.close();
});

test('content added after load and on scroll is highlighted', async () => {
  const page = await open('news.html');
  await until(async () => (await highlighted(page)).some((r) => r.text === 'Harakat Hezbollah al-Nujaba'), { what: 'late block' });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await until(async () => (await highlighted(page)).some((r) => r.text === 'Badr Organization'), { what: 'infinite scroll' });
  await page.close();
});

test('a single-page navigation is highlighted again', async () => {
  const page = await open('spa.html');
  await until(async () => (await highlighted(page)).some((r) => r.text === 'Kataib Hezbollah'), { what: 'first story' });
  await page.evaluate(() => window.go(2));
  const r = await until(async () => {
    const h = await highlighted(page);
    return h.some((x) => x.text === 'Asaib Ahl al-Haq') && h;
  }, { what: 'second story' });
  assert.deepEqual(r.map((x) => x.text).sort(), ['Asaib Ahl al-Haq', 'Coordination Framework']);
  await page.close();
});

test('a strict CSP page with Trusted Types enforced is highlighted without violations', async () => {
  const page = await open('csp.html');
  const ranges = await until(async () => { const r = await highlighted(page); return r.length > 5 && r; }, { what: 'highlights' });
  const want = [...expected(SEEDS[1]).values()].reduce((a, b) => a + b, 0);
  assert.equal(ranges.length, want);
  // Hover a mention: the card opens (under the same CSP).
  const rect = await page.evaluate(() => {
    // The first line box of the mention (a name wrapped over two lines has nothing at its box's centre).
    const r = [...CSS.highlights.get('fl-armed_group')][0].getClientRects()[0];
    return { x: r.left + Math.min(4, r.width / 2), y: r.top + r.height / 2 };
  });
  await page.mouse.move(rect.x, rect.y);
  await until(() => page.evaluate(() => !!document.querySelector('factionlens-card')), { what: 'card' });
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('hovering a mention shows its card; leaving hides it', async () => {
  const page = await open('news.html');
  await until(async () => (await highlighted(page)).length > 15, { what: 'highlights' });
  await hoverMention(page, 'Asaib Ahl al-Haq');
  const card = await shownCard(page);
  assert.equal(card.entity, 'asaib-ahl-al-haq');
  assert.equal(card.name, "Asa'ib Ahl al-Haq");
  assert.match(card.text, /Qais al-Khazali/);
  assert.match(card.text, /FTO/);
  // Opaque and readable over the article, in the light and the dark colour scheme.
  const cardBg = () => page.evaluate(() => getComputedStyle(document.querySelector('factionlens-card').shadowRoot.querySelector('.fl-card')).backgroundColor);
  const light = await checkCardReadable(page, 'factionlens-card >>> .fl-card', env.out('card-light.png'));
  assert.ok(luminance(light.background) > 0.8, `a light card in the light scheme: ${light.background}`);
  await env.setDark(page, true);
  try {
    await until(async () => luminance(parseColor(await cardBg())) < 0.05, { what: 'the dark card' });
    const dark = await checkCardReadable(page, 'factionlens-card >>> .fl-card', env.out('card-dark.png'));
    assert.ok(luminance(dark.background) < 0.05, `a dark card in the dark scheme: ${dark.background}`);
  } finally {
    await env.setDark(page, false);
  }
  await page.mouse.move(5, 790);
  await until(() => page.evaluate(() => !document.querySelector('factionlens-card')), { what: 'card hidden' });
  await page.close();
});

test('popup lists the page\'s entities with counts, the badge counts mentions, a click goes to the next mention', async () => {
  const page = await open('news.html');
  await until(async () => (await highlighted(page)).length > 15, { what: 'highlights' });
  await new Promise((r) => setTimeout(r, 800)); // the late block and frame reports
  const total = (await highlighted(page)).length + (await highlighted(page.frames().find((f) => f.url().endsWith('frame.html')))).length;
  const tab = await tabId(env, '/news.html');
  assert.equal(await env.bg((t) => (globalThis.browser ?? chrome).action.getBadgeText({ tabId: t }), tab), String(total));
  const popup = await env.extPage(`popup.html?tab=${tab}`);
  const rows = await until(async () => {
    const r = await popup.evaluate(() => [...document.querySelectorAll('#entities button')].map((b) => ({
      id: b.dataset.entity, name: b.querySelector('.fl-name').textContent, count: Number(b.querySelector('.fl-count').textContent) })));
    return r.length > 0 && r;
  }, { what: 'popup list' });
  assert.equal(rows.reduce((n, r) => n + r.count, 0), total);
  const kh = rows.find((r) => r.id === 'kataib-hezbollah');
  assert.ok(kh && kh.count >= 3, JSON.stringify(rows));
  assert.equal(await text(popup, '#host'), '127.0.0.1');
  await popup.screenshot({ path: env.out('popup.png') });
  // Next mention: the page scrolls to it and opens its card.
  await page.evaluate(() => window.scrollTo(0, 0));
  await popup.click('#entities button[data-entity="kataib-hezbollah"]');
  await popup.click('#entities button[data-entity="kataib-hezbollah"]');
  await until(() => page.evaluate(() => window.scrollY > 0), { what: 'scroll' });
  await until(() => page.evaluate(() => document.querySelector('factionlens-card')?.shadowRoot.querySelector('.fl-card')?.dataset.entity === 'kataib-hezbollah'), { what: 'card of next mention' });
  assert.match(await text(popup, '#entities button[data-entity="kataib-hezbollah"] .fl-count'), /^2\/\d+$/);
  await popup.close();
  await page.close();
});

test('off for the site restores every fixture page exactly (text, elements, markup, handlers); on paints again', async () => {
  const pages = [];
  for (const [file, click] of [['news.html', '#send'], ['csp.html', 'article p'], ['spa.html', 'article p']]) {
    const page = await open(file);
    await until(async () => (await highlighted(page)).length > 0, { what: `highlights on ${file}` });
    pages.push({ file, click, page });
  }
  await new Promise((r) => setTimeout(r, 800)); // the late block on news.html
  for (const p of pages) p.before = await pageSnapshot(p.page);
  const tab = await tabId(env, '/news.html');
  const popup = await env.extPage(`popup.html?tab=${tab}`);
  await popup.waitForSelector('#site:not([disabled])');
  await popup.click('#site'); // unchecks it
  for (const { file, click, page, before: served } of pages) {
    await until(async () => (await highlighted(page)).length === 0, { what: `highlights removed on ${file}` });
    const restored = await pageSnapshot(page);
    assert.equal(restored.text, served.text, file);
    assert.equal(restored.elements, served.elements, file);
    assert.equal(restored.html, served.html, file);
    await page.click(click);
    assert.equal(await page.evaluate(() => window.clicks), 1, `the click handler of ${file} still works`);
  }
  assert.equal(await env.bg((t) => (globalThis.browser ?? chrome).action.getBadgeText({ tabId: t }), tab), '');
  await popup.click('#site'); // checks it again
  for (const { file, page } of pages) {
    await until(async () => (await highlighted(page)).length > 0, { what: `highlights back on ${file}` });
    await page.close();
  }
  await popup.close();
});

test('<mark> mode: marks with the card on focus, and turning it off restores the same nodes', async () => {
  await env.bg(() => (globalThis.browser ?? chrome).storage.local.set({ settings: { mode: 'marks', types: ['armed_group', 'person'] } }));
  try {
    const page = await open('csp.html');
    await until(() => page.evaluate(() => document.querySelectorAll('mark.fl-mark').length > 5), { what: 'marks' });
    const marks = await page.evaluate(() => [...document.querySelectorAll('mark.fl-mark')].map((m) => [m.dataset.type, m.textContent]));
    assert.ok(marks.every(([t]) => t === 'armed_group' || t === 'person'));
    const want = lens.scan(SEEDS[1], { types: ['armed_group', 'person'] }).length;
    assert.equal(new Set(await page.evaluate(() => [...document.querySelectorAll('mark.fl-mark')].map((m) => m.textContent))).size > 0, true);
    assert.ok(marks.length >= want, `${marks.length} marks for ${want} mentions`);
    // Selecting a paragraph gives its original text.
    const sel = await page.evaluate(() => {
      const p = [...document.querySelectorAll('article p')].find((x) => x.querySelector('mark'));
      const r = document.createRange();
      r.selectNodeContents(p);
      getSelection().removeAllRanges();
      getSelection().addRange(r);
      return { selected: getSelection().toString(), text: p.textContent };
    });
    assert.equal(sel.selected, sel.text);
    assert.ok(!/\n/.test(sel.selected.trim()), 'no line break added inside the paragraph');
    // Keyboard: focus a mark, its card opens.
    await page.focus('mark.fl-mark');
    await until(() => page.evaluate(() => !!document.querySelector('factionlens-card')), { what: 'card on focus' });
    await page.keyboard.press('Escape');
    await until(() => page.evaluate(() => !document.querySelector('factionlens-card')), { what: 'card closed' });
    // Off: the original text nodes come back, identical.
    // The paragraph's first text node (inside a mark when the paragraph starts with a name).
    await page.evaluate(() => { const p = document.querySelector('article p'); window.firstText = document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode(); });
    await env.bg(() => { const api = globalThis.browser ?? chrome; return api.storage.local.get('settings').then(({ settings }) => api.storage.local.set({ settings: { ...settings, enabled: false } })); });
    await until(() => page.evaluate(() => document.querySelectorAll('mark').length === 0), { what: 'marks removed' });
    const html = await page.evaluate(() => document.querySelector('main').innerHTML);
    // The page as served, parsed by the same browser.
    const source = fs.readFileSync(path.join(OUT, 'site', 'csp.html'), 'utf8');
    const blank = await env.newPage(); // csp.html enforces Trusted Types: parse elsewhere
    const expectedHtml = await blank.evaluate((s) => new DOMParser().parseFromString(s, 'text/html').querySelector('main').innerHTML, source);
    await blank.close();
    if (html !== expectedHtml) { const i = [...html].findIndex((c, k) => c !== expectedHtml[k]); assert.fail(`differs at ${i}: ${JSON.stringify(html.slice(i - 80, i + 80))} vs ${JSON.stringify(expectedHtml.slice(i - 80, i + 80))}`); }
    assert.ok(await page.evaluate(() => document.querySelector('article p').firstChild === window.firstText));
    await page.close();
  } finally {
    await env.bg(() => (globalThis.browser ?? chrome).storage.local.remove('settings'));
  }
});

test('no request leaves the page\'s own origin (pages, frames and, in Chromium\'s network log, the service worker), and time to first highlight on a 2 MB page', async () => {
  const page = await env.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const t0 = Date.now();
  await page.goto(new URL('big.html', env.url).href);
  const tLoad = Date.now();
  await until(async () => page.evaluate(() => CSS.highlights.size > 0), { timeout: 30000, interval: 10, what: 'highlights on the big page' });
  const tPaint = Date.now();
  // The first highlight is what is on screen; the whole page follows: every mention the core finds in
  // the page's paragraphs.
  const paras = await page.evaluate(() => [...document.querySelectorAll('p')].map((p) => p.textContent));
  const n = lens.scan(paras.join('\n\n'), { types: DEFAULT_TYPES }).length;
  assert.ok(n > 1000, `${n} mentions`);
  await until(async () => (await page.evaluate(() => [...CSS.highlights.values()].reduce((a, h) => a + h.size, 0))) === n,
    { timeout: 60000, what: `${n} highlights on the big page` });
  const origin = new URL(env.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith(env.scheme) && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  if (env.netLog) {
    // Chromium: the browser's own network log, where the service worker's requests appear too. A
    // request the service worker makes must show up there, or the check could not see it at all.
    const canary = new URL(`service-worker-canary-${Date.now()}.txt`, env.url).href;
    await env.bg((u) => fetch(u).then(() => true, () => false), canary);
    const log = await until(() => {
      const reqs = netLogRequests(env.netLog);
      return reqs.some((r) => r.url === canary) && reqs;
    }, { timeout: 20000, what: 'the service worker\'s request in the network log' });
    assert.ok(log.some((r) => r.url === new URL('big.html', env.url).href), 'the page\'s own request is in the log too');
    const ours = log.filter((r) => r.initiator === origin || r.initiator === `chrome-extension://${env.id}`);
    assert.ok(ours.length > 0);
    assert.deepEqual(ours.filter((r) => new URL(r.url).origin !== origin), []);
  }
  const bytes = fs.statSync(path.join(OUT, 'site', 'big.html')).size;
  const line = `${browser}: time to first highlight, ${(bytes / 1e6).toFixed(1)} MB page: ${tPaint - tLoad} ms after load (${tPaint - t0} ms after navigation start), ${n} ranges`;
  await page.close();
  // The same after the background was stopped (as the browser stops an idle one): the first scan
  // waits for its wake and its lens: without dictionaries the scan-only module's, with one the whole
  // API's read back from the compiled lens cache (ui/lens-cache.js); the two alternate, three times each.
  const runs = await firstHighlightAfterStops(env, n);
  const line2 = `${browser}: time to first highlight after load, background stopped before each, no dictionaries: ${runs.none.join(', ')}; ` +
    `with one dictionary: ${runs.dictionary.join(', ')}`;
  fs.writeFileSync(env.out('first-highlight.txt'), `${line}\n${line2}\n`);
  console.log(line);
  console.log(line2);
});

test('keyboard commands step through every highlighted name in document order, with its card', async () => {
  const page = await open('csp.html');
  // The article's mentions in document order, from the core in Node.
  const want = lens.scan(SEEDS[1], { types: DEFAULT_TYPES }).map((m) => ({ entity: m.entity, text: m.text }));
  await until(async () => (await highlighted(page)).length === want.length, { what: 'highlights' });
  const tab = await tabId(env, '/csp.html');
  // What the command handler sends to the page (the shortcut itself is browser UI).
  const step = (dir) => env.bg(([t, d]) => (globalThis.browser ?? chrome).tabs.sendMessage(t, { type: 'step', dir: d }, { frameId: 0 }), [tab, dir]);
  const shown = () => page.evaluate(() => ({
    card: document.querySelector('factionlens-card')?.shadowRoot.querySelector('.fl-card')?.dataset.entity,
    current: [...(CSS.highlights.get('fl-current') || [])].map((r) => r.toString())[0],
  }));
  const visit = async (i, res) => {
    assert.equal(res.index, i);
    assert.equal(res.count, want.length);
    assert.equal(res.entity, want[i].entity, `step ${i}`);
    const s = await until(async () => { const x = await shown(); return x.card === want[i].entity && x.current === want[i].text && x; }, { what: `the card and the current mention of step ${i} (${want[i].text})` });
    assert.equal(s.current, want[i].text);
  };
  for (let i = 0; i < want.length; i++) await visit(i, await step(1));
  await visit(0, await step(1)); // next from the last wraps to the first
  await visit(want.length - 1, await step(-1)); // previous from the first wraps to the last
  await visit(want.length - 2, await step(-1));
  await page.close();
});
newsFixtureTests(() => env);
messagingTests(() => env);
storageTests(() => env);
accessTests(() => env);
a11yTests(() => env);
scanModuleTests(() => env);
lensCacheTests(() => env);
paintFidelityTests(() => env);
});
