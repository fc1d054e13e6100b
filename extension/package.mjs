#!/usr/bin/env node
// Builds the extension and packs it: `npm run package:ext` → extension/dist/factionlens-chrome-<v>.zip
// and extension/dist/factionlens-firefox-<v>.zip, after `web-ext lint` reports no error and no
// warning on the Firefox build (the Chrome build differs only in its background entry).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const webExt = path.join(root, 'node_modules', '.bin', 'web-ext');
const run = (args) => execFileSync(webExt, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

execFileSync(process.execPath, [path.join(here, 'build.mjs')], { stdio: 'inherit', cwd: root });

const report = JSON.parse(run(['lint', '--source-dir', 'extension/dist/firefox', '--output', 'json', '--no-config-discovery']));
const { errors, warnings, notices } = report.summary;
for (const m of [...report.errors, ...report.warnings]) console.error(`web-ext lint: ${m._type}: ${m.code}: ${m.message} (${m.file || ''})`);
console.log(`web-ext lint (firefox): ${errors} errors, ${warnings} warnings, ${notices} notices`);
if (errors || warnings) process.exit(1);

const version = JSON.parse(fs.readFileSync(path.join(here, 'dist', 'chrome', 'manifest.json'), 'utf8')).version;
for (const browser of ['chrome', 'firefox']) {
  const name = `factionlens-${browser}-${version}.zip`;
  run(['build', '--source-dir', `extension/dist/${browser}`, '--artifacts-dir', 'extension/dist', '--filename', name,
    '--overwrite-dest', '--no-config-discovery']);
  const size = fs.statSync(path.join(here, 'dist', name)).size;
  console.log(`package:ext: extension/dist/${name} (${(size / 1024).toFixed(0)} KiB)`);
}
