// The compiled lens cache (ui/lens-cache.js) in the real extension, for readers with dictionaries
// (without, the background uses the scan-only module and keeps nothing: scan-module.mjs): a background
// that was stopped and woken answers its first scan from the compiled lens kept in IndexedDB, with the
// same results as a fresh build; a page whose load wakes the background is highlighted at every wake;
// a change of dictionaries builds again (the new entity is found); a damaged entry is dropped and built
// again, still highlighting. Registered inside each browser's suite
// (extension.test.mjs) to share its browser launch; env.stopBackground() stops the background the
// way the browser does when it is idle (browsers.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { highlighted, until, core, SEEDS, SITE, DEFAULT_TYPES } from './helpers.mjs';

const CACHE_DB = 'factionlens-lens-cache'; // ui/lens-cache.js LENS_CACHE_DB, its store and entry

/** An extension page to talk to the background and reach the extension's IndexedDB from. */
export async function extensionPage(env) {
  const page = await env.extPage('options.html');
  const send = (msg) => page.evaluate((m) => (globalThis.browser ?? chrome).runtime.sendMessage(m), msg);
  /**
   * The cache entry as {key, isBytes, length, digest} (or null), after damaging it as `edit` says:
   * 'flip' (one bit in the middle), 'truncate' (the first 100 bytes), 'garbage' (a string for bytes);
   * or null after deleting it ('delete').
   */
  const entry = (edit = null) => page.evaluate(([db, how]) => new Promise((resolve, reject) => {
    const req = indexedDB.open(db, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('compiled');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const t = req.result.transaction('compiled', 'readwrite');
      const s = t.objectStore('compiled');
      const get = s.get('lens');
      let v = null;
      get.onsuccess = () => {
        v = get.result ?? null;
        if (!v || !how) return;
        if (how === 'delete') { s.delete('lens'); v = null; return; }
        let bytes = v.bytes;
        if (how === 'flip') { bytes = bytes.slice(); bytes[bytes.length >> 1] ^= 1; }
        if (how === 'truncate') bytes = bytes.slice(0, 100);
        if (how === 'garbage') bytes = 'garbage';
        v = { ...v, bytes };
        s.put(v, 'lens');
      };
      t.oncomplete = async () => {
        req.result.close();
        if (!v) { resolve(null); return; }
        const isBytes = v.bytes instanceof Uint8Array;
        const digest = isBytes ? Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', v.bytes))).join(',') : String(v.bytes);
        resolve({ key: v.key, isBytes, length: v.bytes.length, digest });
      };
      t.onerror = () => reject(t.error);
    };
  }), [CACHE_DB, edit]);
  return { page, send, entry };
}

/** Opens `file` of the fixture site and waits until `ok(highlighted texts)`; returns the texts. */
async function highlightsOn(env, file, ok, what) {
  const page = await env.newPage();
  try {
    await page.goto(new URL(file, env.url).href);
    return await until(async () => { const t = (await highlighted(page)).map((r) => r.text).sort(); return ok(t) && t; }, { timeout: 30000, what });
  } finally {
    await page.close();
  }
}

const scanAll = (send) => send({ type: 'scan', texts: SEEDS, types: null, haveVersion: -1 });
const dictionary = (id, name) => ({ id, name: `${id}.csv`, format: 'csv', text: `id,name,type,aliases\n${id},${name},armed_group,\n`, replace: false, addedAt: Date.now() });
/** A dictionary whose name is on none of the fixture pages (so they highlight as without it). */
const CACHE_DICTIONARY = dictionary('zz-nineveh', 'Nineveh Cache Regiment');
const setDictionaries = (x, records) => x.page.evaluate((r) => (globalThis.browser ?? chrome).storage.local.set({ dictionaries: r }), records);

/**
 * The time to first highlight of the 2 MB page (`n` ranges) after the background was stopped (as the
 * browser stops an idle one): the first scan waits for its wake and its lens: without dictionaries,
 * the scan-only module's; with one dictionary (a name not on the page), the whole API's, read back
 * from the compiled lens cache. The two alternate, three times each. For the last test of
 * extension.test.mjs (a measure, not an assertion on time).
 * @returns {Promise<{none: string[], dictionary: string[]}>} one line per stop
 */
