// Hostile input for the extension, in real Chromium and real Firefox ESR (the same assertions): a custom dictionary full of XSS vectors (through
// the options page, into cards on a page that also carries XSS-looking text), a bad dictionary
// (refused with its line, nothing lost), a page of a million text nodes (painted in slices: the page's
// own timers keep running), nesting 10k deep, and one 1 MB word.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, highlighted, until, OUT, SITE } from './helpers.mjs';
import { BROWSERS } from './browsers.mjs';

const EVIL = {
  entity: [{
    id: 'evil-brigade',
    name: '<img src=x onerror="window.__pwned=1">Evil Brigade',
    type: 'armed_group',
    aliases: ['Evil Brigade', '<Svg onload="window.__pwned=2">'],
    description: '<script>window.__pwned=3</script><a href="javascript:window.__pwned=4">click</a>',
    sources: ['https://example.org/evil?q=%22%3E%3Cimg%20src=x%20onerror=window.__pwned=6%3E'],
    relations: [{ rel: 'member_of', target: 'popular-mobilization-forces', sources: ['https://example.org/rel'], note: '<b onmouseover=alert(1)>x</b>' }],
  }],
};

for (const browser of BROWSERS) describe(browser, () => {
let env;
before(async () => { env = await setup(browser); });
after(async () => { await env?.close(); });

async function uploadDictionary(name, text) {
  const file = path.join(OUT, name);
  fs.writeFileSync(file, text);
  const options = await env.extPage('options.html');
  await options.waitForSelector('#file');
  await options.evaluate(() => { document.getElementById('status').textContent = ''; });
  await env.upload(options, '#file', file);
  const status = await until(() => options.$eval('#status', (e) => e.textContent.trim()), { what: 'status' });
  const list = await options.$$eval('#dicts li', (lis) => lis.map((li) => li.textContent));
  return { options, status, list };
}

test('XSS vectors in a custom dictionary and in the page stay inert, in cards too', async () => {
  fs.writeFileSync(path.join(SITE, 'xss.html'), `<!doctype html><meta charset="utf-8"><title>xss</title><body><article>
<p>&lt;img src=x onerror="window.__pwned=7"&gt; The Evil Brigade struck, then &lt;script&gt;window.__pwned=8&lt;/script&gt; Kataib Hezbollah.</p>
<p><a href="javascript:void(0)">Evil Brigade</a> and &lt;Svg onload="window.__pwned=2"&gt; again.</p></article></body>`);
  const { options, status } = await uploadDictionary('evil.json', JSON.stringify(EVIL));
  assert.match(status, /Loaded 1 entity from evil\.json/);
  // The list shows the names as text.
  assert.equal(await options.evaluate(() => document.querySelectorAll('#dicts img, #dicts svg, #dicts script').length), 0);
  await options.close();
  const page = await env.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(new URL('xss.html', env.url).href);
  const ranges = await until(async () => { const r = await highlighted(page); return r.filter((x) => x.text === 'Evil Brigade').length >= 2 && r; }, { what: 'evil highlights' });
  assert.ok(ranges.some((r) => r.text === 'Kataib Hezbollah'));
  // The alias that is itself markup matched as text (the span covers its letters, not the brackets), never as HTML.
  assert.ok(ranges.some((r) => r.text.startsWith('Svg onload="window.__pwned=2')), JSON.stringify(ranges.map((r) => r.text)));
  const rect = await page.evaluate(() => {
    for (const h of CSS.highlights.values()) for (const r of h) if (r.toString() === 'Evil Brigade') { const b = r.getClientRects()[0]; return { x: b.left + 5, y: b.top + b.height / 2 }; }
    return null;
  });
  await page.mouse.move(rect.x, rect.y);
  const card = await until(() => page.evaluate(() => {
    const box = document.querySelector('factionlens-card')?.shadowRoot.querySelector('.fl-card');
    return box && {
      name: box.querySelector('.fl-card-name').textContent,
      elements: [...box.querySelectorAll('*')].map((e) => e.localName),
      links: [...box.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      text: box.textContent,
    };
  }), { what: 'card' });
  assert.equal(card.name, EVIL.entity[0].name);
  assert.ok(!card.elements.some((e) => ['img', 'svg', 'script', 'iframe', 'b'].includes(e)), card.elements.join(' '));
  assert.ok(card.links.every((h) => /^https:\/\//.test(h)), card.links.join(' '));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  await page.close();
});

test('a dictionary with a javascript: source is refused before it reaches a card', async () => {
  const bad = JSON.parse(JSON.stringify(EVIL));
  bad.entity[0].id = 'evil-two';
  bad.entity[0].sources = ['javascript:window.__pwned=5'];
  const { options, status } = await uploadDictionary('evil2.json', JSON.stringify(bad));
  assert.match(status, /evil2\.json:1: entity `evil-two`: field `sources`/);
  await options.close();
});

test('a bad dictionary is refused with its line and field; the ones in force stay', async () => {
  const first = await uploadDictionary('good.csv', 'id,name,type,aliases\nzz-test,Zulfiqar Test Brigade,armed_group,ZTB Force\n');
  assert.match(first.status, /Loaded 1 entity/);
  await first.options.close();
  const bad = await uploadDictionary('bad.csv', 'id,name,type,aliases\nok,Okay,armed_group,\nbroken,Broken,militia,\n');
  assert.match(bad.status, /bad\.csv:3/);
  assert.match(bad.status, /militia/);
  assert.equal(bad.list.filter((t) => /good\.csv/.test(t)).length, 1);
  assert.ok(!bad.list.some((t) => /bad\.csv/.test(t)));
  await bad.options.close();
  const stored = await env.bg(() => (globalThis.browser ?? chrome).storage.local.get('dictionaries'));
  assert.ok(JSON.stringify(stored).includes('Zulfiqar Test Brigade'));
  assert.ok(!JSON.stringify(stored).includes('militia'));
});

test('a TOML dictionary loads (the page is painted with it); a TOML syntax error names its line', async () => {
  // The .wasm reads no TOML: the options page and the background convert it (ui/dictionary-text.js).
  const toml = '# made-up\n[[entity]]\nid = "zz-toml"\nname = "Yarmouk Toml Brigade"\ntype = "armed_group"\n';
  const good = await uploadDictionary('good.toml', toml);
  assert.match(good.status, /Loaded 1 entity/);
  await good.options.close();
  fs.writeFileSync(path.join(SITE, 'toml.html'), '<!doctype html><meta charset="utf-8"><title>t</title><p>The Yarmouk Toml Brigade met Kataib Hezbollah.</p>');
  const page = await env.newPage();
  await page.goto(new URL('toml.html', env.url).href);
  await until(async () => (await highlighted(page)).some((r) => r.text === 'Yarmouk Toml Brigade'), { what: 'the TOML entity painted' });
  await page.close();
  // Line 4 opens a string it never closes.
  const broken = '[[entity]]\nid = "zz-broken"\ntype = "armed_group"\nname = "Broken\n';
  const bad = await uploadDictionary('broken.toml', broken);
  assert.match(bad.status, new RegExp(`broken\\.toml:${broken.split('\n').indexOf('name = "Broken') + 1}: `));
  assert.ok(!bad.list.some((t) => /broken\.toml/.test(t)));
  await bad.options.close();
});

test('a page of a million text nodes is painted in slices; the page keeps running', async () => {
  const paras = [];
  for (let i = 0; i < 120_000; i++) {
    paras.push(i % 50 === 0 ? '<p><i>Kataib</i> <b>Hezbollah</b> <i>and</i> <b>the</b> <i>PMF</i></p>' : '<p><i>a</i> <b>b</b> <i>c</i> <b>d</b> <i>e</i></p>');
  }
  fs.writeFileSync(path.join(SITE, 'million.html'), `<!doctype html><meta charset="utf-8"><title>1M</title><body>${paras.join('')}
<script>window.ticks = 0; setInterval(() => window.ticks++, 10);</script></body>`);
  const page = await env.newPage();
  await page.goto(new URL('million.html', env.url).href, { timeout: 120000 });
  const nodes = await page.evaluate(() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let n = 0; while (w.nextNode()) n++; return n; });
  assert.ok(nodes >= 1_000_000, `${nodes} text nodes`);
  const t0 = await page.evaluate(() => window.ticks);
  await until(() => page.evaluate(() => (CSS.highlights.get('fl-armed_group')?.size || 0) >= 2400), { timeout: 120000, interval: 250, what: 'highlights' });
  const t1 = await page.evaluate(() => window.ticks);
  assert.equal(await page.evaluate(() => CSS.highlights.get('fl-armed_group').size), 2400);
  assert.ok(t1 - t0 >= 3, `the page's timer ran ${t1 - t0} times while FactionLens worked`);
  await page.close();
});

test('nesting 10k deep and a 1 MB word', async () => {
  const depth = 10_000;
  fs.writeFileSync(path.join(SITE, 'deep.html'), `<!doctype html><meta charset="utf-8"><title>deep</title><body><p>${'<span>'.repeat(depth)}The Kataib Hezbollah${'</span>'.repeat(depth)}</p>
<p>${'x'.repeat(1_000_000)} Asaib Ahl al-Haq</p></body>`);
  const page = await env.newPage();
  await page.goto(new URL('deep.html', env.url).href);
  const r = await until(async () => { const h = await highlighted(page); return h.length >= 2 && h; }, { timeout: 60000, what: 'highlights' });
  assert.deepEqual(r.map((x) => x.text).sort(), ['Asaib Ahl al-Haq', 'Kataib Hezbollah']);
  await page.close();
});
});
