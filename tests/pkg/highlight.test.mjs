// The DOM highlighter (factionlens/highlight) in real Chromium: names split across inline tags,
// nested tags, skipped elements, exact restoration by remove(), two highlights in a row, type filters,
// the per-mark callback, and the CSS Custom Highlight mode with hit-testing.

/* global hl, lens -- set by the fixture page's module script; page.evaluate callbacks run there */
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'test-output', 'pkg');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];

const FIXTURE = `<!doctype html><html><head><meta charset="utf-8"><title>fixture</title>
<style>::highlight(fl-armed_group){background:#fd0} body{font:16px/1.5 serif;width:700px}</style></head>
<body><article id="a">
<h1>Strikes on Kata'ib <b>Hezbollah</b></h1>
<p id="p1">Kata'ib <a href="#x"><b>Hez</b>bollah</a> and <em>Asa<i>’ib</i> Ahl</em> al-Haq claimed it; <span>Qais al-Khazali</span> spoke.</p>
<p id="p2">Kataib Hizballah</p><p>Hezbollah said nothing.</p>
<script>var s = "Kataib Hezbollah";</script><style>.x::after{content:"Kataib Hezbollah"}</style>
<textarea>Kataib Hezbollah</textarea><input value="Kataib Hezbollah"><select><option>Kataib Hezbollah</option></select>
<div contenteditable="true">Kataib Hezbollah in an editor</div><noscript>Kataib Hezbollah</noscript>
<pre><code id="code">Kataib Hezbollah in code</code></pre>
<p id="click">The Badr Organization <button>Kataib Hezbollah</button></p>
<p id="ar" dir="rtl">كتائب حزب الله والحشد الشعبي</p>
</article>
<script type="module">
import init, { Lens } from '/pkg/dist/web/index.js';
import * as hl from '/pkg/dist/highlight.js';
await init();
window.lens = new Lens();
window.hl = hl;
window.clicks = 0;
document.querySelector('#click').addEventListener('click', () => window.clicks++);
window.ready = true;
</script></body></html>`;

let server, url, browser, page;

test.before(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'highlight.html'), FIXTURE);
  ({ server, url } = await serve(ROOT, { port: 0, quiet: true }));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});
test.after(async () => {
  await browser?.close();
  server?.close();
});
test.beforeEach(async () => {
  page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.errors = errors;
  await page.goto(new URL("test-output/pkg/highlight.html", url).href);
  await page.waitForFunction(() => window.ready === true);
});
test.afterEach(async () => {
  assert.deepEqual(page.errors.map(String), []);
  await page.close();
});

/** A snapshot of every node under #a: type, name, text, and identity tag. */
const SNAPSHOT = () => {
  const walk = (node, out) => {
    if (!node.__id) node.__id = ++window.__ids || (window.__ids = 1);
    out.push([node.nodeType, node.nodeName, node.nodeType === 3 ? node.data : null, node.__id]);
    for (const c of node.childNodes) walk(c, out);
    return out;
  };
  return walk(document.querySelector('#a'), []);
};

test('marks names split across inline and nested tags, one mark per text node', async () => {
  const r = await page.evaluate(() => {
    const h = hl.highlight(document.querySelector('#p1'), lens);
    return {
      mentions: h.mentions.map((m) => [m.entity, m.text, m.marks.length]),
      marks: [...document.querySelectorAll('#p1 mark')].map((m) => [m.dataset.entity, m.dataset.type, m.textContent, m.className]),
    };
  });
  assert.deepEqual(r.mentions, [
    ['kataib-hezbollah', "Kata'ib Hezbollah", 3],
    ['asaib-ahl-al-haq', 'Asa’ib Ahl al-Haq', 4],
    ['qais-al-khazali', 'Qais al-Khazali', 1],
  ]);
  assert.deepEqual(r.marks.slice(0, 3), [
    ['kataib-hezbollah', 'armed_group', "Kata'ib ", 'fl-mark fl-t-armed_group'],
    ['kataib-hezbollah', 'armed_group', 'Hez', 'fl-mark fl-t-armed_group'],
    ['kataib-hezbollah', 'armed_group', 'bollah', 'fl-mark fl-t-armed_group'],
  ]);
  assert.equal(r.marks.length, 8);
});

