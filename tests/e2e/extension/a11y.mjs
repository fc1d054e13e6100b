// The extension as a keyboard-only and a screen-reader user meets it, in each browser of the suite:
// marks mode is one Tab stop walked with real key presses (arrows, Home/End), Enter moves into the
// card, Tab stays inside it, Close and Escape give focus back to the name; a keyboard command's card
// (highlight mode) is entered with Enter; axe-core finds no violation in the popup and the options
// page (light and dark) nor in a marked article with its card open; in Chromium, the accessibility
// tree of a name and of the card. Registered inside each browser's suite (extension.test.mjs) to
// share its browser launch.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlighted, until, tabId, core, SEEDS, DEFAULT_TYPES } from './helpers.mjs';
import { assertAxeClean } from '../axe.mjs';
import { dominantColor, luminance } from '../card-visual.mjs';

const lens = new core.Lens();

/** Where focus is: the element in the document, and inside the card's shadow root. */
const focusState = (page) => page.evaluate(() => {
  const a = document.activeElement;
  const host = document.querySelector('factionlens-card');
  const inner = host?.shadowRoot.activeElement;
  return {
    tag: a?.localName, entity: a?.dataset?.entity, onHost: a === host,
    inner: inner ? (inner.getAttribute('role') || inner.localName) : null, innerText: inner?.textContent.slice(0, 30) ?? null,
    card: host?.shadowRoot.querySelector('.fl-card')?.dataset.entity ?? null,
  };
});

async function shiftTab(page) {
  await page.keyboard.down('Shift');
  await page.keyboard.press('Tab');
  await page.keyboard.up('Shift');
}

const setSettings = (env, settings) => env.bg((s) => (globalThis.browser ?? chrome).storage.local.set({ settings: s }), settings);
const clearSettings = (env) => env.bg(() => (globalThis.browser ?? chrome).storage.local.remove('settings'));

/** @param {() => object} getEnv the suite's env */
/** The screenshot `shot` is drawn in `scheme`: its most common colour (the page's background) is dark or light. */
function drawnIn(shot, scheme, label) {
  const bg = dominantColor(shot);
  if (scheme === 'dark') assert.ok(luminance(bg) < 0.05, `${label}: drawn dark, its most common colour is ${bg}`);
  else assert.ok(luminance(bg) > 0.8, `${label}: drawn light, its most common colour is ${bg}`);
}

