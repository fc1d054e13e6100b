// The page's theme in Chromium and Firefox: for every system preference (light, dark) and every
// choice of the page's switch (none, light, dark), what the reader sees is the chosen theme, else
// the system's. Checked on what the browser draws, never on the stylesheet:
//   - the screenshot's most common colour (the page's background) is light or dark;
//   - the open card is opaque and readable (card-visual.mjs) and light or dark;
//   - a mark's underline is the palette's colour for that scheme (pkg/dist/palette.json: the data
//     the core exports, not the CSS that uses it).
// The standalone HTML page (the page's HTML export and the CLI's --format html, made by the core)
// follows the system's preference the same way, on its own stylesheet.
// Why it exists: the dark palette was written twice (under the system preference and under the
// explicit choice) and only the explicit dark theme over a light system was ever looked at; an
// explicit light theme over a dark system, or the system's dark without a choice, could break unseen.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import puppeteer from 'puppeteer-core';
import { serve } from '../../../scripts/serve.mjs';
import { CHROMIUM_ARGS, DIST, OUT, ROOT, SEEDS, ensureBuilt, loadCore } from './helpers.mjs';
import { checkCardReadable, dominantColor, luminance, parseColor } from '../card-visual.mjs';
import { chromium } from 'playwright-core';

const PALETTE = JSON.parse(fs.readFileSync(path.join(ROOT, 'pkg', 'dist', 'palette.json'), 'utf8'));
const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

let server, url, standalone;
before(async () => {
  ensureBuilt();
  standalone = new (await loadCore()).Lens().standalonePage(SEEDS[0].text, 'Seed 0');
  fs.mkdirSync(OUT, { recursive: true });
  ({ server, url } = await serve(DIST, { port: 0, quiet: true }));
});
after(() => server?.close());

/**
 * Opens the page with the saved `choice` (null: none), highlights a seed, opens a card, and checks
 * everything the reader sees against `expected` ('light' | 'dark').
 * `page` is a playwright or a puppeteer page (both have goto, evaluate, hover, waitForSelector).
 */
async function checkTheme(page, label, choice, expected) {
  await page.goto(url);
  await page.evaluate((c) => { if (c) localStorage.setItem('factionlens.theme', c); else localStorage.removeItem('factionlens.theme'); }, choice);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-theme')), choice, label);
  await page.evaluate((t) => {
    const el = document.getElementById('text');
    el.value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    document.body.dataset.scan = '';
    document.getElementById('scan').click();
  }, SEEDS[0].text);
  await page.waitForSelector('body[data-scan="done"]', { timeout: 60000 });

  // The page as drawn.
  const shot = path.join(OUT, `theme-${label}.png`);
  await page.screenshot({ path: shot });
  const bg = dominantColor(shot);
  if (expected === 'dark') assert.ok(luminance(bg) < 0.05, `${label}: the page is drawn dark, its most common colour is ${bg}`);
  else assert.ok(luminance(bg) > 0.8, `${label}: the page is drawn light, its most common colour is ${bg}`);

  // A mark's underline: the palette's colour for the scheme.
  const mark = await page.evaluate(() => {
    const m = document.querySelector('#doc mark.fl-mark');
    return { type: m.dataset.type, deco: getComputedStyle(m).textDecorationColor };
  });
  const style = PALETTE.find((s) => s.type === mark.type);
  assert.deepEqual(parseColor(mark.deco).slice(0, 3), hex(style[expected]), `${label}: the ${mark.type} underline`);

  // The card.
  await page.hover('#doc mark[data-entity="asaib-ahl-al-haq"]');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  const card = await checkCardReadable(page, '#fl-card-popup', path.join(OUT, `theme-${label}-card.png`));
  if (expected === 'dark') assert.ok(luminance(card.background) < 0.05, `${label}: dark card ${card.background}`);
  else assert.ok(luminance(card.background) > 0.8, `${label}: light card ${card.background}`);
}

/** The standalone HTML page, opened where the system prefers `system`: drawn in that scheme. */
async function checkStandalone(page, label, system) {
  await page.setContent(standalone);
  const shot = path.join(OUT, `theme-${label}.png`);
  await page.screenshot({ path: shot });
  const bg = dominantColor(shot);
  if (system === 'dark') assert.ok(luminance(bg) < 0.05, `${label}: drawn dark, its most common colour is ${bg}`);
  else assert.ok(luminance(bg) > 0.8, `${label}: drawn light, its most common colour is ${bg}`);
  const mark = await page.evaluate(() => {
    const m = document.querySelector('mark.fl-mark');
    return { type: m.dataset.type, deco: getComputedStyle(m).textDecorationColor };
  });
  const style = PALETTE.find((s) => s.type === mark.type);
  assert.deepEqual(parseColor(mark.deco).slice(0, 3), hex(style[system]), `${label}: the ${mark.type} underline`);
}

const CASES = [];
for (const system of ['light', 'dark']) {
  for (const choice of [null, 'light', 'dark']) CASES.push({ system, choice, expected: choice || system });
}

test('Chromium: the chosen theme, else the system\'s, on the page, its marks and its card; the standalone page', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    for (const { system, choice, expected } of CASES) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: system });
      const page = await context.newPage();
      await checkTheme(page, `chromium-system-${system}-choice-${choice || 'none'}`, choice, expected);
      await context.close();
    }
    for (const system of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: system });
      await checkStandalone(await context.newPage(), `chromium-standalone-${system}`, system);
      await context.close();
    }
  } finally {
    await browser.close();
  }
});

test('Firefox: the chosen theme, else the system\'s, on the page, its marks and its card; the standalone page', async () => {
  for (const system of ['light', 'dark']) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'factionlens-www-theme-'));
    const browser = await puppeteer.launch({
      browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, userDataDir: profile,
      defaultViewport: { width: 1280, height: 720 },
      // 0: the content prefers dark; 1: light.
      extraPrefsFirefox: { 'layout.css.prefers-color-scheme.content-override': system === 'dark' ? 0 : 1 },
    });
    try {
      for (const { choice, expected } of CASES.filter((c) => c.system === system)) {
        const page = await browser.newPage();
        await checkTheme(page, `firefox-system-${system}-choice-${choice || 'none'}`, choice, expected);
        await page.close();
      }
      const page = await browser.newPage();
      await checkStandalone(page, `firefox-standalone-${system}`, system);
      await page.close();
    } finally {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  }
});