export async function firstHighlightAfterStops(env, n) {
  const x = await extensionPage(env);
  const count = (p) => p.evaluate(() => [...CSS.highlights.values()].reduce((a, h) => a + h.size, 0));
  const runs = { none: [], dictionary: [] };
  try {
    for (let i = 0; i < 6; i++) {
      const kind = i % 2 ? 'dictionary' : 'none';
      if (kind === 'none') await x.page.evaluate(() => (globalThis.browser ?? chrome).storage.local.remove('dictionaries'));
      else await setDictionaries(x, [CACHE_DICTIONARY]);
      // The background answers once the compiled form of its lens is written (an older build: n/a).
      await x.send({ type: 'lensSource' }).catch(() => null);
      await env.stopBackground();
      const p = await env.newPage();
      await p.goto(new URL('big.html', env.url).href);
      const t = Date.now();
      await until(async () => (await count(p)) > 0, { timeout: 30000, interval: 10, what: 'highlights after a background stop' });
      const ms = Date.now() - t;
      // The same highlights after the wake (painted in batches: the rest may follow the first).
      await until(async () => (await count(p)) === n, { timeout: 30000, what: `${n} highlights after the wake` });
      // How the woken background made its lens (an older build does not answer: n/a).
      const made = await x.send({ type: 'lensSource' }).catch(() => null);
      const detail = made?.ms ? ` in ${Math.round(made.ms)} ms; ${made.module} .wasm loaded in ${Math.round(made.initMs)} ms, ${Math.round(made.asked)} ms into the worker's run` : '';
      runs[kind].push(`${ms} ms (lens ${made?.source ?? 'n/a'}${detail})`);
      await p.close();
    }
  } finally {
    await x.page.evaluate(() => (globalThis.browser ?? chrome).storage.local.remove('dictionaries'));
    await x.page.close();
  }
  return runs;
}

