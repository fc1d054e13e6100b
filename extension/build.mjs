#!/usr/bin/env node
// Builds the browser extension into extension/dist/chrome and extension/dist/firefox: `npm run build:ext`.
//
// Why it exists: one source (extension/src, plus the shared ui/ modules and the npm package's core and
// DOM highlighter) serves both browsers; only the manifest's background entry and Firefox's
// browser_specific_settings differ. esbuild bundles each entry (content scripts cannot be ES modules),
// and the .wasm ships inside the extension: no remote code, nothing fetched from the network.

import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PALETTES } from './src/settings.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const src = path.join(here, 'src');
const wasms = ['factionlens_bg.wasm', 'factionlens_scan_bg.wasm'];
for (const w of wasms) {
  if (!fs.existsSync(path.join(root, 'pkg', 'dist', 'web', w))) {
    console.error(`build:ext: pkg/dist/web/${w} is missing; run \`npm run build:pkg\` first`);
    process.exit(1);
  }
}
const { paletteCss } = createRequire(import.meta.url)(path.join(root, 'pkg', 'dist', 'node', 'factionlens.js'));
// `auto`: the reader's preference (prefers-color-scheme). A news site's own color-scheme, which
// `color-scheme` would follow, is often unset even where the site is dark.
const highlights = Object.fromEntries(Object.entries(PALETTES).map(([palette, { underlineOnly }]) =>
  [palette, paletteCss({ prefix: 'fl-', marks: true, highlights: true, scheme: 'auto', underlineOnly })]));

const t0 = Date.now();
const base = JSON.parse(fs.readFileSync(path.join(src, 'manifest.base.json'), 'utf8'));
const version = JSON.parse(fs.readFileSync(path.join(root, 'pkg', 'package.json'), 'utf8')).version;

const manifests = {
  chrome: {
    ...base,
    version,
    minimum_chrome_version: '121',
    background: { service_worker: 'background.js', type: 'module' },
  },
  firefox: {
    ...base,
    version,
    background: { scripts: ['background.js'], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: 'factionlens@factionlens.org',
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
};

for (const [browser, manifest] of Object.entries(manifests)) {
  const out = path.join(here, 'dist', browser);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'pkg'), { recursive: true });
  await build({
    entryPoints: {
      background: path.join(src, 'background.js'),
      popup: path.join(src, 'popup.js'),
      options: path.join(src, 'options.js'),
    },
    outdir: out,
    bundle: true,
    format: 'esm',
    target: ['chrome121', 'firefox128'],
    minify: false,
    legalComments: 'inline',
    logLevel: 'warning',
  });
  await build({
    entryPoints: { content: path.join(src, 'content.js') },
    outdir: out,
    bundle: true,
    format: 'iife',
    target: ['chrome121', 'firefox128'],
    loader: { '.css': 'text' },
    minify: false,
    legalComments: 'inline',
    logLevel: 'warning',
  });
  for (const f of ['popup.html', 'popup.css', 'options.html', 'options.css']) fs.copyFileSync(path.join(src, f), path.join(out, f));
  fs.copyFileSync(path.join(root, 'ui', 'styles.css'), path.join(out, 'ui.css'));
  fs.cpSync(path.join(here, 'icons'), path.join(out, 'icons'), { recursive: true });
  for (const w of wasms) fs.copyFileSync(path.join(root, 'pkg', 'dist', 'web', w), path.join(out, 'pkg', w));
  fs.writeFileSync(path.join(out, 'highlights.json'), JSON.stringify(highlights) + '\n');
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}
console.log(`build:ext: extension/dist/{chrome,firefox} in ${Date.now() - t0} ms`);
