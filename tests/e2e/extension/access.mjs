// The popup's own access paths, with no grant recorded beforehand: "Highlight this page" (activeTab,
// then scripting.executeScript on the real tab) and "Always on this site" (permissions.request, then
// the registered content script on every page of the site). Registered inside each browser's suite
// (extension.test.mjs), last: it revokes the site's grant first and leaves it granted again.
//
// Firefox: the test profile accepts optional permission requests without a prompt
// (extensions.webextOptionalPermissionPrompts false), and the toolbar button is pressed through the
// browser's own action code (privileged context), which is what grants activeTab. Chromium headless
// has neither: its permission prompt cannot be answered and its toolbar button cannot be pressed, so
// there the test is skipped, with that reason in the report.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlighted, until, tabId, core, SEEDS, DEFAULT_TYPES } from './helpers.mjs';
import { GECKO_ID } from './browsers.mjs';

const SITE = 'http://127.0.0.1/*';

/** Presses the extension's toolbar button in the front window (Firefox, privileged context). */
async function pressToolbarButton(env) {
  const tree = await env.browser.connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const res = await env.browser.connection.send('script.evaluate', {
    expression: `(() => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const ext = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
      const win = Services.wm.getMostRecentWindow('navigator:browser');
      const { ViewPopup } = ChromeUtils.importESModule('resource:///modules/ExtensionPopups.sys.mjs');
      // A press while the extension's popup panel is open closes it (and grants nothing): close it first.
      ViewPopup.for(ext, win)?.closePopup();
      ExtensionParent.apiManager.global.browserActionFor(ext).triggerAction(win);
      return win.gBrowser.selectedBrowser.currentURI.spec;
    })()`,
    target: { context: tree.result.contexts[0].context },
    awaitPromise: false,
  });
  if (res.result.type !== 'success') throw new Error(`toolbar button: ${JSON.stringify(res.result).slice(0, 400)}`);
  return res.result.result.value;
}

/** @param {() => object} getEnv the suite's env */
export function accessTests(getEnv) {
  const skip = (name) => name === 'chromium' &&
    'Chromium headless cannot answer its permission prompt nor press the toolbar button (activeTab)';
  test('popup access paths: "Highlight this page" (activeTab) once, then "Always on this site" (permissions.request)', async (t) => {
    const env = getEnv();
    if (skip(env.name)) { t.skip(skip(env.name)); return; }
    const api = (fn, arg) => env.bg(fn, arg);
    const want = lens().scan(SEEDS[1], { types: DEFAULT_TYPES }).length;
    const page = await env.newPage();
    await page.goto(new URL('csp.html?access', env.url).href);
    // (Its tab id while the extension may still see the tab's address.)
    const tab = await tabId(env, '/csp.html');
    // The user never allowed the site: revoke the grant, load the page again.
    assert.equal(await api((o) => (globalThis.browser ?? chrome).permissions.remove({ origins: [o] }), SITE), true);
    await until(() => api(() => (globalThis.browser ?? chrome).scripting.getRegisteredContentScripts().then((s) => s.length === 0)), { what: 'content script unregistered' });
    await page.reload();
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await highlighted(page)).length, 0, 'not highlighted without access');

    // "Highlight this page": the toolbar button on the page (activeTab), then the popup's button.
    await page.bringToFront();
    assert.match(await pressToolbarButton(env), /\/csp\.html\?access$/);
    const popup = await env.extPage(`popup.html?tab=${tab}`);
    await new Promise((r) => setTimeout(r, 1000));
    await popup.waitForSelector('#access:not([hidden])');
    await popup.click('#once');
    const ranges = await until(async () => { const r = await highlighted(page); return r.length === want && r; }, { what: 'highlights after "Highlight this page"' });
    assert.equal(ranges.length, want);
    await popup.close();
    // Once: a reload is not highlighted, and the site is still not allowed.
    await page.reload();
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await highlighted(page)).length, 0, 'a reload after "Highlight this page" is not highlighted');
    assert.equal(await api((o) => (globalThis.browser ?? chrome).permissions.contains({ origins: [o] }), SITE), false);

    // "Always on this site": the toolbar button again, the browser's permission request (accepted),
    // this page and every later one.
    await page.bringToFront();
    await pressToolbarButton(env);
    const popup2 = await env.extPage(`popup.html?tab=${tab}`);
    await popup2.waitForSelector('#access:not([hidden])');
    await popup2.click('#allow');
    await until(async () => (await highlighted(page)).length === want, { what: 'highlights after "Always on this site"' });
    assert.equal(await api((o) => (globalThis.browser ?? chrome).permissions.contains({ origins: [o] }), SITE), true);
    await popup2.close();
    const later = await env.newPage();
    await later.goto(new URL('csp.html?later', env.url).href);
    await until(async () => (await highlighted(later)).length === want, { what: 'a later page of the site highlighted' });
    await later.close();
    await page.close();
  });
}

let lensCache;
const lens = () => (lensCache ??= new core.Lens());
