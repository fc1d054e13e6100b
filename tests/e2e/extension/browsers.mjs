// One launcher per browser for the extension's tests, behind one small interface, so every test runs
// the same assertions in Chromium (playwright-core, the unpacked build in extension/dist/chrome) and
// Firefox ESR (puppeteer-core over WebDriver BiDi, the unpacked build in extension/dist/firefox
// installed as a temporary add-on).
//
// Each launcher starts its browser once per test file and returns:
//   name                 'chromium' | 'firefox'
//   newPage()            a new tab (playwright or puppeteer page: evaluate/goto/mouse/screenshot/click)
//   extPage(path)        a new tab showing one of the extension's pages (popup.html?tab=…, options.html)
//   bg(fn, arg)          runs fn(arg) with the extension's privileges (Chromium: in the service worker;
//                        Firefox: in an extension page) and returns its result
//   setDark(page, on)    prefers-color-scheme for the page (Chromium: emulated per page; Firefox: the
//                        content colour-scheme pref, set from the browser's privileged context)
//   upload(page, sel, f) picks file f in the <input type=file> `sel`
//   stopBackground()     stops the extension's background the way the browser does when it is idle
//                        (Chromium: DevTools' ServiceWorker.stopAllWorkers; Firefox: the add-on's
//                        terminateBackground(), its idle timeout's own path); the next event wakes it
//   close()
//
// The site grant: the extension asks for host access at run time (optional host permissions), and a
// headless browser shows no prompt, so each profile records the user's grant of http://127.0.0.1/*
// the way the browser itself stores it before the extension starts: Chromium's profile Preferences
// (the extension's active/granted/runtime-granted permission sets), Firefox's
// extension-preferences.json (origins for the add-on id). `grant: false` starts without it (the
// popup's own access paths are then what grants access).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const GECKO_ID = 'factionlens@factionlens.org';
/** The browsers the suites run in: FL_BROWSERS=chromium,firefox (the default: both). */
export const BROWSERS = (process.env.FL_BROWSERS || 'chromium,firefox').split(',').map((s) => s.trim()).filter(Boolean);
export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];
const VIEWPORT = { width: 1100, height: 800 };
const SITE_ORIGIN = 'http://127.0.0.1/*';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function pollFor(fn, what, timeout = 20000) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeout) {
    try { last = await fn(); if (last) return last; } catch (e) { last = String(e); }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

// ---- Chromium ----

async function chromiumContext(profile, ext, extraArgs = []) {
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: VIEWPORT,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, ...extraArgs],
  });
}

async function serviceWorker(ctx) {
  let [sw] = ctx.serviceWorkers();
  if (!sw) sw = await ctx.waitForEvent('serviceworker', { timeout: 20000 });
  return sw;
}