test('skipped elements are never marked; blocks are not joined', async () => {
  const r = await page.evaluate(() => {
    const h = hl.highlight(document.querySelector('#a'), lens, { skipSelector: 'code, pre' });
    const inside = (sel) => document.querySelectorAll(`${sel} mark`).length;
    return {
      skipped: ['script', 'style', 'textarea', 'select', 'noscript', '[contenteditable]', 'code', 'button'].map(inside),
      input: document.querySelector('input').value,
      texts: h.mentions.map((m) => m.text),
    };
  });
  assert.deepEqual(r.skipped, [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(r.input, 'Kataib Hezbollah');
  // h1, p1 (three), p2, p3 (Hezbollah, the Lebanese party), Badr, two Arabic names.
  assert.deepEqual(r.texts, ["Kata'ib Hezbollah", "Kata'ib Hezbollah", 'Asa’ib Ahl al-Haq', 'Qais al-Khazali',
    'Kataib Hizballah', 'Hezbollah', 'Badr Organization', 'كتائب حزب الله', 'الحشد الشعبي']);
});

test('Arabic proclitics stay outside the mark', async () => {
  const marks = await page.evaluate(() => {
    hl.highlight(document.querySelector('#ar'), lens);
    return [...document.querySelectorAll('#ar mark')].map((m) => m.textContent);
  });
  assert.deepEqual(marks, ['كتائب حزب الله', 'الحشد الشعبي']);
  assert.equal(await page.textContent('#ar'), 'كتائب حزب الله والحشد الشعبي');
});

test('remove() restores the subtree exactly: same nodes, same text, handlers intact', async () => {
  const r = await page.evaluate((snap) => {
    const snapshot = new Function(`return (${snap})()`);
    const before = JSON.stringify(snapshot());
    const html = document.querySelector('#a').innerHTML;
    const h = hl.highlight(document.querySelector('#a'), lens);
    const during = document.querySelectorAll('#a mark').length;
    h.remove();
    h.remove(); // idempotent
    document.querySelector('#click').click();
    return { same: JSON.stringify(snapshot()) === before, html: document.querySelector('#a').innerHTML === html, during, clicks: window.clicks };
  }, SNAPSHOT.toString());
  assert.ok(r.during > 10);
  assert.ok(r.same, 'node identities and texts are unchanged');
  assert.ok(r.html);
  assert.equal(r.clicks, 1);
});

test('two highlights in a row: the second skips the first one\'s marks; removing both restores', async () => {
  const r = await page.evaluate(() => {
    const root = document.querySelector('#a');
    const text = root.textContent;
    const html = root.innerHTML;
    const a = hl.highlight(root, lens, { types: ['armed_group'] });
    const b = hl.highlight(root, lens, { types: ['person', 'umbrella'], classPrefix: 'fl-' });
    const nested = root.querySelectorAll('mark mark').length;
    const counts = [a.marks.length, b.marks.length];
    const textDuring = root.textContent;
    b.remove();
    a.remove();
    return { nested, counts, textSame: textDuring === text, restored: root.innerHTML === html };
  });
  assert.equal(r.nested, 0);
  assert.ok(r.counts[0] > 5 && r.counts[1] >= 2, JSON.stringify(r.counts));
  assert.ok(r.textSame);
  assert.ok(r.restored);
});

test('removing in the other order also restores', async () => {
  const ok = await page.evaluate(() => {
    const root = document.querySelector('#a');
    const html = root.innerHTML;
    const a = hl.highlight(root, lens, { types: ['armed_group'] });
    const b = hl.highlight(root, lens, { types: ['person'] });
    a.remove();
    b.remove();
    root.normalize();
    return root.innerHTML === html;
  });
  assert.ok(ok);
});

test('type filter, class prefix and the per-mark callback', async () => {
  const r = await page.evaluate(() => {
    const seen = [];
    const h = hl.highlight(document.querySelector('#a'), lens, {
      types: ['person'], classPrefix: 'zz-', each: (mark, m) => { mark.tabIndex = 0; seen.push(m.entity); },
    });
    return { seen, classes: h.marks.map((m) => m.className), tab: h.marks.every((m) => m.tabIndex === 0) };
  });
  assert.deepEqual(r.seen, ['qais-al-khazali']);
  assert.deepEqual(r.classes, ['zz-mark zz-t-person']);
  assert.ok(r.tab);
});

test('CSS Custom Highlight mode changes no node and hit-tests mentions', async () => {
  const r = await page.evaluate((snap) => {
    const snapshot = new Function(`return (${snap})()`);
    const before = JSON.stringify(snapshot());
    const h = hl.highlightRanges(document.querySelector('#a'), lens);
    const reg = [...CSS.highlights.keys()].sort();
    const unchanged = JSON.stringify(snapshot()) === before;
    const m = h.mentions.find((x) => x.entity === 'qais-al-khazali');
    const rect = m.range.getClientRects()[0];
    const hit = h.mentionAt(rect.left + rect.width / 2, rect.top + rect.height / 2);
    const miss = h.mentionAt(5, 5);
    h.remove();
    return { reg, unchanged, hit: hit && hit.entity, miss, after: CSS.highlights.size, n: h.mentions.length };
  }, SNAPSHOT.toString());
  assert.ok(r.unchanged);
  assert.deepEqual(r.reg, ['fl-armed_group', 'fl-person', 'fl-state_security', 'fl-umbrella'].filter((t) => r.reg.includes(t)));
  assert.ok(r.reg.includes('fl-armed_group'));
  assert.equal(r.hit, 'qais-al-khazali');
  assert.equal(r.miss, null);
  assert.equal(r.after, 0);
  assert.equal(r.n, 10, "the mentions of the skipped-elements test plus the one in <code>");
  await page.screenshot({ path: path.join(OUT, 'highlight.png') });
});

test('painting keeps every mention the core reports, on a real-shaped page (marks and ranges)', async () => {
  // The seed articles as a news page, with inline tags inside and around words (every 5th word in <b>,
  // every 7th split in two by <i>), so mentions cross text nodes; three copies (about 100 KB of text).
  const dir = path.join(ROOT, 'tests', 'fixtures');
  const seeds = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  let w = 0;
  const para = (p) => p.split(' ').map((word) => {
    w++;
    if (w % 7 === 0 && word.length > 3) return `${esc(word.slice(0, 2))}<i>${esc(word.slice(2))}</i>`;
    return w % 5 === 0 ? `<b>${esc(word)}</b>` : esc(word);
  }).join(' ');
  const html = [1, 2, 3].flatMap(() => seeds.flatMap((t) => t.split(/\n\s*\n/).filter((p) => p.trim()).map((p) => `<p>${para(p.trim())}</p>`))).join('\n');
  const r = await page.evaluate((inner) => {
    const root = document.createElement('section');
    root.innerHTML = inner;
    document.body.append(root);
    // What the core reports for the collected text (the painters' own input), in order.
    const want = lens.scan(hl.collectText(root).text).map((m) => [m.entity, m.text]);
    const before = root.textContent;
    const h = hl.highlight(root, lens);
    const marks = h.mentions.map((m) => [m.entity, m.marks.map((x) => x.textContent).join('')]);
    // Every mark in the page, in document order, belongs to its mention in the same order.
    const inPage = [...root.querySelectorAll('mark.fl-mark')];
    const order = inPage.every((m, i) => m === h.marks[i]) && inPage.length === h.marks.length;
    const ids = inPage.map((m) => m.dataset.entity).join() === h.mentions.flatMap((m) => m.marks.map(() => m.entity)).join();
    const textKept = root.textContent === before;
    h.remove();
    const restored = root.textContent === before && !root.querySelector('mark');
    const g = hl.highlightRanges(root, lens);
    const ranges = g.mentions.map((m) => [m.entity, m.range.toString()]);
    const registered = [...CSS.highlights.values()].reduce((n, x) => n + x.size, 0);
    g.remove();
    return { want, marks, order, ids, textKept, restored, ranges, registered, nodes: hl.collectText(root).nodes.length };
  }, html);
  assert.ok(r.want.length > 300, `${r.want.length} mentions`);
  assert.ok(r.nodes > 1000, `${r.nodes} text nodes`);
  assert.deepEqual(r.marks, r.want);
  assert.ok(r.order, 'marks in document order');
  assert.ok(r.ids, 'each mark carries its mention\'s entity');
  assert.ok(r.textKept && r.restored);
  assert.deepEqual(r.ranges, r.want);
  assert.equal(r.registered, r.want.length);
});
