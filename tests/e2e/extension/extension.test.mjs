// The extension in real Chromium on fixture news pages: highlights (names split across inline tags,
// dynamic content, shadow roots, iframes, strict CSP with Trusted Types), forms and editable areas
// untouched, cards on hover, the popup's list and counts, the badge, per-site off restoring the page
// exactly, the <mark> mode, and no network request.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, highlighted, until, tabId, pageSnapshot, netLogRequests, core, SEEDS, DEFAULT_TYPES, OUT } from './helpers.mjs';

let env;
const lens = new core.Lens();

test.before(async () => { env = await setup(); });
test.after(async () => { await env?.close(); });

async function open(file) {
  const page = await env.ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.errors = errors;
  await page.goto(new URL(file, env.url).href);
  return page;
}

/** Highlighted texts expected for a seed article (default types), as a multiset. */
function expected(text) {
  const m = new Map();
  for (const x of lens.scan(text, { types: DEFAULT_TYPES })) m.set(x.text, (m.get(x.text) || 0) + 1);
  return m;
}

test('highlights every group of the article, with names split across inline tags', async () => {
  const page = await open('news.html');
  const ranges = await until(async () => {
    const r = await highlighted(page);
    return r.length > 15 && r;
  }, { what: 'highlights' });
  const got = new Map();
  for (const r of ranges) got.set(r.text, (got.get(r.text) || 0) + 1);
  for (const [text, n] of expected(SEEDS[0])) {
    assert.ok((got.get(text) || 0) >= n, `"${text}": expected at least ${n}, got ${got.get(text) || 0}`);
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
  await page.screenshot({ path: path.join(OUT, 'news.png') });
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
    const r = [...CSS.highlights.get('fl-armed_group')][0].getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
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
  const rect = await page.evaluate(() => {
    for (const r of CSS.highlights.get('fl-armed_group')) {
      if (r.toString() === 'Asaib Ahl al-Haq') { const b = r.getClientRects()[0]; return { x: b.left + 4, y: b.top + b.height / 2 }; }
    }
    return null;
  });
  await page.mouse.move(rect.x, rect.y);
  const card = await until(() => page.evaluate(() => {
    const host = document.querySelector('factionlens-card');
    const box = host && host.shadowRoot.querySelector('.fl-card');
    return box && { entity: box.dataset.entity, name: box.querySelector('.fl-card-name')?.textContent, text: box.textContent };
  }), { what: 'card' });
  assert.equal(card.entity, 'asaib-ahl-al-haq');
  assert.equal(card.name, "Asa'ib Ahl al-Haq");
  assert.match(card.text, /Qais al-Khazali/);
  assert.match(card.text, /FTO/);
  await page.screenshot({ path: path.join(OUT, 'card.png') });
  await page.mouse.move(5, 790);
  await until(() => page.evaluate(() => !document.querySelector('factionlens-card')), { what: 'card hidden' });
  await page.close();
});

test('popup lists the page\'s entities with counts, the badge counts mentions, a click goes to the next mention', async () => {
  const page = await open('news.html');
  await until(async () => (await highlighted(page)).length > 15, { what: 'highlights' });
  await new Promise((r) => setTimeout(r, 800)); // the late block and frame reports
  const total = (await highlighted(page)).length + (await highlighted(page.frames().find((f) => f.url().endsWith('frame.html')))).length;
  const tab = await tabId(env.sw, '/news.html');
  assert.equal(await env.sw.evaluate((t) => chrome.action.getBadgeText({ tabId: t }), tab), String(total));
  const popup = await env.ctx.newPage();
  await popup.goto(`chrome-extension://${env.id}/popup.html?tab=${tab}`);
  const rows = await until(async () => {
    const r = await popup.evaluate(() => [...document.querySelectorAll('#entities button')].map((b) => ({
      id: b.dataset.entity, name: b.querySelector('.fl-name').textContent, count: Number(b.querySelector('.fl-count').textContent) })));
    return r.length > 0 && r;
  }, { what: 'popup list' });
  assert.equal(rows.reduce((n, r) => n + r.count, 0), total);
  const kh = rows.find((r) => r.id === 'kataib-hezbollah');
  assert.ok(kh && kh.count >= 3, JSON.stringify(rows));
  assert.equal(await popup.textContent('#host'), '127.0.0.1');
  await popup.screenshot({ path: path.join(OUT, 'popup.png') });
  // Next mention: the page scrolls to it and opens its card.
  await page.evaluate(() => window.scrollTo(0, 0));
  await popup.click('#entities button[data-entity="kataib-hezbollah"]');
  await popup.click('#entities button[data-entity="kataib-hezbollah"]');
  await until(() => page.evaluate(() => window.scrollY > 0), { what: 'scroll' });
  await until(() => page.evaluate(() => document.querySelector('factionlens-card')?.shadowRoot.querySelector('.fl-card')?.dataset.entity === 'kataib-hezbollah'), { what: 'card of next mention' });
  assert.match(await popup.textContent('#entities button[data-entity="kataib-hezbollah"] .fl-count'), /^2\/\d+$/);
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
  const tab = await tabId(env.sw, '/news.html');
  const popup = await env.ctx.newPage();
  await popup.goto(`chrome-extension://${env.id}/popup.html?tab=${tab}`);
  await popup.waitForSelector('#site:not([disabled])');
  await popup.uncheck('#site');
  for (const { file, click, page, before } of pages) {
    await until(async () => (await highlighted(page)).length === 0, { what: `highlights removed on ${file}` });
    const after = await pageSnapshot(page);
    assert.equal(after.text, before.text, file);
    assert.equal(after.elements, before.elements, file);
    assert.equal(after.html, before.html, file);
    await page.click(click);
    assert.equal(await page.evaluate(() => window.clicks), 1, `the click handler of ${file} still works`);
  }
  assert.equal(await env.sw.evaluate((t) => chrome.action.getBadgeText({ tabId: t }), tab), '');
  await popup.check('#site');
  for (const { file, page } of pages) {
    await until(async () => (await highlighted(page)).length > 0, { what: `highlights back on ${file}` });
    await page.close();
  }
  await popup.close();
});

test('<mark> mode: marks with the card on focus, and turning it off restores the same nodes', async () => {
  await env.sw.evaluate(() => chrome.storage.local.set({ settings: { mode: 'marks', types: ['armed_group', 'person'] } }));
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
    await page.evaluate(() => { window.firstText = document.querySelector('article p').firstChild; });
    await env.sw.evaluate(() => chrome.storage.local.get('settings').then(({ settings }) => chrome.storage.local.set({ settings: { ...settings, enabled: false } })));
    await until(() => page.evaluate(() => document.querySelectorAll('mark').length === 0), { what: 'marks removed' });
    const html = await page.evaluate(() => document.querySelector('main').innerHTML);
    // The page as served, parsed by the same browser.
    const source = fs.readFileSync(path.join(OUT, 'site', 'csp.html'), 'utf8');
    const blank = await env.ctx.newPage(); // csp.html enforces Trusted Types: parse elsewhere
    const expectedHtml = await blank.evaluate((s) => new DOMParser().parseFromString(s, 'text/html').querySelector('main').innerHTML, source);
    await blank.close();
    if (html !== expectedHtml) { const i = [...html].findIndex((c, k) => c !== expectedHtml[k]); assert.fail(`differs at ${i}: ${JSON.stringify(html.slice(i - 80, i + 80))} vs ${JSON.stringify(expectedHtml.slice(i - 80, i + 80))}`); }
    assert.ok(await page.evaluate(() => document.querySelector('article p').firstChild === window.firstText));
    await page.close();
  } finally {
    await env.sw.evaluate(() => chrome.storage.local.remove('settings'));
  }
});

