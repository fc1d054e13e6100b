// The npm package's JS API in Node, through the package's own Node entry (dist/node/index.mjs, the
// file `import 'factionlens'` resolves to under Node): mentions, the compact path, cards, dictionaries,
// errors as Error objects, and JS strings the core must survive (lone surrogates, astral characters).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(ROOT, 'pkg', 'dist', 'node', 'index.mjs');
const { default: init, Lens, version } = await import(entry);
await init();
const lens = new Lens();
const seeds = fs.readdirSync(path.join(ROOT, 'tests', 'fixtures')).filter((f) => f.endsWith('.txt'))
  .map((f) => fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', f), 'utf8'));

test('version matches the crate', () => {
  const cargo = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
  assert.equal(version(), cargo.match(/^version = "([^"]+)"/m)[1]);
});

test('scan finds spellings with UTF-16 offsets that slice the input', () => {
  const text = '“Kataib Hizballah” 🚀 and كتائب حزب الله, then Asa’ib Ahl al-Haq.';
  const ms = lens.scan(text);
  assert.deepEqual(ms.map((m) => m.entity), ['kataib-hezbollah', 'kataib-hezbollah', 'asaib-ahl-al-haq']);
  for (const m of ms) assert.equal(text.slice(m.start, m.end), m.text);
  assert.equal(ms[1].text, 'كتائب حزب الله');
  assert.equal(ms[1].rule, 'arabic');
});

test('scanCompact agrees with scan on every seed', () => {
  const ids = lens.entityIds();
  const rules = Lens.rules();
  for (const text of seeds) {
    const full = lens.scan(text);
    const q = lens.scanCompact(text);
    assert.ok(q instanceof Uint32Array);
    assert.equal(q.length, full.length * 4);
    full.forEach((m, i) => {
      assert.equal(q[4 * i], m.start);
      assert.equal(q[4 * i + 1], m.end);
      assert.equal(ids[q[4 * i + 2]], m.entity);
      assert.equal(rules[q[4 * i + 3]], m.rule);
    });
    assert.ok(full.length >= 4, 'every seed names several groups');
  }
});

test('types filter', () => {
  const text = 'Qais al-Khazali leads Asaib Ahl al-Haq.';
  assert.deepEqual(lens.scan(text, { types: ['person'] }).map((m) => m.entity), ['qais-al-khazali']);
  assert.throws(() => lens.scan(text, { types: ['militia'] }), (e) => e instanceof Error && /unknown type `militia`/.test(e.message));
});

test('highlightHtml escapes the text and marks mentions', () => {
  const html = lens.highlightHtml('<script>alert(1)</script> Kataib Hezbollah & co', { classPrefix: 'x-' });
  assert.ok(!html.includes('<script>'));
  assert.match(html, /&lt;script&gt;/);
  assert.match(html, /<mark class="x-mark x-t-armed_group" data-entity="kataib-hezbollah"[^>]*>Kataib Hezbollah<\/mark>/);
  assert.match(html, /&amp; co/);
});

test('entity cards carry relations, designations and sources', () => {
  const card = lens.entity('kataib-hezbollah');
  assert.equal(card.type, 'armed_group');
  assert.equal(card.origin, 'builtin');
  assert.ok(card.designations.some((d) => d.list === 'FTO' && /^2009/.test(d.date)));
  assert.ok(card.sources.length > 0);
  assert.equal(card.relation_names.length, card.relations.length);
  assert.equal(lens.entity('no-such-id'), undefined);
  assert.equal(lens.entities().length, lens.size);
});

test('dictionaries: loaded, merged, and a bad one leaves the lens unchanged', () => {
  const l = new Lens();
  const before = l.size;
  const report = l.loadDictionary('id,name,type,aliases\nzz-brigade,Zulfiqar Test Brigade,armed_group,ZTB Force\n', 'csv', { name: 'mine.csv' });
  assert.deepEqual(report.ids, ['zz-brigade']);
  assert.equal(l.size, before + 1);
  assert.deepEqual(l.scan('The ZTB Force and Kataib Hezbollah.').map((m) => m.entity), ['zz-brigade', 'kataib-hezbollah']);
  assert.equal(l.entity('zz-brigade').origin, 'mine.csv');
  assert.throws(
    () => l.loadDictionary('id,name,type,aliases\nbad,Bad Group,militia,\n', 'csv', { name: 'bad.csv' }),
    (e) => e instanceof Error && /bad\.csv:2/.test(e.message) && /type/.test(e.message),
  );
  assert.equal(l.size, before + 1, 'the failed load changed nothing');
  assert.throws(() => l.loadDictionary('{}', 'yaml'), (e) => e instanceof Error && /yaml/.test(e.message));
  const only = Lens.empty();
  assert.equal(only.size, 0);
  assert.deepEqual(only.scan('Kataib Hezbollah'), []);
});

test('a compiled lens read back scans like the lens it was compiled from; bad bytes throw', () => {
  const l = new Lens();
  l.loadDictionary('id,name,type,aliases\nzz-brigade,Zulfiqar Test Brigade,armed_group,ZTB Force\n', 'csv', { name: 'mine.csv' });
  const bytes = l.toCompiled();
  assert.ok(bytes instanceof Uint8Array && bytes.length > 1000);
  const again = Lens.fromCompiled(bytes);
  assert.equal(again.size, l.size);
  assert.equal(again.asOf, l.asOf);
  assert.equal(again.entity('zz-brigade').origin, 'mine.csv');
  for (const text of [...seeds, 'The ZTB Force and Kataib Hezbollah.']) {
    assert.deepEqual(again.scan(text), l.scan(text));
  }
  assert.throws(() => Lens.fromCompiled(bytes.subarray(0, bytes.length - 1)), (e) => e instanceof Error && /compiled lens/.test(e.message));
  assert.throws(() => Lens.fromCompiled(new TextEncoder().encode('{"entities": []}')), (e) => e instanceof Error && /magic/.test(e.message));
});

test('lone surrogates and invalid UTF-16 do not shift offsets or throw', () => {
  const text = '\uD800 Kataib Hezbollah \uDC00\uDC00 AAH \uD83D';
  const ms = lens.scan(text);
  assert.ok(ms.length >= 1);
  for (const m of ms) assert.equal(text.slice(m.start, m.end), m.text);
  assert.equal(ms[0].start, 2);
  const html = lens.highlightHtml(text);
  assert.match(html, /Kataib Hezbollah<\/mark>/);
});

test('bad arguments are JS Errors, not aborts', () => {
  assert.throws(() => lens.scan('x', 42), Error);
  assert.throws(() => lens.scan('x', { types: 'armed_group' }), Error);
  // The lens still works after errors.
  assert.equal(lens.scan('Kataib Hezbollah').length, 1);
});

test('summaries, CSV and Web Annotations agree with scan', () => {
  const text = seeds[0];
  const ms = lens.scan(text);
  const sum = lens.summarize(text);
  assert.equal(sum.reduce((n, e) => n + e.count, 0), ms.length);
  const csv = lens.mentionsCsv(text).trim().split('\n');
  assert.equal(csv[0], 'entity,type,text,start_utf16,end_utf16,start_cp,end_cp,byte_start,byte_end,alias,rule,ambiguous');
  assert.equal(csv.length - 1, ms.length);
  const page = lens.webAnnotations(text, 'urn:x-test:seed');
  assert.equal(page.items.length, ms.length);
  assert.equal(page.items[0].target.source, 'urn:x-test:seed');
  assert.throws(() => lens.webAnnotations(text, 'article.txt'), /not an absolute IRI/);
  const pos = page.items[0].target.selector.find((s) => s.type === 'TextPositionSelector');
  const quote = page.items[0].target.selector.find((s) => s.type === 'TextQuoteSelector');
  assert.equal(quote.exact, ms[0].text);
  // Web Annotation positions count code points.
  assert.equal([...text].slice(pos.start, pos.end).join(''), quote.exact);
});

test('CommonJS require gives the same API', () => {
  const require = createRequire(import.meta.url);
  const cjs = require(path.join(ROOT, 'pkg', 'dist', 'node', 'factionlens.js'));
  assert.deepEqual(new cjs.Lens().scan('KH').length, 0, 'a weak acronym alone is not a mention');
  assert.deepEqual(new cjs.Lens().scan('Kataib Hezbollah (KH). KH said').map((m) => m.text), ['Kataib Hezbollah', 'KH', 'KH']);
});
