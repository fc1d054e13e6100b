// The page's dictionaries when storage refuses a write, in real Chromium. The failure is forced at
// the storage boundary: IndexedDB's put throws QuotaExceededError, as it does when the origin's quota
// is spent (the DevTools quota override does not reach a test's browser context). A replace that
// cannot be saved must leave the dictionaries in force untouched: the lens in use, the list shown,
// and what a reload finds.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, openPage, pasteAndScan, pageMarks, OUT } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

async function addDictionary(page, file, { replace = false } = {}) {
  await page.evaluate(() => { document.getElementById('dict-status').textContent = ''; });
  await page.setChecked('#dict-replace', replace);
  await page.setInputFiles('#dict-file', file);
  await page.waitForFunction(() => /^(Loaded|.* was not loaded)/.test(document.getElementById('dict-status').textContent));
  return {
    status: await page.textContent('#dict-status'),
    error: await page.evaluate(() => { const e = document.getElementById('dict-error'); return e.hidden ? '' : e.textContent; }),
    list: await page.$$eval('#dict-list li', (lis) => lis.map((li) => li.textContent)),
  };
}

const names = (page) => pageMarks(page).then((ms) => ms.map((m) => m.text).sort());

test('a replace that storage refuses (quota) leaves the dictionaries in force: in the lens, the list, and after a reload', async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const first = path.join(OUT, 'first.csv');
  fs.writeFileSync(first, 'id,name,type,aliases\nzz-first,Zulfiqar Test Brigade,armed_group,\n');
  const replacing = path.join(OUT, 'replacing.csv');
  fs.writeFileSync(replacing, 'id,name,type,aliases\nyy-new,Yathrib Test Company,armed_group,\n');
  const text = 'The Zulfiqar Test Brigade and Kataib Hezbollah met the Yathrib Test Company.';

  const { page, context, errors } = await openPage(env);
  assert.match((await addDictionary(page, first)).status, /^Loaded 1 entity from first\.csv/);

  // Storage is full from here on.
  await page.evaluate(() => {
    window.realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  const refused = await addDictionary(page, replacing, { replace: true });
  assert.match(refused.status, /replacing\.csv was not loaded; the dictionaries in force are unchanged/);
  assert.match(refused.error, /replacing\.csv: could not be saved \(The quota has been exceeded\.\)/);
  assert.equal(refused.list.length, 1);
  assert.match(refused.list[0], /first\.csv/);
  // The lens in use still has the first dictionary and the built-in KB, not the refused one.
  await pasteAndScan(page, text);
  assert.deepEqual(await names(page), ['Kataib Hezbollah', 'Zulfiqar Test Brigade']);

  // And so does what is stored.
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  const list = await page.$$eval('#dict-list li', (lis) => lis.map((li) => li.textContent));
  assert.equal(list.length, 1);
  assert.match(list[0], /first\.csv/);
  await pasteAndScan(page, text);
  assert.deepEqual(await names(page), ['Kataib Hezbollah', 'Zulfiqar Test Brigade']);

  // Storage works again: the replace goes through, and survives a reload.
  assert.match((await addDictionary(page, replacing, { replace: true })).status, /^Loaded 1 entity from replacing\.csv/);
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  await pasteAndScan(page, text);
  assert.deepEqual(await names(page), ['Yathrib Test Company']);
  assert.deepEqual(errors, []);
  await context.close();
});