test('no request leaves the page\'s own origin (pages, frames and the service worker), and time to first highlight on a 2 MB page', async () => {
  const page = await env.ctx.newPage();
  const t0 = Date.now();
  await page.goto(new URL('big.html', env.url).href);
  const tLoad = Date.now();
  await until(async () => page.evaluate(() => CSS.highlights.size > 0), { timeout: 30000, what: 'highlights on the big page' });
  const tPaint = Date.now();
  const n = await page.evaluate(() => [...CSS.highlights.values()].reduce((a, h) => a + h.size, 0));
  assert.ok(n > 1000, `${n} highlights`);
  const origin = new URL(env.url).origin;
  // The check reads the browser's own network log. A request the service worker makes must show up
  // there, or the check could not see the background's requests at all.
  const canary = new URL(`service-worker-canary-${Date.now()}.txt`, env.url).href;
  await env.sw.evaluate((u) => fetch(u).then(() => true, () => false), canary);
  const log = await until(() => {
    const reqs = netLogRequests(env.netLog);
    return reqs.some((r) => r.url === canary) && reqs;
  }, { timeout: 20000, what: 'the service worker\'s request in the network log' });
  assert.ok(log.some((r) => r.url === new URL('big.html', env.url).href), 'the page\'s own request is in the log too');
  // Every request made by the fixture site's pages or by the extension stays on the site's origin
  // (the browser's own housekeeping requests have no initiator and are not the product's).
  const ours = log.filter((r) => r.initiator === origin || r.initiator === `chrome-extension://${env.id}`);
  assert.ok(ours.length > 0);
  const foreign = ours.filter((r) => new URL(r.url).origin !== origin);
  assert.deepEqual(foreign, []);
  const bytes = fs.statSync(path.join(OUT, 'site', 'big.html')).size;
  const line = `time to first highlight, ${(bytes / 1e6).toFixed(1)} MB page: ${tPaint - tLoad} ms after load (${tPaint - t0} ms after navigation start), ${n} ranges`;
  fs.writeFileSync(path.join(OUT, 'first-highlight.txt'), line + '\n');
  console.log(line);
  await page.close();
});

