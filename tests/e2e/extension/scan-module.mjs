// The two WebAssembly modules in the real extension (extension/src/lenses.js): without dictionaries a
// woken background highlights a page having loaded only the scan-only module
// (factionlens_scan_bg.wasm), with the same scans and entity index as the core in Node; the first card
// then loads the whole API (factionlens_bg.wasm) and shows the card of the mention hovered. Which
// modules the background loaded is its diagnostics message's answer (`lensSource`: neither engine
// records resource timing for the extension's own URLs). Registered inside each browser's suite
// (extension.test.mjs) to share its browser launch.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlighted, hoverMention, shownCard, until, core, SEEDS, DEFAULT_TYPES } from './helpers.mjs';
import { lensIndex } from '../../../pkg/js/highlight.js';

/** @param {() => object} getEnv the suite's env */
export function scanModuleTests(getEnv) {
  test('without dictionaries the first highlight loads only the scan-only module; a card then loads the whole API and shows', async () => {
    const env = getEnv();
    const x = await env.extPage('options.html');
    const send = (msg) => x.evaluate((m) => (globalThis.browser ?? chrome).runtime.sendMessage(m), msg);
    let page = null;
    try {
      assert.deepEqual(await x.evaluate(() => (globalThis.browser ?? chrome).storage.local.get('dictionaries')), {}, 'no dictionaries');
      await env.stopBackground();
      page = await env.newPage();
      await page.goto(new URL('news.html', env.url).href);
      const want = new Set(new core.Lens().scan(SEEDS[0], { types: DEFAULT_TYPES }).map((m) => m.text));
      await until(async () => { const t = (await highlighted(page)).map((r) => r.text); return [...want].every((w) => t.includes(w)); },
        { timeout: 30000, what: 'highlights after the wake' });
      const first = await send({ type: 'lensSource' });
      assert.equal(first.module, 'scan', JSON.stringify(first));
      assert.deepEqual(first.modules, ['scan']);
      // Its scans and entity index are the whole API's (the core in Node).
      const fresh = new core.Lens();
      const scanned = await send({ type: 'scan', texts: SEEDS, types: null, haveVersion: -1 });
      assert.deepEqual(scanned.results, SEEDS.map((t) => Array.from(fresh.scanCompact(t))));
      assert.deepEqual(scanned.index, JSON.parse(JSON.stringify(lensIndex(fresh))));
      // Hover a mention: its card, from the whole API loaded now.
      await hoverMention(page, 'Asaib Ahl al-Haq');
      const card = await shownCard(page, 20000);
      assert.equal(card.entity, 'asaib-ahl-al-haq');
      assert.equal(card.name, fresh.entity('asaib-ahl-al-haq').name);
      assert.match(card.text, /Qais al-Khazali/);
      await page.screenshot({ path: env.out('card-after-scan-module.png') });
      const after = await send({ type: 'lensSource' });
      assert.equal(after.run, first.run, 'the same run of the background');
      assert.equal(after.module, 'scan', 'scans are still answered by the scan-only lens');
      assert.deepEqual(after.modules, ['scan', 'whole']);
    } finally {
      await page?.close();
      await x.close();
    }
  });
}
