// ui/lens-cache.js in Node with the real core: what the key depends on, a hit reads the compiled lens
// back (same scans, the build's results given back), a damaged entry or a cache that cannot be read
// builds again. The cache here is an in-memory store behind the module's read/write/drop interface
// (Node has no IndexedDB); the extension and page tests run it on real IndexedDB in the browsers.

import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cachedLens, lensCacheKey } from '../../ui/lens-cache.js';
import { applyDictionaries } from '../../ui/dictionaries.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { Lens, version } = createRequire(import.meta.url)(path.join(ROOT, 'pkg', 'dist', 'node', 'factionlens.js'));

const record = (id, name, extra = {}) => ({ id, name: `${id}.csv`, format: 'csv', text: `id,name,type,aliases\n${id},${name},armed_group,\n`, replace: false, addedAt: 1, ...extra });
const TEXT = 'The Zulu Cache Brigade met Kataib Hezbollah and Asaib Ahl al-Haq in Baghdad.';

function memoryCache() {
  const c = { entry: undefined, writes: 0 };
  c.read = async () => c.entry;
  c.write = async (v) => { c.writes += 1; c.entry = v; };
  c.drop = async () => { c.entry = undefined; };
  return c;
}
const build = (records) => () => { const lens = new Lens(); return { lens, results: applyDictionaries(lens, records) }; };
const open = (cache, records) => cachedLens({ Lens, version: version(), records, build: build(records), cache });

test('the key changes with the version and with every field of a record that reaches the lens, not with the rest', async () => {
  const r = [record('zz-a', 'Zulu Cache Brigade')];
  const k = await lensCacheKey('1.0.0', r);
  assert.match(k, /^[0-9a-f]{64}$/);
  assert.equal(await lensCacheKey('1.0.0', [{ ...r[0], addedAt: 99, loaded: 1, ids: ['zz-a'] }]), k);
  assert.notEqual(await lensCacheKey('1.0.1', r), k);
  for (const [field, value] of [['id', 'zz-b'], ['name', 'other.csv'], ['format', 'json'], ['text', `${r[0].text} `], ['replace', true]]) {
    assert.notEqual(await lensCacheKey('1.0.0', [{ ...r[0], [field]: value }]), k, field);
  }
  assert.notEqual(await lensCacheKey('1.0.0', []), k);
});

test('a miss builds and writes; a hit reads the same lens back with the results of its build', async () => {
  const cache = memoryCache();
  const records = [record('zz-a', 'Zulu Cache Brigade')];
  const first = await open(cache, records);
  assert.equal(first.source, 'built');
  assert.equal(await first.stored, true);
  assert.equal(cache.writes, 1);
  const second = await open(cache, records);
  assert.equal(second.source, 'compiled');
  assert.deepEqual(second.results, first.results);
  assert.equal(second.results[0].loaded, 1);
  assert.deepEqual(second.lens.scan(TEXT), first.lens.scan(TEXT));
  assert.ok(second.lens.scan(TEXT).some((m) => m.entity === 'zz-a'));
  // Other dictionaries: built again, and the entry replaced.
  const other = await open(cache, [record('zz-b', 'Yankee Cache Company')]);
  assert.equal(other.source, 'built');
  assert.equal(await other.stored, true);
  assert.ok(!other.lens.scan(TEXT).some((m) => m.entity === 'zz-a'));
  assert.equal((await open(cache, records)).source, 'built');
});

test('a damaged, truncated or foreign entry is built again and overwritten; a cache that cannot be read or written still gives a lens', async () => {
  const cache = memoryCache();
  const fresh = await open(cache, []);
  await fresh.stored;
  const good = cache.entry.bytes;
  const flip = (i) => { const b = good.slice(); b[i] ^= 1; return b; };
  // One bit in the middle and in the last byte (refused by the core's checksum), cut short, empty, not bytes.
  for (const bad of [flip(good.length >> 1), flip(good.length - 1), good.slice(0, 64), new Uint8Array(0), 'garbage']) {
    cache.entry = { ...cache.entry, bytes: bad };
    const r = await open(cache, []);
    assert.equal(r.source, 'built');
    assert.equal(await r.stored, true);
    assert.deepEqual(cache.entry.bytes, good);
    assert.deepEqual(r.lens.scan(TEXT), fresh.lens.scan(TEXT));
  }
  const broken = { read: async () => { throw new Error('no IndexedDB'); }, write: async () => { throw new Error('quota'); }, drop: async () => { throw new Error('no IndexedDB'); } };
  const r = await open(broken, []);
  assert.equal(r.source, 'built');
  assert.equal(await r.stored, false);
  assert.deepEqual(r.lens.scan(TEXT), fresh.lens.scan(TEXT));
  // A write that fails drops the entry rather than leave an older one behind.
  const full = memoryCache();
  full.entry = { key: 'stale', bytes: good };
  full.write = async () => { throw new Error('QuotaExceededError'); };
  assert.equal(await (await open(full, [])).stored, false);
  assert.equal(full.entry, undefined);
});

test('cancel() before the write keeps an old lens from writing over the entry of the one in force', async () => {
  const cache = memoryCache();
  const old = await open(cache, [record('zz-a', 'Zulu Cache Brigade')]);
  old.cancel();
  const current = await open(cache, []);
  assert.equal(await old.stored, false);
  assert.equal(await current.stored, true);
  assert.equal(cache.writes, 1);
  assert.equal((await open(cache, [])).source, 'compiled');
});
