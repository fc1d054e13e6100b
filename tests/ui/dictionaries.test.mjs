// ui/dictionaries.js in Node with the real core: format detection (the core's), the store's "a bad file changes
// nothing" rule, persistence through an adapter, and the size limit's message.

import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { DictionaryStore, memoryAdapter, MAX_DICTIONARY_CHARS } from '../../ui/dictionaries.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { Lens } = createRequire(import.meta.url)(path.join(ROOT, 'pkg', 'dist', 'node', 'factionlens.js'));

test('the store detects the format with the core, and refuses a .tsv file clearly', async () => {
  const store = new DictionaryStore(memoryAdapter(), () => new Lens());
  await store.init();
  const lens = new Lens();
  const toml = await store.add(lens, { name: 'pasted', text: '[[entity]]\nid = "zz-toml"\nname = "Zulu Toml Brigade"\ntype = "armed_group"\n' });
  assert.equal(toml.format, 'toml');
  const csv = await store.add(lens, { name: 'list.txt', text: 'id,name,type,aliases\nzz-csv,Zulu Csv Brigade,armed_group,\n' });
  assert.equal(csv.format, 'csv');
  assert.deepEqual(lens.scan('Zulu Toml Brigade and Zulu Csv Brigade').map((m) => m.entity), ['zz-toml', 'zz-csv']);
  // Tab-separated: the CSV reader would take each line as one column; the core refuses it by name.
  await assert.rejects(store.add(lens, { name: 'list.tsv', text: 'id\tname\ttype\nzz-tsv\tZulu Tsv\tarmed_group\n' }),
    (e) => e.message === 'list.tsv: unknown dictionary format `tsv` (expected json, toml, csv or ftm)');
  assert.equal(store.records.length, 2, 'nothing saved for the refused file');
});

test('the core detects OpenSanctions files and FtM lines in a .json file (one line is enough), as the CLI does', () => {
  const lens = new Lens();
  assert.equal(lens.detectFormat('entities.ftm.json', ''), 'ftm');
  assert.equal(lens.detectFormat('targets.nested.json', ''), 'ftm');
  assert.equal(lens.detectFormat('export.json', '{"id":"NK-1","schema":"Person","properties":{}}'), 'ftm');
  assert.equal(lens.detectFormat('kb.json', '[{"id":"x","name":"X","type":"person"}]'), 'json');
  assert.equal(lens.detectFormat('x', '{"schema":"Organization","id":"1","properties":{}}\n{"schema":"Person","id":"2","properties":{}}'), 'ftm');
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

test('a save that fails (storage full) leaves the dictionaries in force untouched: in memory, stored, in the lens', async () => {
  // Storage that holds one list and then refuses, as chrome.storage and IndexedDB do past their quota.
  let stored = [];
  let full = false;
  const adapter = {
    async load() { return structuredClone(stored); },
    async save(records) {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      stored = structuredClone(records);
    },
  };
  const store = new DictionaryStore(adapter, () => new Lens());
  await store.init();
  const lens = new Lens();
  const builtinSize = lens.size;
  await store.add(lens, { name: 'mine.csv', text: 'id,name,type,aliases\nzz,Zulfiqar Test Brigade,armed_group,\n' });
  const listBefore = store.list();
  const storedBefore = structuredClone(stored);
  full = true;
  for (const replace of [false, true]) {
    await assert.rejects(
      store.add(lens, { name: 'next.csv', text: 'id,name,type,aliases\nyy,Yathrib Test Company,armed_group,\n', replace }),
      (e) => /^next\.csv: could not be saved \(The quota has been exceeded\.\); the dictionaries in force are unchanged/.test(e.message),
    );
    assert.deepEqual(store.list(), listBefore, `replace=${replace}: the list in memory`);
    assert.deepEqual(stored, storedBefore, `replace=${replace}: the list stored`);
    assert.equal(lens.scan('Yathrib Test Company').length, 0, `replace=${replace}: the lens did not take the new one`);
    assert.equal(lens.scan('Zulfiqar Test Brigade').length, 1, `replace=${replace}: the lens keeps the old one`);
    assert.equal(lens.size, builtinSize + 1, `replace=${replace}: the built-in KB is still in force`);
  }
  // Storage works again: a replace goes through and replaces everything.
  full = false;
  await store.add(lens, { name: 'only.csv', text: 'id,name,type,aliases\nyy,Yathrib Test Company,armed_group,\n', replace: true });
  assert.deepEqual(stored.map((r) => r.name), ['only.csv']);
  assert.equal(lens.scan('Yathrib Test Company').length, 1);
  assert.equal(lens.scan('Kataib Hezbollah').length, 0, 'a replace drops the built-in KB');
});
