// The two WebAssembly modules in the real extension (extension/src/lenses.js): without dictionaries a
// woken background highlights a page having loaded only the scan-only module
// (factionlens_scan_bg.wasm), with the same scans and entity index as the core in Node; the first card
// then loads the whole API (factionlens_bg.wasm) and shows the card of the mention hovered. Which
// modules the background loaded is its diagnostics message's answer (`lensSource`: neither engine
// records resource timing for the extension's own URLs). The highlight styles, written at build time
// from the core's palette (extension/build.mjs), follow the `palette` setting. Registered inside each
// browser's suite (extension.test.mjs) to share its browser launch.

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

  test('the highlight styles follow the palette setting: underlines only, then colours again', async () => {
    const env = getEnv();
    const settings = (patch) => env.bg((x) => (globalThis.browser ?? chrome).storage.local.set({ settings: x }), patch);
    await settings({ mode: 'marks', palette: 'underline' });
    const page = await env.newPage();
    try {
      await page.goto(new URL('csp.html', env.url).href);
      const style = () => page.evaluate(() => {
        const m = document.querySelector('mark.fl-mark');
        const cs = m && getComputedStyle(m);
        return cs && { background: cs.backgroundColor, line: cs.textDecorationLine };
      });
      const transparent = 'rgba(0, 0, 0, 0)';
      const under = await until(async () => { const s1 = await style(); return s1 && s1.line === 'underline' && s1; }, { what: 'styled marks' });
      assert.equal(under.background, transparent, 'underlines only: no background');
      await settings({ mode: 'marks', palette: 'okabe-ito' });
      const coloured = await until(async () => { const s2 = await style(); return s2 && s2.background !== transparent && s2; }, { what: 'coloured marks' });
      assert.equal(coloured.line, 'underline');
    } finally {
      await page.close();
      await env.bg(() => (globalThis.browser ?? chrome).storage.local.remove('settings'));
    }
  });
}