/** @param {() => object} getEnv the suite's env */
export function lensCacheTests(getEnv) {
  test('lens cache: with a dictionary, a stopped and woken background answers its first scan from the compiled lens, equal to a fresh build', async () => {
    const env = getEnv();
    const x = await extensionPage(env);
    try {
      await setDictionaries(x, [CACHE_DICTIONARY]);
      const first = await x.send({ type: 'lensSource' });
      assert.equal(first.module, 'whole', JSON.stringify(first));
      assert.equal(first.stored, true, JSON.stringify(first));
      const built = await scanAll(x.send);
      // The built lens scans as the core in Node does (a fresh build of the same KB and dictionary).
      const fresh = new core.Lens();
      fresh.loadDictionary(CACHE_DICTIONARY.text, 'csv', { name: CACHE_DICTIONARY.name });
      assert.deepEqual(built.results, SEEDS.map((t) => Array.from(fresh.scanCompact(t))));
      await env.stopBackground();
      // The first scan after the wake is a content script's, on a news page.
      const want = new Set(fresh.scan(SEEDS[0], { types: DEFAULT_TYPES }).map((m) => m.text));
      const texts = await highlightsOn(env, 'news.html', (t) => [...want].every((w) => t.includes(w)), 'highlights after the wake');
      assert.ok(texts.length > 15, `${texts.length} highlights`);
      const woken = await x.send({ type: 'lensSource' });
      assert.notEqual(woken.run, first.run, 'the background was stopped and started again');
      assert.equal(woken.source, 'compiled');
      assert.deepEqual(woken.modules, ['whole'], 'no scan-only module where the dictionaries need the whole API');
      const compiled = await scanAll(x.send);
      assert.deepEqual(compiled.results, built.results);
      assert.deepEqual(compiled.index, built.index);
    } finally {
      await x.page.evaluate(() => (globalThis.browser ?? chrome).storage.local.remove('dictionaries'));
      await x.page.close();
    }
  });

  test('every wake: a page whose load wakes the stopped background is highlighted, 25 times over', async () => {
    // A wake used to unregister and register the content script again; a page reaching
    // document_idle in between got no content script (3 of 30 such loads in Chromium before the fix).
    const env = getEnv();
    const want = new core.Lens().scan(SEEDS[1], { types: DEFAULT_TYPES }).map((m) => m.text).sort();
    const missed = [];
    for (let i = 0; i < 25; i++) {
      await env.stopBackground();
      const page = await env.newPage();
      try {
        await page.goto(new URL('csp.html', env.url).href);
        const got = await until(async () => { const t = (await highlighted(page)).map((r) => r.text).sort(); return t.length >= want.length && t; }, { timeout: 8000, what: `highlights after wake ${i}` }).catch(() => null);
        if (!got) missed.push(i);
        else assert.deepEqual(got, want, `wake ${i}`);
      } finally {
        await page.close();
      }
    }
    assert.deepEqual(missed, [], 'wakes whose page got no highlight');
  });

  test('lens cache: a change of dictionaries builds the lens again, also across a stop (the new entity is found)', async () => {
    const env = getEnv();
    fs.writeFileSync(path.join(SITE, 'cache-dicts.html'), '<!doctype html><meta charset="utf-8"><title>c</title><p>Kataib Hezbollah met the Qadisiyya Cache Brigade and the Samarra Cache Company.</p>');
    const x = await extensionPage(env);
    try {
      await setDictionaries(x, [dictionary('zz-qadisiyya', 'Qadisiyya Cache Brigade')]);
      assert.deepEqual(await highlightsOn(env, 'cache-dicts.html', (t) => t.includes('Qadisiyya Cache Brigade'), 'the first dictionary'),
        ['Kataib Hezbollah', 'Qadisiyya Cache Brigade']);
      const a = await x.send({ type: 'lensSource' });
      assert.equal(a.source, 'built');
      assert.equal(a.stored, true);
      const keyA = (await x.entry()).key;
      await env.stopBackground();
      // Changed while the background is stopped: its wake must not read the old dictionaries' lens.
      await setDictionaries(x, [dictionary('zz-samarra', 'Samarra Cache Company')]);
      assert.deepEqual(await highlightsOn(env, 'cache-dicts.html', (t) => t.includes('Samarra Cache Company'), 'the second dictionary'),
        ['Kataib Hezbollah', 'Samarra Cache Company']);
      const b = await x.send({ type: 'lensSource' });
      assert.notEqual(b.run, a.run);
      assert.equal(b.source, 'built');
      assert.equal(b.stored, true);
      assert.notEqual((await x.entry()).key, keyA);
      // And the new dictionaries' compiled lens serves the next wake.
      await env.stopBackground();
      await highlightsOn(env, 'cache-dicts.html', (t) => t.includes('Samarra Cache Company') && !t.includes('Qadisiyya Cache Brigade'), 'the second dictionary, compiled');
      assert.equal((await x.send({ type: 'lensSource' })).source, 'compiled');
    } finally {
      await x.page.evaluate(() => (globalThis.browser ?? chrome).storage.local.remove('dictionaries'));
      await x.page.close();
    }
  });

  test('lens cache: a damaged or foreign entry is dropped and the lens built again, still highlighting', async () => {
    const env = getEnv();
    const x = await extensionPage(env);
    try {
      // The compiled lens is kept for readers with dictionaries; a fresh background: the one running
      // may still hold the previous test's dictionaries' lens (storage.onChanged for the change can
      // reach it after this test's first message, and its wake would then build, and store, a lens
      // under another key than the entry damaged here).
      await setDictionaries(x, [CACHE_DICTIONARY]);
      await env.stopBackground();
      await x.send({ type: 'lensSource' });
      // The CSP page's article as the core in Node highlights it.
      const want = new core.Lens().scan(SEEDS[1], { types: DEFAULT_TYPES }).map((m) => m.text).sort();
      // One bit changed in the middle (the core's own checks would read it back), cut short, not bytes.
      for (const edit of ['flip', 'truncate', 'garbage']) {
        const good = await x.entry();
        assert.ok(good && good.isBytes && good.length > 1000, `an entry is in place before ${edit}`);
        const damaged = await x.entry(edit);
        assert.notEqual(damaged.digest, good.digest, `${edit} was written`);
        assert.equal(damaged.key, good.key);
        await env.stopBackground();
        const texts = await highlightsOn(env, 'csp.html', (t) => t.length >= want.length, `highlights after ${edit}`);
        assert.deepEqual(texts, want, edit);
        const s = await x.send({ type: 'lensSource' });
        assert.equal(s.source, 'built', edit);
        assert.equal(s.stored, true, edit);
        assert.equal((await x.entry()).digest, good.digest, `the entry is written again after ${edit}`);
      }
    } finally {
      await x.page.evaluate(() => (globalThis.browser ?? chrome).storage.local.remove('dictionaries'));
      await x.page.close();
    }
  });
}
