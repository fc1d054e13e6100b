// Shared setup for the page's browser tests: build www/dist if missing, serve it on a free port on
// 127.0.0.1, launch the system Chromium with playwright-core, and compute expected mentions in Node
// with the same WebAssembly core (pkg/dist/node, or pkg/dist/web when the node build is unusable).

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST = path.join(ROOT, 'www', 'dist');
export const OUT = path.join(ROOT, 'test-output', 'www');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

/** The seed articles: [{file, text}]. */
export const SEEDS = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort()
  .map((file) => ({ file, text: fs.readFileSync(path.join(FIXTURES, file), 'utf8') }));

/** Builds www/dist when it is missing (scripts/test.sh builds it before the tests). */
export function ensureBuilt() {
  if (!fs.existsSync(path.join(DIST, 'index.html')) || !fs.existsSync(path.join(DIST, 'app.js'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'www', 'build.mjs')], { stdio: 'inherit', cwd: ROOT });
  }
}

let corePromise = null;
/** The FactionLens module for Node ({Lens, version}). */
export function loadCore() {
  if (!corePromise) {
    corePromise = (async () => {
      try {
        const require = createRequire(import.meta.url);
        const mod = require(path.join(ROOT, 'pkg', 'dist', 'node', 'factionlens.js'));
        if (typeof mod.Lens === 'function') { new mod.Lens(); return mod; }
      } catch { /* fall back to the web build below */ }
      const web = await import(path.join(ROOT, 'pkg', 'dist', 'web', 'index.js'));
      await web.default({ module_or_path: fs.readFileSync(path.join(ROOT, 'pkg', 'dist', 'web', 'factionlens_bg.wasm')) });
      return web;
    })();
  }
  return corePromise;
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Starts the server and the browser.
 * @returns {Promise<{url: string, browser: import('playwright-core').Browser, close(): Promise<void>}>}
 */
export async function setup() {
  ensureBuilt();
  fs.mkdirSync(OUT, { recursive: true });
  const { server, url } = await serve(DIST, { port: 0, quiet: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * Opens the page in a new context and waits for the engine. Records every request and page error.
 * @returns {Promise<{page, context, requests: string[], errors: string[]}>}
 */
export async function openPage(env, options = {}) {
  const context = await env.browser.newContext({ acceptDownloads: true, ...(options.context || {}) });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(env.url + (options.query || ''));
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  return { page, context, requests, errors };
}

/** Pastes `text` into the textarea and highlights it; waits until the scan is done. */
export async function pasteAndScan(page, text) {
  if (text.length < 20000) await page.fill('#text', text);
  // A long text goes in as one value (what a paste does), not through fill's input emulation, which
  // takes tens of seconds for megabytes on a loaded machine.
  else await page.$eval('#text', (el, t) => { el.value = t; el.dispatchEvent(new Event('input', { bubbles: true })); }, text);
  await page.evaluate(() => { document.body.dataset.scan = ''; });
  await page.click('#scan');
  await page.waitForSelector('body[data-scan="done"]', { timeout: 60000 });
}

/** Uploads a file through the article file picker; waits until the scan is done. */
export async function uploadArticle(page, file) {
  await page.evaluate(() => { document.body.dataset.scan = ''; });
  await page.setInputFiles('#file', file);
  await page.waitForSelector('body[data-scan="done"]', { timeout: 60000 });
}

/** The marks in the page: [{entity, type, text}] in document order. */
export function pageMarks(page) {
  return page.$$eval('#doc mark.fl-mark', (ms) => ms.map((m) => ({ entity: m.dataset.entity, type: m.dataset.type, text: m.textContent })));
}

/** A multiset key list of (entity, text) pairs, whitespace-normalized, sorted. */
export function pairs(list) {
  return list.map((m) => `${m.entity}\u0000${m.text.replace(/\s+/g, ' ')}`).sort();
}