test('keyboard commands step through every highlighted name in document order, with its card', async () => {
  const page = await open('csp.html');
  // The names in document order, from the core over the page's text as the highlighter collects it
  // (a line break leaving a paragraph, the newline between the <p>s, a line break entering the next),
  // default types only.
  const paragraphs = SEEDS[1].split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const want = lens.scan(paragraphs.join('\n\n\n'), { types: DEFAULT_TYPES });
  assert.ok(want.length > 5);
  await until(async () => (await highlighted(page)).length >= want.length, { what: 'highlights' });
  const tab = await tabId(env.sw, '/csp.html');
  // What the command handler sends to the page (the shortcut itself is browser UI).
  const step = (dir) => env.sw.evaluate(([t, d]) => chrome.tabs.sendMessage(t, { type: 'step', dir: d }, { frameId: 0 }), [tab, dir]);
  // The card open, and the mention marked as current.
  const shown = () => page.evaluate(() => ({
    card: document.querySelector('factionlens-card')?.shadowRoot.querySelector('.fl-card')?.dataset.entity,
    current: [...(CSS.highlights.get('fl-current') || [])].map((r) => r.toString()).join('|'),
  }));
  const expectStep = async (res, i, what) => {
    assert.deepEqual({ index: res.index, count: res.count, entity: res.entity }, { index: i, count: want.length, entity: want[i].entity }, what);
    await until(async () => {
      const s = await shown();
      return s.card === want[i].entity && s.current === want[i].text;
    }, { what: `card and current mention of ${what} (${want[i].entity}: ${want[i].text})` });
  };
  const steps = Math.min(want.length, 8);
  for (let i = 0; i < steps; i++) await expectStep(await step(1), i, `step ${i + 1} forward`);
  await expectStep(await step(-1), steps - 2, 'one back');
  for (let i = steps - 2; i > 0; i--) await step(-1);
  await expectStep(await step(-1), want.length - 1, 'previous from the first wraps to the last');
  await expectStep(await step(1), 0, 'next from the last wraps to the first');
  await page.close();
});
