// ui/dictionaries.js in Node with the real core: format detection, the store's "a bad file changes
// nothing" rule, persistence through an adapter, and the size limit's message.

import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { DictionaryStore, memoryAdapter, detectFormat, MAX_DICTIONARY_CHARS } from '../../ui/dictionaries.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { Lens } = createRequire(import.meta.url)(path.join(ROOT, 'pkg', 'dist', 'node', 'factionlens.js'));

test('format detection by extension, then by content', () => {
  assert.equal(detectFormat('a.csv', ''), 'csv');
  assert.equal(detectFormat('a.jsonl', ''), 'ftm');
  assert.equal(detectFormat('a.toml', ''), 'toml');
  assert.equal(detectFormat('x', '{"entity": []}'), 'json');
  assert.equal(detectFormat('x', '{"schema":"Organization","id":"1","properties":{}}\n{"schema":"Person","id":"2","properties":{}}'), 'ftm');
  assert.equal(detectFormat('x', '[[entity]]\nid = "a"'), 'toml');
  assert.equal(detectFormat('x', 'id,name,type,aliases'), 'csv');
  // OpenSanctions' file names, and FtM lines in a .json file (one line is enough), as the CLI detects them.
  assert.equal(detectFormat('entities.ftm.json', ''), 'ftm');
  assert.equal(detectFormat('targets.nested.json', ''), 'ftm');
  assert.equal(detectFormat('export.json', '{"id":"NK-1","schema":"Person","properties":{}}'), 'ftm');
  assert.equal(detectFormat('kb.json', '[{"id":"x","name":"X","type":"person"}]'), 'json');
});

test('the store saves good dictionaries, refuses bad ones and rebuilds after removal', async () => {
  const adapter = memoryAdapter();
  const store = new DictionaryStore(adapter, () => new Lens());
  await store.init();
  const lens = new Lens();
  const rec = await store.add(lens, { name: 'mine.csv', text: 'id,name,type,aliases\nzz,Zulfiqar Test Brigade,armed_group,\n' });
  assert.equal(rec.loaded, 1);
  assert.equal(lens.scan('Zulfiqar Test Brigade').length, 1);
  await assert.rejects(store.add(lens, { name: 'bad.csv', text: 'id,name,type,aliases\nb,B,militia,\n' }), /bad\.csv:2/);
  assert.equal((await adapter.load()).length, 1, 'the bad file was not saved');
  assert.equal(lens.scan('Zulfiqar Test Brigade').length, 1, 'the lens in force still has the good one');
  const { lens: rebuilt } = await store.remove(rec.id);
  assert.equal(rebuilt.scan('Zulfiqar Test Brigade').length, 0);
  assert.equal((await adapter.load()).length, 0);
});

test('a dictionary past the size limit is refused with a clear message before any work', async () => {
  const store = new DictionaryStore(memoryAdapter(), () => new Lens());
  await store.init();
  const lens = new Lens();
  const before = lens.size;
  const row = 'e,Some Test Group,armed_group,Alias One|Alias Two\n';
  const text = 'id,name,type,aliases\n' + row.repeat(Math.ceil(MAX_DICTIONARY_CHARS / row.length) + 1);
  await assert.rejects(store.add(lens, { name: 'huge.csv', text }), (e) => /^huge\.csv: too large: \d+\.\d MB/.test(e.message) && /Nothing was loaded/.test(e.message));
  assert.equal(lens.size, before);
  assert.equal(store.list().length, 0);
});
