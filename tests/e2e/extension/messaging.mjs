// The background's message checks, from real senders in a real browser: a script injected into a
// page's isolated world (what a content script is, with the page's tab and frame as its sender) and
// the extension's own pages. And the dictionaries when storage refuses a write. Registered inside each
// browser's suite (extension.test.mjs) to share its browser launch.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { highlighted, until, tabId, OUT, SITE } from './helpers.mjs';

/** Sends `msgs` to the background from a content-script context in `tab`'s top frame. */
function fromContentScript(env, tab, msgs) {
  return env.bg(async ([t, m]) => {
    const api = globalThis.browser ?? chrome;
    const [res] = await api.scripting.executeScript({
      target: { tabId: t, frameIds: [0] },
      func: (list) => Promise.all(list.map((x) => (globalThis.browser ?? chrome).runtime.sendMessage(x).catch((e) => ({ thrown: String(e.message || e) })))),
      args: [m],
    });
    return res.result;
  }, [tab, msgs]);
}

/** @param {() => object} getEnv the suite's env */
export function messagingTests(getEnv) {
  test('messages: a content script may ask only about its own tab and frame; tab-wide requests only from extension pages', async () => {
    const env = getEnv();
    const a = await env.newPage();
    await a.goto(new URL('spa.html', env.url).href);
    const b = await env.newPage();
    await b.goto(new URL('csp.html', env.url).href);
    await until(async () => (await highlighted(a)).length > 0 && (await highlighted(b)).length > 0, { what: 'both pages highlighted' });
    const tabA = await tabId(env, '/spa.html');
    const tabB = await tabId(env, '/csp.html');
    // The extension's own page sends what the popup sends (a background cannot message itself).
    const extPage = await env.extPage('options.html');
    const fromPage = (m) => extPage.evaluate((x) => (globalThis.browser ?? chrome).runtime.sendMessage(x), m);
    const summary = (t) => fromPage({ type: 'tab-entities', tabId: t });
    const bBefore = await until(async () => { const s = await summary(tabB); return s.total > 0 && s; }, { what: 'counts of tab B' });

    const fake = { id: 'kataib-hezbollah', name: 'Fake', type: 'armed_group', count: 999 };
    const [entities, inject, counts, scan, css] = await fromContentScript(env, tabA, [
      { type: 'tab-entities', tabId: tabB },
      { type: 'inject', tabId: tabB },
      { type: 'counts', tabId: tabB, frameId: 0, total: 999, entities: [fake] },
      { type: 'scan', texts: ['Kataib Hezbollah met.'], types: null, haveVersion: 0 },
      { type: 'css', remove: true, css: 'html { display: none }' },
    ]);
    assert.match(entities.error, /refused: `tab-entities` is not accepted from a content script/);
    assert.match(inject.error, /refused: `inject` is not accepted from a content script/);
    assert.deepEqual(counts, {});
    assert.deepEqual(Array.from(scan.results[0]).slice(0, 2), [0, 16]);
    assert.deepEqual(css, {});
    // The counts went to the sender's own tab, never to the tab named in the message.
    assert.deepEqual(await summary(tabB), bBefore);
    const aNow = await summary(tabA);
    assert.ok(aNow.entities.some((e) => e.name === 'Fake' && e.count === 999), JSON.stringify(aNow));

    // The extension's own pages may: the popup's requests.
    assert.equal((await summary(tabB)).total, bBefore.total);
    assert.deepEqual(await fromPage({ type: 'inject', tabId: tabB }), {});
    assert.match((await fromPage({ type: 'counts', total: 1, entities: [] })).error, /refused: `counts` is not accepted from an extension page/);
    await extPage.close();
    await a.close();
    await b.close();
  });
}

/** @param {() => object} getEnv the suite's env */
export function storageTests(getEnv) {
  test('dictionaries: a replace that storage refuses leaves the ones in force, stored and painted', async () => {
    const env = getEnv();
    const file = (name, body) => { const f = path.join(OUT, `${env.name}-${name}`); fs.writeFileSync(f, body); return f; };
    const first = file('first.csv', 'id,name,type,aliases\nzz-first,Zulfiqar Test Brigade,armed_group,\n');
    const replacing = file('replacing.csv', 'id,name,type,aliases\nyy-new,Yathrib Test Company,armed_group,\n');
    fs.writeFileSync(path.join(SITE, 'dicts.html'), '<!doctype html><meta charset="utf-8"><title>d</title><p>The Zulfiqar Test Brigade and Kataib Hezbollah met the Yathrib Test Company.</p>');
    const options = await env.extPage('options.html');
    await options.waitForSelector('#file');
    const upload = async (f, replace) => {
      await options.evaluate((r) => { document.getElementById('status').textContent = ''; document.getElementById('replace').checked = r; }, replace);
      await env.upload(options, '#file', f);
      return until(() => options.$eval('#status', (e) => e.textContent.trim()), { what: 'status' });
    };
    try {
      assert.match(await upload(first, false), /Loaded 1 entity from .*first\.csv/);
      const stored = () => env.bg(() => (globalThis.browser ?? chrome).storage.local.get('dictionaries').then((d) => (d.dictionaries || []).map((r) => r.name)));
      const storedBefore = await stored();
      assert.equal(storedBefore.length, 1);
      // Storage is full from here on (the options page's storage area refuses every write).
      await options.evaluate(() => {
        const area = (globalThis.browser ?? chrome).storage.local;
        area.set = () => Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
      });
      const status = await upload(replacing, true);
      assert.match(status, /replacing\.csv: could not be saved \(QUOTA_BYTES quota exceeded\); the dictionaries in force are unchanged/);
      assert.deepEqual(await stored(), storedBefore);
      const list = await options.$$eval('#dicts li', (lis) => lis.map((li) => li.textContent));
      assert.equal(list.length, 1);
      assert.match(list[0], /first\.csv/);
      // The background paints with the dictionaries in force: the first one and the built-in KB.
      const page = await env.newPage();
      await page.goto(new URL('dicts.html', env.url).href);
      const texts = await until(async () => { const h = await highlighted(page); return h.length >= 2 && h.map((r) => r.text).sort(); }, { what: 'highlights' });
      assert.deepEqual(texts, ['Kataib Hezbollah', 'Zulfiqar Test Brigade']);
      await page.close();
    } finally {
      await options.close();
      await env.bg(() => (globalThis.browser ?? chrome).storage.local.remove('dictionaries'));
    }
  });
}
