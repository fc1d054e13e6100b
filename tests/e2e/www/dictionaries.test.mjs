// Custom dictionaries in the page (good and bad files, persistence across reloads, removal,
// replace vs merge) and XSS vectors in pasted text, uploaded HTML and dictionary fields.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setup, openPage, pasteAndScan, uploadArticle, pageMarks, pairs, loadCore, FIXTURES, SEEDS } from './helpers.mjs';

let env, core, dir;
before(async () => {
  env = await setup();
  core = await loadCore();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-www-dicts-'));
});
after(async () => {
  await env?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const TEXT = 'Fighters of Liwa al-Test and the Test Brigade met Kataib Hezbollah commanders near Baghdad.';

async function addDictionary(page, file, { replace = false } = {}) {
  if (replace) await page.check('#dict-replace'); else await page.uncheck('#dict-replace');
  const previous = await page.textContent('#dict-status');
  await page.setInputFiles('#dict-file', file);
  await page.waitForFunction((b) => { const t = document.getElementById('dict-status').textContent; return t !== b && !t.startsWith('Loading '); }, previous);
}

test('a good CSV dictionary is loaded, kept across reloads, merged, and removable', async () => {
  const { page, context } = await openPage(env);
  const builtinSize = Number((await page.textContent('#engine')).match(/(\d+) entities/)[1]);
  // The picker offers the extensions the core reads (JSON, TOML, CSV, FollowTheMoney lines).
  assert.equal(await page.getAttribute('#dict-file', 'accept'), '.json,.toml,.csv,.jsonl,.ftm,.ndjson');
  await pasteAndScan(page, TEXT);
  assert.ok(!(await pageMarks(page)).some((m) => m.entity === 'liwa-al-test'));

  await addDictionary(page, path.join(FIXTURES, 'dicts', 'good.csv'));
  assert.match(await page.textContent('#dict-status'), /Loaded 1 entity from good\.csv \(CSV\): liwa-al-test/);
  assert.equal(await page.$eval('#dict-error', (e) => e.hidden), true);
  await page.waitForSelector('body[data-scan="done"]');
  let ids = (await pageMarks(page)).map((m) => m.entity);
  assert.ok(ids.includes('liwa-al-test'), 'the made-up group is marked');
  assert.ok(ids.includes('kataib-hezbollah'), 'merged with the built-in KB');
  assert.match(await page.textContent('#dict-list'), /good\.csv/);

  // Kept across reloads (IndexedDB).
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]');
  assert.match(await page.textContent('#dict-list'), /good\.csv.*1 entity/s);
  await pasteAndScan(page, TEXT);
  ids = (await pageMarks(page)).map((m) => m.entity);
  assert.ok(ids.includes('liwa-al-test'));

  // The card of a dictionary entity says where it came from.
  await page.hover('#doc mark[data-entity="liwa-al-test"] >> nth=0');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  assert.match(await page.textContent('#fl-card-popup'), /From dictionary: good\.csv/);
  await page.mouse.move(0, 0);

  // Removal.
  await page.click('#dict-list button:has-text("Remove")');
  await page.waitForFunction(() => !document.querySelector('#dict-list li'));
  await page.waitForSelector('body[data-scan="done"]');
  ids = (await pageMarks(page)).map((m) => m.entity);
  assert.ok(!ids.includes('liwa-al-test'));
  assert.ok(ids.includes('kataib-hezbollah'));
  assert.match(await page.textContent('#kb-size'), new RegExp(`${builtinSize} entities`));
  await context.close();
});

test('replace mode: only the dictionary is in force', async () => {
  const { page, context } = await openPage(env);
  await addDictionary(page, path.join(FIXTURES, 'dicts', 'good.toml'), { replace: true });
  assert.match(await page.textContent('#kb-size'), /in force: 1 entities/);
  await pasteAndScan(page, TEXT);
  const ids = new Set((await pageMarks(page)).map((m) => m.entity));
  assert.deepEqual([...ids], ['liwa-al-test']);
  await page.click('#dict-list button:has-text("Remove")');
  await page.waitForFunction(() => !document.querySelector('#dict-list li'));
  await context.close();
});

test('a bad dictionary shows the exact error and the dictionaries in force keep working', async () => {
  const { page, context } = await openPage(env);
  await addDictionary(page, path.join(FIXTURES, 'dicts', 'good.json'));
  for (const bad of ['bad-header.csv', 'bad-type.toml', 'bad-line.jsonl', 'dup-id.json']) {
    const file = path.join(FIXTURES, 'dicts', bad);
    const text = fs.readFileSync(file, 'utf8');
    const format = bad.endsWith('.csv') ? 'csv' : bad.endsWith('.toml') ? 'toml' : bad.endsWith('.jsonl') ? 'ftm' : 'json';
    await addDictionary(page, file);
    await page.waitForSelector('#dict-error:not([hidden])');
    if (format === 'toml') {
      // The web core reads no TOML (the page converts it to the JSON form): the message must still name
      // the line of the bad value in the file.
      assert.match(await page.textContent('#dict-error'), new RegExp(`^${bad.replace('.', '\\.')}:${text.split('\n').findIndex((l) => l.includes('militia')) + 1}: unknown variant \`militia\``));
    } else {
      let expected;
      try { core.Lens.empty().loadDictionary(text, format, { name: bad }); } catch (e) { expected = e.message; }
      assert.ok(expected, `${bad} is rejected by the core`);
      assert.equal(await page.textContent('#dict-error'), expected, bad);
    }
    assert.match(await page.textContent('#dict-status'), new RegExp(`${bad.replace('.', '\\.')} was not loaded`));
  }
  assert.match(await page.textContent('#dict-error'), /line|:\d+/);
  assert.equal(await page.$$eval('#dict-list li', (l) => l.length), 1, 'only the good dictionary is saved');
  await pasteAndScan(page, TEXT);
  const ids = (await pageMarks(page)).map((m) => m.entity);
  assert.ok(ids.includes('liwa-al-test'), 'the earlier dictionary still works');
  assert.ok(ids.includes('kataib-hezbollah'), 'the built-in KB still works');
  await context.close();
});

test('a TOML dictionary with a syntax error: the message names the file and the line, nothing is saved', async () => {
  const { page, context } = await openPage(env);
  // Line 3 opens a string that the line never closes.
  const text = '[[entity]]\nid = "zz-syntax"\nname = "Zulu Syntax\ntype = "armed_group"\n';
  const line = text.split('\n').findIndex((l) => l === 'name = "Zulu Syntax') + 1;
  const file = path.join(dir, 'broken.toml');
  fs.writeFileSync(file, text);
  await addDictionary(page, file);
  await page.waitForSelector('#dict-error:not([hidden])');
  assert.match(await page.textContent('#dict-error'), new RegExp(`^broken\\.toml:${line}: .+ \\(column \\d+\\)$`));
  assert.match(await page.textContent('#dict-status'), /broken\.toml was not loaded/);
  assert.equal(await page.$$eval('#dict-list li', (l) => l.length), 0, 'nothing saved');
  await context.close();
});

const VECTORS = ['<img src=x onerror=window.__xss=1>', '<svg onload=window.__xss=1>', '<script>window.__xss=1</script>',
  '<iframe src="javascript:window.__xss=1"></iframe>', '"><img src=x onerror=window.__xss=1>'];

test('XSS vectors in pasted text, uploaded HTML and dictionary fields stay inert', async () => {
  const { page, context, requests } = await openPage(env);
  const origin = new URL(env.url).origin;
  const pasted = `Kataib Hezbollah ${VECTORS.join(' ')} Asaib Ahl al-Haq javascript:window.__xss=1`;
  await pasteAndScan(page, pasted);
  assert.equal(await page.$eval('#doc', (d) => d.textContent), pasted);
  assert.equal(await page.$$eval('#doc img, #doc svg, #doc script, #doc iframe', (e) => e.length), 0);

  const html = path.join(dir, 'evil.html');
  fs.writeFileSync(html, `<html><body><p>Kataib Hezbollah</p>${VECTORS.join('\n')}<a href="javascript:window.__xss=1">click</a><p onmouseover="window.__xss=1">Asaib Ahl al-Haq</p></body></html>`);
  await uploadArticle(page, html);
  assert.ok((await pageMarks(page)).some((m) => m.entity === 'kataib-hezbollah'));
  // The article's only elements are the page's own: its parts (one block per rendered batch) and marks.
  assert.equal(await page.$$eval('#doc *:not(mark.fl-mark):not(#doc > div.doc-part)', (e) => e.length), 0);

  // The core refuses a javascript: source outright, with an exact error.
  const bad = path.join(dir, 'evil-source.json');
  fs.writeFileSync(bad, JSON.stringify({ entity: [{ id: 'evil-src', name: 'Evil Source', type: 'armed_group', sources: ['javascript:window.__xss=1'] }] }));
  await addDictionary(page, bad);
  assert.match(await page.textContent('#dict-error'), /evil-source\.json:1: entity `evil-src`: field `sources`: `javascript:window\.__xss=1` is not a source/);

  const evil = {
    entity: [{
      id: 'evil-group',
      name: '<script>window.__xss=1</script> Liwa al-Evil',
      type: 'armed_group',
      aliases: ['Evil Brigade <img src=x onerror=window.__xss=1>', 'Liwa al-Evil'],
      description: '<img src=x onerror=window.__xss=1><svg onload=window.__xss=1>',
      sources: ['https://example.org/a?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dwindow.__xss%3D1%3E'],
      relations: [{ rel: 'member_of', target: 'popular-mobilization-forces', sources: ['https://example.org/rel'] }],
    }],
  };
  const dict = path.join(dir, 'evil.json');
  fs.writeFileSync(dict, JSON.stringify(evil));
  await addDictionary(page, dict);
  const status = await page.textContent('#dict-status');
  const err = await page.textContent('#dict-error');
  await pasteAndScan(page, 'The Evil Brigade and Liwa al-Evil and Kataib Hezbollah.');
  const marks = await pageMarks(page);
  if (marks.some((m) => m.entity === 'evil-group')) {
    await page.hover('#doc mark[data-entity="evil-group"] >> nth=0');
    await page.waitForSelector('#fl-card-popup:not([hidden])');
    const card = await page.textContent('#fl-card-popup');
    assert.ok(card.includes('<script>window.__xss=1</script>'), 'the name is shown as text');
    assert.ok(card.includes('<img src=x onerror=window.__xss=1><svg onload=window.__xss=1>'), 'the description is shown as text');
    const hrefs = await page.$$eval('#fl-card-popup a', (as) => as.map((a) => a.getAttribute('href')));
    for (const h of hrefs) assert.match(h, /^https:\/\/example\.org\//);
    await page.hover('#doc mark[data-entity="kataib-hezbollah"] >> nth=0');
    await page.waitForFunction(() => document.getElementById('fl-card-popup').dataset.entity === 'kataib-hezbollah');
    await page.hover('#doc mark[data-entity="evil-group"] >> nth=0');
    await page.waitForFunction(() => document.getElementById('fl-card-popup').dataset.entity === 'evil-group');
  } else {
    assert.fail(`the evil dictionary did not load: ${status} ${err}`);
  }
  // The export of the highlighted HTML escapes the names too.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="html"]')]);
  const out = path.join(dir, 'export.html');
  await dl.saveAs(out);
  const exported = fs.readFileSync(out, 'utf8');
  assert.ok(!exported.includes('<script>window.__xss'), 'exported HTML has no live script');
  const p2 = await context.newPage();
  await p2.setContent(exported);
  assert.equal(await p2.evaluate(() => window.__xss), undefined);
  await p2.close();

  // Let any image error handler fire, then check.
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.$$eval('a[href^="javascript:" i]', (a) => a.length), 0, 'no javascript: link');
  assert.equal(await page.$$eval('body img, body script:not([src]), body iframe', (e) => e.length), 0);
  for (const r of requests) assert.ok(r.startsWith(origin + '/') || r.startsWith('blob:'), r);
  await page.click('#dict-list button:has-text("Remove")');
  await context.close();
});

test('ui/card.js renders javascript: and other non-http sources as text, never as links', async () => {
  const { serve } = await import('../../../scripts/serve.mjs');
  const { ROOT } = await import('./helpers.mjs');
  const { server, url } = await serve(ROOT, { port: 0, quiet: true });
  const context = await env.browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(url + 'ui/styles.css');
    const out = await page.evaluate(async () => {
      const { renderCard, safeHttpUrl } = await import('/ui/card.js');
      const div = document.createElement('div');
      document.body.appendChild(div);
      let clicked = null;
      renderCard(div, {
        id: 'x', name: '<script>window.__xss=1</script>', type: 'armed_group', aliases: ['<svg onload=window.__xss=1>'],
        description: '<img src=x onerror=window.__xss=1>',
        sources: ['javascript:window.__xss=1', 'JaVaScRiPt:window.__xss=1', ' javascript:alert(1)', 'data:text/html,<script>window.__xss=1</script>', 'https://ok.example/a', 'seed.txt'],
        relations: [{ rel: 'member_of', target: 'y', sources: [] }], relation_names: ['<b>Y</b>'],
        designations: [{ by: 'US State Department', list: 'FTO', date: '2009-07-02', action: 'designated', sources: [] }],
      }, { onEntity: (id) => { clicked = id; }, seen: ['<i>x</i>'] });
      div.querySelector('button.fl-card-entity').click();
      await new Promise((r) => setTimeout(r, 100));
      return {
        hrefs: [...div.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.rel, a.target]),
        elements: div.querySelectorAll('script, img, svg, b, i').length,
        text: div.textContent,
        clicked,
        xss: window.__xss,
        safe: [safeHttpUrl('javascript:x'), safeHttpUrl('http://a.b/'), safeHttpUrl('//a.b'), safeHttpUrl(null)],
      };
    });
    assert.deepEqual(out.hrefs, [['https://ok.example/a', 'noopener noreferrer', '_blank']]);
    assert.equal(out.elements, 0);
    assert.ok(out.text.includes('<script>window.__xss=1</script>'));
    assert.ok(out.text.includes('javascript:window.__xss=1'));
    assert.equal(out.clicked, 'y');
    assert.equal(out.xss, undefined);
    assert.deepEqual(out.safe, [null, 'http://a.b/', null, null]);
  } finally {
    await context.close();
    await new Promise((r) => server.close(r));
  }
});

