#!/usr/bin/env node
// Builds the static page into www/dist: `npm run build:www`.
//
// Why it exists: the page must work from any static host with no network request to anything but
// its own files, so everything it needs is bundled here: the app (esbuild), the shared ui/ modules,
// the WebAssembly core (pkg/dist/web), pdf.js and its worker, mammoth's browser build, DOMPurify, the
// palette CSS (generated from ui/palette.js) and the five seed articles as samples.

import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { paletteCss } from '../ui/palette.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dist = path.join(here, 'dist');
const nm = path.join(root, 'node_modules');

const wasmDir = path.join(root, 'pkg', 'dist', 'web');
if (!fs.existsSync(path.join(wasmDir, 'factionlens_bg.wasm'))) {
  console.error('build:www: pkg/dist/web/factionlens_bg.wasm is missing; run `npm run build:pkg` (or `bash scripts/build-wasm.sh`) first');
  process.exit(1);
}

const t0 = Date.now();
fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(path.join(dist, 'vendor', 'pdfjs'), { recursive: true });
fs.mkdirSync(path.join(dist, 'pkg'), { recursive: true });
fs.mkdirSync(path.join(dist, 'samples'), { recursive: true });

const copy = (from, to) => fs.cpSync(from, path.join(dist, to), { recursive: true });

// Static sources.
copy(path.join(here, 'index.html'), 'index.html');
copy(path.join(here, 'src', 'theme-init.js'), 'theme-init.js');
copy(path.join(here, 'favicon.svg'), 'favicon.svg');
fs.writeFileSync(
  path.join(dist, 'app.css'),
  fs.readFileSync(path.join(root, 'ui', 'styles.css'), 'utf8') + '\n' + paletteCss({ highlights: true }) + '\n' +
    fs.readFileSync(path.join(here, 'src', 'app.css'), 'utf8'),
);

// The WebAssembly core.
copy(path.join(wasmDir, 'factionlens_bg.wasm'), 'pkg/factionlens_bg.wasm');

// pdf.js worker and the data it may ask for (fonts, CMaps, image decoders): all local.
copy(path.join(nm, 'pdfjs-dist', 'build', 'pdf.worker.min.mjs'), 'vendor/pdfjs/pdf.worker.min.mjs');
copy(path.join(nm, 'pdfjs-dist', 'standard_fonts'), 'vendor/pdfjs/standard_fonts');
copy(path.join(nm, 'pdfjs-dist', 'cmaps'), 'vendor/pdfjs/cmaps');
copy(path.join(nm, 'pdfjs-dist', 'wasm'), 'vendor/pdfjs/wasm');

// Samples: the seed articles, titled by their first line.
const fixtures = path.join(root, 'tests', 'fixtures');
const samples = fs.readdirSync(fixtures).filter((f) => f.endsWith('.txt')).sort().map((file) => {
  const text = fs.readFileSync(path.join(fixtures, file), 'utf8');
  fs.writeFileSync(path.join(dist, 'samples', file), text);
  const title = text.split('\n').map((l) => l.trim()).find((l) => l.length) || file;
  return { file, title: title.length > 90 ? title.slice(0, 87) + '…' : title, chars: text.length };
});
fs.writeFileSync(path.join(dist, 'samples', 'index.json'), JSON.stringify(samples, null, 1));

// The app and the scan worker.
await build({
  entryPoints: { app: path.join(here, 'src', 'main.js'), 'scan-worker': path.join(here, 'src', 'scan-worker.js') },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
  // mammoth's browser build is browserify output; pdf.js is an ES module.
  define: { 'process.env.NODE_ENV': '"production"' },
});

const size = (dir) => fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
  const p = path.join(dir, e.name);
  return n + (e.isDirectory() ? size(p) : fs.statSync(p).size);
}, 0);
console.log(`build:www: www/dist (${(size(dist) / 1e6).toFixed(1)} MB, ${samples.length} samples) in ${Date.now() - t0} ms`);
