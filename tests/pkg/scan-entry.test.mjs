// The `factionlens/scan` entry (pkg/dist/node/scan.mjs and scan.cjs, the files Node resolves it to):
// the scan-only module finds exactly what the whole API finds, on the seeds and on the evaluation
// corpus (text the rules were not written from), has none of the rest of the API, and is the smaller
// download it exists to be.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'pkg', 'dist');
const full = await import(path.join(DIST, 'node', 'index.mjs'));
const scan = await import(path.join(DIST, 'node', 'scan.mjs'));
await Promise.all([full.default(), scan.default()]);
const whole = new full.Lens();
const lens = new scan.Lens();

/** The files of a folder with this extension, read. */
const read = (dir, ext) => fs.readdirSync(dir).filter((f) => f.endsWith(ext)).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
/** An evaluation article's plain text: the body after the `+++` header, `[[text|id]]` marks unwrapped. */
const plain = (md) => md.split(/^\+\+\+$/m)[2].replace(/\[\[([^|\]]*)\|[^\]]*\]\]/g, '$1');
const EVAL = path.join(ROOT, 'tests', 'eval');
const corpus = [
  ...read(path.join(ROOT, 'tests', 'fixtures'), '.txt'),
  ...read(path.join(EVAL, 'en'), '.md').map(plain),
  ...read(path.join(EVAL, 'ar'), '.md').map(plain),
];

test('the corpus is there (seeds and evaluation articles, English and Arabic)', () => {
  assert.ok(corpus.length >= 40, `${corpus.length} texts`);
  assert.ok(corpus.some((t) => /[\u0600-\u06FF]+ [\u0600-\u06FF]+ [\u0600-\u06FF]+/.test(t)), 'Arabic text');
});

test('the scan-only lens finds what the whole API finds, in every form it returns', () => {
  let mentions = 0;
  for (const text of corpus) {
    const want = whole.scan(text);
    mentions += want.length;
    assert.deepEqual(lens.scan(text), want);
    assert.deepEqual(lens.scanCompact(text), whole.scanCompact(text));
    assert.deepEqual(lens.summarize(text), whole.summarize(text));
    assert.deepEqual(lens.scan(text, { types: ['person'] }), whole.scan(text, { types: ['person'] }));
  }
  assert.ok(mentions > 500, `${mentions} mentions compared`);
});

test('the roster, the rules and the KB date are the whole API\'s', () => {
  assert.deepEqual(lens.entityIds(), whole.entityIds());
  assert.deepEqual(lens.entityTypes(), whole.entityTypes());
  assert.deepEqual(lens.entityNames(), whole.entityNames());
  assert.deepEqual(scan.Lens.rules(), full.Lens.rules());
  assert.equal(lens.size, whole.size);
  assert.match(lens.asOf, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(lens.asOf, whole.asOf);
  assert.equal(scan.version(), full.version());
  // A summary names the Wikidata ids the records hold, without the records.
  const hezbollah = lens.summarize('Hezbollah and Hamas').map((c) => c.wikidata);
  assert.deepEqual(hezbollah, whole.entities().filter((e) => ['hezbollah', 'hamas'].includes(e.id)).map((e) => e.wikidata));
});

test('bad options are Errors that say what is wrong, as in the whole API', () => {
  assert.throws(() => lens.scan('x', { types: ['militia'] }), (e) => e instanceof Error && /militia/.test(e.message));
  assert.throws(() => lens.summarize('x', 3), Error);
});

test('the entry exports only the scanning API', () => {
  assert.deepEqual(Object.keys(scan).sort(), ['Lens', 'default', 'initSync', 'version']);
  const cjs = createRequire(import.meta.url)(path.join(DIST, 'node', 'scan.cjs'));
  assert.deepEqual(Object.keys(cjs).sort(), ['Lens', 'default', 'init', 'initSync', 'version']);
  for (const m of ['entity', 'entities', 'loadDictionary', 'toCompiled', 'mentionsCsv', 'webAnnotations', 'highlightHtml']) {
    assert.equal(typeof lens[m], 'undefined', `no ${m}`);
    assert.equal(typeof whole[m], 'function', `the whole API has ${m}`);
  }
  assert.equal(scan.Lens.fromCompiled, undefined);
  assert.equal(scan.Lens.empty, undefined);
});

test('the scan-only .wasm is at most 60 % of the whole API\'s, gzipped', () => {
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(DIST, 'web', f)), { level: 9 }).length;
  const [small, big] = [gz('factionlens_scan_bg.wasm'), gz('factionlens_bg.wasm')];
  assert.ok(small < 0.6 * big, `${small} B vs ${big} B`);
  // The KB's records (its JSON, e.g. a card's description) are in the whole API's module, not in it.
  const card = whole.entity('kataib-hezbollah');
  const probe = JSON.stringify(card.description).slice(1, 41);
  assert.equal(probe.length, 40);
  const has = (f) => fs.readFileSync(path.join(DIST, 'web', f)).includes(Buffer.from(probe));
  assert.ok(has('factionlens_bg.wasm'), `the whole API's module holds ${probe}`);
  assert.ok(!has('factionlens_scan_bg.wasm'), `the scan-only module holds ${probe}`);
});
