// The P2 page (the generated 2 MB news page of bench/data.mjs) served from the tree, with the built-in
// spelling list next to it and a headless Chromium to open it in.
//
// Why it exists: the DOM benchmarks' own scripts (bench/ab-dom.mjs, bench/parts-dom.mjs) need the same
// page, spellings, server and browser flags; one place keeps them equal.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, writeData } from './data.mjs';

/**
 * Writes the P2 inputs if needed, serves the tree and launches Chromium.
 *
 * @returns {Promise<{browser: object, pageUrl: string, tsvUrl: string, markjs: string, close(): Promise<void>}>}
 *   `tsvUrl`: the spellings' path on the server; `markjs`: mark.js's source, to add to a page by content
 *   (node_modules may be a symlink out of the served tree, which the server refuses)
 */
export async function p2Browser() {
  const data = path.join(ROOT, 'target', 'bench-data', 'full');
  const manifest = writeData(data, 'full');
  const tsv = path.join(data, 'spellings-builtin.tsv');
  if (!fs.existsSync(tsv)) {
    fs.writeFileSync(tsv, execFileSync(path.join(ROOT, 'target', 'release', 'factionlens'), ['patterns', '--names'], { cwd: ROOT, maxBuffer: 1 << 30 }));
  }
  const { serve } = await import('../scripts/serve.mjs');
  const { server, url } = await serve(ROOT, { port: 0, quiet: true });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  return {
    browser,
    pageUrl: `${url}target/bench-data/full/${manifest.page.file}`,
    tsvUrl: '/target/bench-data/full/spellings-builtin.tsv',
    markjs: fs.readFileSync(path.join(ROOT, 'node_modules', 'mark.js', 'dist', 'mark.min.js'), 'utf8'),
    async close() {
      await browser.close();
      server.close();
    },
  };
}