export function a11yTests(getEnv) {
  test('keyboard, marks mode: one Tab stop, arrows and Home/End, Enter into the card, Tab inside, Close and Escape back to the name', async () => {
    const env = getEnv();
    await setSettings(env, { mode: 'marks' });
    try {
      const page = await env.newPage();
      await page.goto(new URL('csp.html', env.url).href);
      const want = lens.scan(SEEDS[1], { types: DEFAULT_TYPES }).map((m) => m.entity);
      await until(() => page.evaluate((n) => document.querySelectorAll('mark.fl-mark').length >= n, want.length), { what: 'marks' });
      const stops = await page.evaluate(() => [...document.querySelectorAll('mark.fl-mark')].filter((m) => m.tabIndex === 0).map((m) => m.dataset.entity));
      assert.deepEqual(stops, [want[0]], 'one Tab stop, on the first name');
      await page.focus('mark.fl-mark[tabindex="0"]');
      assert.equal((await focusState(page)).entity, want[0]);
      for (let i = 1; i < Math.min(4, want.length); i++) {
        await page.keyboard.press('ArrowRight');
        assert.equal((await focusState(page)).entity, want[i], `ArrowRight ${i}`);
      }
      await page.keyboard.press('End');
      assert.equal((await focusState(page)).entity, want[want.length - 1]);
      await page.keyboard.press('Home');
      assert.equal((await focusState(page)).entity, want[0]);
      await page.keyboard.press('ArrowDown');
      const name = await focusState(page);
      assert.equal(name.entity, want[1]);
      assert.equal(await page.evaluate(() => [...document.querySelectorAll('mark.fl-mark')].filter((m) => m.tabIndex === 0).length), 1);
      // Enter: focus in the card (its dialog), the card of this name.
      await page.keyboard.press('Enter');
      const inCard = await until(async () => { const f = await focusState(page); return f.inner === 'dialog' && f; }, { what: 'focus in the card' });
      assert.equal(inCard.card, want[1]);
      assert.ok(inCard.onHost);
      // Tab cycles inside the card.
      const n = await page.evaluate(() => document.querySelector('factionlens-card').shadowRoot.querySelectorAll('button, a[href]').length);
      const seen = [];
      for (let k = 0; k < n + 1; k++) {
        await page.keyboard.press('Tab');
        const f = await focusState(page);
        assert.ok(f.onHost && f.inner, `Tab ${k + 1} stays in the card: ${JSON.stringify(f)}`);
        seen.push(f.innerText);
      }
      assert.equal(seen[0], 'Close');
      assert.equal(seen[n], seen[0], 'Tab from the last stop comes back to the first');
      await shiftTab(page);
      assert.equal((await focusState(page)).innerText, seen[n - 1]);
      // Escape: closed, focus on the name.
      await page.keyboard.press('Escape');
      await until(() => page.evaluate(() => !document.querySelector('factionlens-card')), { what: 'card closed' });
      assert.equal((await focusState(page)).entity, want[1]);
      // Close, pressed with the keyboard.
      await page.keyboard.press('Enter');
      await until(async () => (await focusState(page)).inner === 'dialog', { what: 'focus in the card again' });
      await page.keyboard.press('Tab');
      assert.equal((await focusState(page)).innerText, 'Close');
      await page.keyboard.press('Enter');
      await until(() => page.evaluate(() => !document.querySelector('factionlens-card')), { what: 'card closed by Close' });
      const back = await focusState(page);
      assert.deepEqual([back.tag, back.entity], ['mark', want[1]]);
      await page.close();
    } finally {
      await clearSettings(env);
    }
  });

  test('keyboard command (highlight mode): Enter moves into the card it opened, Escape closes it', async () => {
    const env = getEnv();
    const page = await env.newPage();
    await page.goto(new URL('csp.html', env.url).href);
    await until(async () => (await highlighted(page)).length > 3, { what: 'highlights' });
    const tab = await tabId(env, '/csp.html');
    const res = await env.bg(([t]) => (globalThis.browser ?? chrome).tabs.sendMessage(t, { type: 'step', dir: 1 }, { frameId: 0 }), [tab]);
    await until(async () => (await focusState(page)).card === res.entity, { what: 'the card of the command' });
    await page.keyboard.press('Enter');
    await until(async () => (await focusState(page)).inner === 'dialog', { what: 'focus in the card' });
    await page.keyboard.press('Tab');
    assert.equal((await focusState(page)).innerText, 'Close');
    await page.keyboard.press('Escape');
    await until(() => page.evaluate(() => !document.querySelector('factionlens-card')), { what: 'card closed' });
    await page.close();
  });

  test('axe: no violation in the popup and the options page (light and dark), nor in a marked article with its card open', async () => {
    const env = getEnv();
    const news = await env.newPage();
    await news.goto(new URL('news.html', env.url).href);
    await until(async () => (await highlighted(news)).length > 15, { what: 'highlights' });
    const tab = await tabId(env, '/news.html');
    for (const dark of [false, true]) {
      const scheme = dark ? 'dark' : 'light';
      const popup = await env.extPage(`popup.html?tab=${tab}`);
      await env.setDark(popup, dark);
      await until(() => popup.evaluate(() => document.querySelectorAll('#entities button').length > 0), { what: 'popup list' });
      await assertAxeClean(assert, popup, `${env.name} popup, ${scheme}`);
      await popup.screenshot({ path: env.out(`a11y-popup-${scheme}.png`) });
      drawnIn(env.out(`a11y-popup-${scheme}.png`), scheme, `${env.name} popup`);
      await popup.close();
      const options = await env.extPage('options.html');
      await env.setDark(options, dark);
      await until(() => options.evaluate(() => document.querySelectorAll('#types input').length > 0), { what: 'options' });
      await assertAxeClean(assert, options, `${env.name} options, ${scheme}`);
      await options.screenshot({ path: env.out(`a11y-options-${scheme}.png`) });
      drawnIn(env.out(`a11y-options-${scheme}.png`), scheme, `${env.name} options`);
      await options.close();
    }
    await env.setDark(news, false);
    await news.close();

    await setSettings(env, { mode: 'marks' });
    try {
      for (const dark of [false, true]) {
        const page = await env.newPage();
        await env.setDark(page, dark);
        await page.goto(new URL('news.html', env.url).href);
        await until(() => page.evaluate(() => document.querySelectorAll('article mark.fl-mark').length > 10), { what: 'marks' });
        await page.focus('mark.fl-mark[tabindex="0"]');
        await page.keyboard.press('Enter');
        await until(async () => (await focusState(page)).inner === 'dialog', { what: 'card open' });
        // The article FactionLens marked and its card (the fixture site's own chrome is not ours).
        await assertAxeClean(assert, page, `${env.name} marked article, card open, ${dark ? 'dark' : 'light'}`, { include: [['article'], ['factionlens-card']] });
        await page.screenshot({ path: env.out(`a11y-marks-card-${dark ? 'dark' : 'light'}.png`) });
        await env.setDark(page, false);
        await page.close();
      }
    } finally {
      await clearSettings(env);
    }
  });

  test('screen reader (Chromium): the accessibility tree of a name and of the open card', async (t) => {
    const env = getEnv();
    if (env.name !== 'chromium') { t.skip('the accessibility tree is read through the DevTools protocol: Chromium only'); return; }
    await setSettings(env, { mode: 'marks' });
    try {
      const page = await env.newPage();
      await page.goto(new URL('csp.html', env.url).href);
      await until(() => page.evaluate(() => document.querySelectorAll('mark.fl-mark').length > 3), { what: 'marks' });
      await page.focus('mark.fl-mark[tabindex="0"]');
      const first = lens.scan(SEEDS[1], { types: DEFAULT_TYPES })[0];
      const cdp = await env.ctx.newCDPSession(page);
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false });
      assert.equal(nodes[0].name.value, first.text);
      assert.match(nodes[0].description.value, new RegExp(`^${lens.entity(first.entity).name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, `));
      await page.keyboard.press('Enter');
      await until(async () => (await focusState(page)).inner === 'dialog', { what: 'card open' });
      const tree = await page.locator('factionlens-card').ariaSnapshot();
      assert.match(tree.split('\n')[0], new RegExp(`dialog "${lens.entity(first.entity).name}"`), tree);
      assert.ok(tree.includes('button "Close"'), tree);
      assert.ok(!/banner|contentinfo/.test(tree), tree);
      await page.close();
    } finally {
      await clearSettings(env);
    }
  });
}
