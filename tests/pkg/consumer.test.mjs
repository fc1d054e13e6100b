// The package as a user gets it: `npm pack` in pkg/, install the tarball into a fresh project with no
// network, then (1) import it from Node as ES module and CommonJS, (2) type-check a TypeScript file
// against its declarations, (3) bundle a page with esbuild and run it in Chromium.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { serve } from '../../scripts/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PKG = path.join(ROOT, 'pkg');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factionlens-consumer-'));
const run = (cmd, args, cwd = dir) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test.before(() => {
  const out = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], PKG));
  const tarball = path.join(dir, out[0].filename);
  // What the tarball holds: the three builds, the highlighter, declarations; no sources or tests.
  const files = out[0].files.map((f) => f.path);
  for (const f of ['package.json', 'README.md', 'dist/index.d.ts', 'dist/highlight.js', 'dist/collect.js', 'dist/paint.js', 'dist/hit.js', 'dist/highlight.d.ts',
    'dist/web/factionlens_bg.wasm', 'dist/node/factionlens_bg.wasm', 'dist/bundler/factionlens_bg.wasm',
    'dist/node/index.mjs', 'dist/node/package.json', 'dist/web/index.js']) {
    assert.ok(files.includes(f), `tarball has ${f}`);
  }
  assert.ok(!files.some((f) => f.startsWith('js/') || f.startsWith('types/') || f === 'build.mjs'), files.join(' '));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball]);
});
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('Node ES module import', () => {
  fs.writeFileSync(path.join(dir, 'esm.mjs'), `
import init, { Lens, version } from 'factionlens';
await init();
const lens = new Lens();
const m = lens.scan("Kataeb Hezbollah and the Hashd al-Shaabi");
console.log(JSON.stringify({ version: version(), ids: m.map((x) => x.entity), card: lens.entity(m[0].entity).name }));
`);
  const r = JSON.parse(run(process.execPath, ['esm.mjs']));
  assert.deepEqual(r.ids, ['kataib-hezbollah', 'popular-mobilization-forces']);
  assert.equal(r.card, "Kata'ib Hezbollah");
  assert.match(r.version, /^\d+\.\d+\.\d+/);
});

test('Node CommonJS require', () => {
  fs.writeFileSync(path.join(dir, 'cjs.cjs'), `
const { Lens } = require('factionlens');
console.log(JSON.stringify(new Lens().scan('Asaib Ahl al-Haq').map((m) => m.entity)));
`);
  assert.deepEqual(JSON.parse(run(process.execPath, ['cjs.cjs'])), ['asaib-ahl-al-haq']);
});

test('the .wasm is its own subpath export', () => {
  fs.writeFileSync(path.join(dir, 'wasm.mjs'), `
import { createRequire } from 'node:module';
import fs from 'node:fs';
const p = createRequire(import.meta.url).resolve('factionlens/factionlens_bg.wasm');
const bytes = fs.readFileSync(p);
console.log(JSON.stringify({ magic: [...bytes.subarray(0, 4)], valid: WebAssembly.validate(bytes) }));
`);
  const r = JSON.parse(run(process.execPath, ['wasm.mjs']));
  assert.deepEqual(r.magic, [0, 97, 115, 109]);
  assert.ok(r.valid);
});

test('TypeScript: the declarations type-check a consumer and reject misuse', () => {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true,
      lib: ['es2022', 'dom'], types: [] },
    files: ['use.ts'],
  }));
  fs.writeFileSync(path.join(dir, 'use.ts'), `
import init, { Lens, type Mention, type EntityCard } from 'factionlens';
import { highlight, type MarkHandle } from 'factionlens/highlight';
await init();
const lens = new Lens();
const ms: Mention[] = lens.scan('Kataib Hezbollah', { types: ['armed_group'] });
const start: number = ms[0].start;
const card: EntityCard | undefined = lens.entity(ms[0].entity);
const q: Uint32Array = lens.scanCompact('x');
const h: MarkHandle = highlight(document.body, lens, { each: (mark) => mark.tabIndex = 0 });
h.remove();
export { start, card, q };
`);
  run(process.execPath, [tsc, '-p', '.']);
  fs.writeFileSync(path.join(dir, 'use.ts'), `
import { Lens } from 'factionlens';
new Lens().scan('x', { types: ['militia'] });
`);
  let err = '';
  try { run(process.execPath, [tsc, '-p', '.']); } catch (e) { err = String(e.stdout) + String(e.stderr); }
  assert.match(err, /militia/, 'a wrong entity type is a type error');
});

test('a browser page bundled with esbuild from the installed package', async () => {
  const web = path.join(dir, 'web');
  fs.mkdirSync(web, { recursive: true });
  fs.writeFileSync(path.join(dir, 'page.js'), `
import init, { Lens } from 'factionlens';
import { highlight } from 'factionlens/highlight';
await init();
const h = highlight(document.querySelector('article'), new Lens());
window.result = h.mentions.map((m) => m.entity);
`);
  await build({ entryPoints: [path.join(dir, 'page.js')], bundle: true, format: 'esm', outdir: web, absWorkingDir: dir,
    loader: { '.wasm': 'file' }, assetNames: '[name]', logLevel: 'error' });
  // esbuild keeps `new URL('factionlens_bg.wasm', import.meta.url)`: serve the .wasm next to the bundle.
  fs.copyFileSync(path.join(dir, 'node_modules', 'factionlens', 'dist', 'web', 'factionlens_bg.wasm'), path.join(web, 'factionlens_bg.wasm'));
  fs.writeFileSync(path.join(web, 'index.html'), `<!doctype html><meta charset="utf-8"><article><p>The <i>Kata'ib</i> Hezbollah and Harakat al-Nujaba.</p></article><script type="module" src="page.js"></script>`);
  const { server, url } = await serve(web, { port: 0, quiet: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(new URL("index.html", url).href);
    await page.waitForFunction(() => window.result);
    assert.deepEqual(await page.evaluate(() => window.result), ['kataib-hezbollah', 'harakat-hezbollah-al-nujaba']);
    assert.ok(requests.every((u) => u.startsWith(new URL(url).origin)), 'no request leaves the page origin');
  } finally {
    await browser.close();
    server.close();
  }
});
