// The page in real Firefox ESR (puppeteer-core over WebDriver BiDi): a seed article's marks equal the
// core's scan, and the card that opens on a mark is opaque and readable (card-visual.mjs) in the light
// and the dark theme. The rest of the page's suite runs in Chromium; this is the cross-engine check.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import puppeteer from 'puppeteer-core';
import { serve } from '../../../scripts/serve.mjs';
import { ensureBuilt, loadCore, DIST, OUT, SEEDS, pairs } from './helpers.mjs';
import { checkCardReadable, luminance } from '../card-visual.mjs';

let browser, server, url, profile, lens;
before(async () => {
  ensureBuilt();
  fs.mkdirSync(OUT, { recursive: true });
  lens = new (await loadCore()).Lens();
  ({ server, url } = await serve(DIST, { port: 0, quiet: true }));
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'factionlens-www-firefox-'));
  browser = await puppeteer.launch({
    browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, userDataDir: profile,
    defaultViewport: { width: 1280, height: 720 },
    extraPrefsFirefox: { 'layout.css.prefers-color-scheme.content-override': 1 },
  });
});
after(async () => {
  await browser?.close();
  server?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

test('Firefox: marks equal the core scan; the card is opaque and readable, light and dark', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  const { text } = SEEDS[0];
  await page.$eval('#text', (el, t) => { el.value = t; el.dispatchEvent(new Event('input', { bubbles: true })); }, text);
  await page.evaluate(() => { document.body.dataset.scan = ''; });
  await page.click('#scan');
  await page.waitForSelector('body[data-scan="done"]', { timeout: 60000 });
  const marks = await page.$$eval('#doc mark.fl-mark', (ms) => ms.map((m) => ({ entity: m.dataset.entity, text: m.textContent })));
  assert.deepEqual(pairs(marks), pairs(lens.scan(text)));

  await page.hover('#doc mark[data-entity="asaib-ahl-al-haq"]');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  const light = await checkCardReadable(page, '#fl-card-popup', path.join(OUT, 'firefox-card-light.png'));
  assert.ok(luminance(light.background) > 0.8, `light card: ${light.background}`);

  await page.mouse.move(0, 0);
  await page.click('#theme-toggle');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.hover('#doc mark[data-entity="popular-mobilization-forces"]');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  const dark = await checkCardReadable(page, '#fl-card-popup', path.join(OUT, 'firefox-card-dark.png'));
  assert.ok(luminance(dark.background) < 0.05, `dark card: ${dark.background}`);
  assert.deepEqual(errors, []);
  await page.close();
});