export async function launchChromium({ grant = true } = {}) {
  const ext = path.join(ROOT, 'extension', 'dist', 'chrome');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'factionlens-chromium-'));
  let ctx = await chromiumContext(profile, ext);
  let sw = await serviceWorker(ctx);
  const id = new URL(sw.url()).host;
  if (grant) {
    // First start installed the unpacked extension into the profile; record the grant, start again.
    await ctx.close();
    const prefsFile = path.join(profile, 'Default', 'Preferences');
    const prefs = JSON.parse(fs.readFileSync(prefsFile, 'utf8'));
    const settings = prefs.extensions.settings[id];
    for (const key of ['active_permissions', 'granted_permissions', 'runtime_granted_permissions']) {
      settings[key] = { ...(settings[key] || {}), explicit_host: [SITE_ORIGIN], scriptable_host: [SITE_ORIGIN] };
    }
    fs.writeFileSync(prefsFile, JSON.stringify(prefs));
  }
  // The browser's network log (--log-net-log): every request of its network stack, whoever made it,
  // the extension's service worker included (Playwright's request events do not report those).
  await ctx.close();
  const netLog = path.join(profile, 'netlog.json');
  ctx = await chromiumContext(profile, ext, [`--log-net-log=${netLog}`]);
  sw = await serviceWorker(ctx);
  const env = {
    name: 'chromium',
    netLog,
    scheme: 'chrome-extension:',
    id,
    ctx,
    newPage: () => ctx.newPage(),
    async extPage(rel) {
      const page = await ctx.newPage();
      await page.goto(`chrome-extension://${id}/${rel}`);
      return page;
    },
    // The service worker can be stopped when idle: fetch the current one each time.
    bg: async (fn, arg) => (await serviceWorker(ctx)).evaluate(fn, arg),
    setDark: (page, on) => page.emulateMedia({ colorScheme: on ? 'dark' : 'light' }),
    upload: (page, sel, file) => page.setInputFiles(sel, file),
    async stopBackground() {
      // The extension's service worker is in the profile's default storage partition: a DevTools
      // session on a blank tab reaches it (and the tab sends the background nothing that would wake it).
      const page = await ctx.newPage();
      try {
        const cdp = await ctx.newCDPSession(page);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
      } finally {
        await page.close();
      }
    },
    async close() {
      await ctx.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
  return env;
}

// ---- Firefox ----

/** Firefox's internal UUID for the add-on, fixed by a pref so its pages have a known address. */
const FIREFOX_UUID = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab';

export async function launchFirefox({ grant = true } = {}) {
  const ext = path.join(ROOT, 'extension', 'dist', 'firefox');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'factionlens-firefox-'));
  if (grant) {
    fs.writeFileSync(path.join(profile, 'extension-preferences.json'),
      JSON.stringify({ [GECKO_ID]: { permissions: [], origins: [SITE_ORIGIN], data_collection: [] } }));
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: profile,
    defaultViewport: VIEWPORT,
    // Lets the harness open the add-on's own pages and set the colour-scheme pref (privileged context).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'xpinstall.signatures.required': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // A test profile accepts the add-on's optional permission requests without a prompt: the popup's
      // "Always on this site" runs its real permissions.request.
      'extensions.webextOptionalPermissionPrompts': false,
      'layout.css.prefers-color-scheme.content-override': 1,
    },
  });
  const installed = await browser.installExtension(ext);
  if (installed !== GECKO_ID) throw new Error(`installed ${installed}, expected ${GECKO_ID}`);
  const base = `moz-extension://${FIREFOX_UUID}/`;

  async function extPage(rel) {
    const page = await browser.newPage();
    // BiDi's navigation to the add-on's page never reports "load" to puppeteer (the tab changes
    // process); poll until the page's own script has run instead.
    page.goto(base + rel, { timeout: 60000 }).catch(() => {});
    await pollFor(() => page.evaluate((u) => location.href === u && document.readyState === 'complete', base + rel), `${rel} to load`);
    return page;
  }
  /** Runs `expression` in the browser's privileged (chrome) context. */
  async function privileged(expression, awaitPromise = false) {
    const tree = await browser.connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const context = tree.result.contexts[0].context;
    const r = await browser.connection.send('script.evaluate', { expression, target: { context }, awaitPromise });
    if (r.result.type !== 'success') throw new Error(`privileged script failed: ${JSON.stringify(r.result)}`);
    return r.result.result;
  }
  // One extension page stays open for bg(): the add-on's APIs, as its background sees them.
  const bgPage = await extPage('options.html');
  const env = {
    name: 'firefox',
    scheme: 'moz-extension:',
    id: FIREFOX_UUID,
    browser,
    newPage: () => browser.newPage(),
    extPage,
    bg: (fn, arg) => bgPage.evaluate(fn, arg),
    async setDark(_page, on) {
      await privileged(`Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${on ? 0 : 1}); 1`);
      await sleep(100);
    },
    async stopBackground() {
      // A background still starting (woken by a storage change a moment ago) is not stopped by a
      // terminate that races its start: asked again until it is.
      let state;
      for (let i = 0; i < 20; i++) {
        state = await privileged(`(async () => {
          const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
          const ext = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
          await ext.terminateBackground({ ignoreDevToolsAttached: true });
          return String(ext.backgroundState);
        })()`, true);
        if (state.value === 'stopped') return;
        await sleep(100);
      }
      throw new Error(`the background did not stop: ${JSON.stringify(state)}`);
    },
    async upload(page, sel, file) {
      const input = await page.$(sel);
      await input.uploadFile(file);
    },
    async close() {
      await browser.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
  return env;
}

/**
 * Starts `name` with the extension and waits until its background has registered the content script
 * for the granted site (when `grant`).
 */
export async function launch(name, options = {}) {
  const env = await (name === 'firefox' ? launchFirefox(options) : launchChromium(options));
  if (options.grant !== false) {
    const { origins } = await pollFor(() => env.bg(() => (globalThis.browser ?? chrome).permissions.getAll()), 'permissions');
    if (!origins.includes(SITE_ORIGIN)) throw new Error(`${name}: host permission not granted: ${JSON.stringify(origins)}`);
    await pollFor(() => env.bg(() => (globalThis.browser ?? chrome).scripting.getRegisteredContentScripts().then((s) => s.length)), 'content script registration');
  }
  return env;
}
