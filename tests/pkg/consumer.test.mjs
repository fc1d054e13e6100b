// What the packed tarball holds (`npm pack` in pkg/): one copy of each .wasm (the whole API's and the
// scan-only one) shared by both JS glues, the entries
// every resolver finds (package exports, and the `highlight/` folder for resolvers without them), the
// declarations; no sources, no tests. The toolchains that consume it are tests/pkg/matrix.test.mjs.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PKG = path.join(ROOT, 'pkg');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factionlens-pack-'));
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: PKG, encoding: 'utf8' }));
const files = packed.files.map((f) => f.path);
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the tarball has the entries, the highlighter, the declarations and the highlight/ folder', () => {
  for (const f of ['package.json', 'README.md', 'dist/index.d.ts', 'dist/api.d.ts', 'dist/web/api.d.ts', 'dist/node/api.d.ts', 'dist/highlight.js', 'dist/collect.js', 'dist/spans.js', 'dist/paint.js',
    'dist/hit.js', 'dist/highlight.d.ts', 'dist/web/factionlens_bg.wasm', 'dist/web/index.js', 'dist/node/index.mjs',
    'dist/node/index.cjs', 'dist/node/package.json', 'highlight/package.json',
    'dist/scan.d.ts', 'dist/scan-api.d.ts', 'dist/web/scan.js', 'dist/web/factionlens_scan_bg.wasm', 'dist/node/scan.mjs', 'dist/node/scan.cjs']) {
    assert.ok(files.includes(f), `tarball has ${f}`);
  }
  assert.ok(!files.some((f) => f.startsWith('js/') || f.startsWith('types/') || f === 'build.mjs'), files.join(' '));
});

test('one copy of each .wasm, and every entry the package names is in the tarball', () => {
  assert.deepEqual(files.filter((f) => f.endsWith('.wasm')).sort(), ['dist/web/factionlens_bg.wasm', 'dist/web/factionlens_scan_bg.wasm']);
  const manifest = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
  const targets = [];
  const walk = (v) => (typeof v === 'string' ? targets.push(v) : Object.values(v).forEach(walk));
  walk(manifest.exports);
  for (const k of ['main', 'module', 'browser', 'types']) targets.push(manifest[k]);
  const sub = JSON.parse(fs.readFileSync(path.join(PKG, 'highlight', 'package.json'), 'utf8'));
  for (const k of ['main', 'module', 'browser', 'types']) targets.push(path.posix.join('highlight', sub[k]));
  for (const t of targets) assert.ok(files.includes(path.posix.normalize(t)), `${t} is packed`);
});

test('the packed size stays near the two .wasm files (no duplicate copies)', () => {
  const wasm = packed.files.filter((f) => f.path.endsWith('.wasm')).reduce((sum, f) => sum + f.size, 0);
  // Everything else (glue, highlighter, declarations, README) is small next to the .wasm files.
  assert.ok(packed.unpackedSize < wasm + 400_000, `unpacked ${packed.unpackedSize} B, .wasm ${wasm} B`);
});