/** Whether the page's compiled lens cache (ui/lens-cache.js) holds an entry under `entry`. */
const cached = (page, entry) => page.evaluate((e) => new Promise((resolve, reject) => {
  const req = indexedDB.open('factionlens-lens-cache', 1);
  req.onupgradeneeded = () => req.result.createObjectStore('compiled');
  req.onerror = () => reject(req.error);
  req.onsuccess = () => {
    const get = req.result.transaction('compiled').objectStore('compiled').get(e);
    get.onsuccess = () => { req.result.close(); resolve(get.result?.bytes instanceof Uint8Array && get.result.bytes.length > 1000); };
    get.onerror = () => reject(get.error);
  };
}), entry);

async function reload(page) {
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
}

test('a reload reads the compiled lens back from IndexedDB (built-in, then with a dictionary) and marks the same', async () => {
  const { page, context, errors } = await openPage(env);
  try {
    const text = `${TEXT}\n\n${SEEDS[0].text}`;
    assert.equal(await page.getAttribute('body', 'data-lens'), 'built');
    await pasteAndScan(page, text);
    const builtMarks = pairs(await pageMarks(page));
    assert.ok(builtMarks.length > 10);
    await until(() => cached(page, 'builtin'), 'the built-in lens cached');
    await reload(page);
    assert.equal(await page.getAttribute('body', 'data-lens'), 'compiled');
    await pasteAndScan(page, text);
    assert.deepEqual(pairs(await pageMarks(page)), builtMarks);

    // With a dictionary: the first start after adding it builds (and caches) the lens with it, the next
    // reads it back, with the per-dictionary results of its build.
    await addDictionary(page, path.join(FIXTURES, 'dicts', 'good.csv'));
    await reload(page);
    assert.equal(await page.getAttribute('body', 'data-lens'), 'built');
    await until(() => cached(page, 'dictionaries'), 'the lens with the dictionary cached');
    await reload(page);
    assert.equal(await page.getAttribute('body', 'data-lens'), 'compiled');
    assert.match(await page.textContent('#dict-list'), /good\.csv.*1 entity/s);
    await pasteAndScan(page, text);
    const withDict = pairs(await pageMarks(page));
    assert.ok(withDict.some((p) => p.startsWith('liwa-al-test\u0000')), 'the dictionary entity is marked');
    assert.deepEqual(withDict.filter((p) => !p.startsWith('liwa-al-test\u0000')), builtMarks);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** Polls `fn` until it returns true. */
async function until(fn, what, timeout = 20000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeout) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
