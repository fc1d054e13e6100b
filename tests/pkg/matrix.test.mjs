// The consumer matrix of issue 19: the packed `factionlens` tarball installed OFFLINE into a fresh
// project per toolchain, built for production as pkg/README.md says, and run for real — in headless
// Chromium for the browser entries (scan result and marks checked, no console error, no failed
// request), in Node for the Node entries, through tsc --strict for the TypeScript entries.
//
// The toolchains are pinned in tests/pkg/consumers/package.json (+ lock) and installed there once
// (`npm install` from the lock, the only step that reaches the registry); every entry resolves them from that one
// node_modules. Projects live in tests/pkg/consumers/work/<entry>/ so that resolution walks up to it.

import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { BROWSER, CONTROLS } from './consumers/browser-entries.mjs';
import { NODE_ESM, NODE_CJS, MISUSE, TYPESCRIPT } from './consumers/node-entries.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HERE = path.join(ROOT, 'tests', 'pkg', 'consumers');
const WORK = path.join(HERE, 'work');
const exec = promisify(execFile);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];
/** The compilers: the workspace's (current) and the pinned 5.x one (the last with node10 resolution). */
const TSC = {
  [`tsc ${JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'typescript', 'package.json'))).version}`]:
    path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
  [`tsc ${JSON.parse(fs.readFileSync(path.join(HERE, 'package.json'))).dependencies.typescript}`]:
    path.join(HERE, 'node_modules', 'typescript', 'bin', 'tsc'),
};

// What the article of app/index.html holds, read by a person: Kata'ib Hezbollah (split by <i>) and
// Harakat al-Nujaba.
const SCAN = ['kataib-hezbollah', 'harakat-hezbollah-al-nujaba'];
const MARKS = [['kataib-hezbollah', "Kata'ib"], ['kataib-hezbollah', ' Hezbollah'], ['harakat-hezbollah-al-nujaba', 'Harakat al-Nujaba']];

let tarball;
let browser;
const timings = {};

before(async () => {
  const t0 = Date.now();
  const lock = path.join(HERE, 'package-lock.json');
  const stamp = path.join(HERE, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(stamp) || fs.statSync(lock).mtimeMs > fs.statSync(stamp).mtimeMs) {
    // `npm install` from the lock, not `npm ci`: Vite 8 names an optional Windows-only package the
    // registry mirror here lacks; npm ci refuses the lock for it, npm install skips it as optional.
    console.log('# installing the pinned toolchains once (tests/pkg/consumers: npm install from the lock)');
    await exec('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: HERE, maxBuffer: 1 << 26 });
  }
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', WORK], { cwd: path.join(ROOT, 'pkg') });
  tarball = path.join(WORK, JSON.parse(stdout)[0].filename);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  console.log(`# matrix setup (toolchains, pack, Chromium) in ${Date.now() - t0} ms`);
});

after(async () => {
  await browser?.close();
  console.log(`# per-entry times (ms): ${JSON.stringify(timings)}`);
});

/** A fresh project: package.json, the app sources, the tarball installed with no network. */
async function project(name, type = 'module') {
  const dir = path.join(WORK, name.replace(/[^A-Za-z0-9.]+/g, '-'));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type }, null, 2));
  for (const f of fs.readdirSync(path.join(HERE, 'app'))) {
    if (f.endsWith('.js')) fs.copyFileSync(path.join(HERE, 'app', f), path.join(dir, f));
  }
  await exec('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir });
  return dir;
}

/** Opens the page and returns what it reported, with every console error and failed request. */
async function visit({ url, probe }, timeout = 30_000) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  const failed = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.url()}: HTTP ${r.status()}`); });
  try {
    await page.goto(url);
    if (probe) {
      await page.waitForSelector('mark.fl-mark', { timeout: 30_000 });
      await page.evaluate(probe);
    }
    await page.waitForFunction(() => window.result, null, { timeout }).catch(() => {});
    const result = await page.evaluate(() => window.result);
    return { result, errors, failed };
  } finally {
    await context.close();
  }
}

// Entries run three at a time: each has its own project folder, server and browser context, and the
// builds wait on child processes and I/O as much as on the two cores.
describe('consumer matrix', { concurrency: 3 }, () => {
  for (const [name, build] of Object.entries(BROWSER)) {
    test(`browser: ${name}`, async (t) => {
      const t0 = Date.now();
      const dir = await project(name);
      const site = await build(dir);
      try {
        const { result, errors, failed } = await visit(site);
        assert.deepEqual(failed, [], 'no failed request');
        assert.deepEqual(errors, [], 'no console error');
        assert.ok(result, 'the page reported');
        assert.equal(result.error, undefined);
        assert.deepEqual(result.scan, SCAN, 'scan result');
        assert.deepEqual(result.scanEntry, SCAN, 'the factionlens/scan entry\'s scan result');
        assert.deepEqual(result.marks, MARKS, 'highlights');
        if (result.firstScanMs) t.diagnostic(`first scan ${result.firstScanMs.toFixed(0)} ms after navigation (lens built in ${result.buildMs.toFixed(0)} ms)`);
      } finally {
        await site.close();
        timings[name] = Date.now() - t0;
      }
    });
  }

  for (const [name, build] of Object.entries(CONTROLS)) {
    test(`control: ${name} fails`, async () => {
      const dir = await project(`control ${name}`);
      const site = await build(dir);
      try {
        const { result, failed } = await visit(site, 10_000);
        assert.ok(result?.error || failed.length, `the page broke: ${JSON.stringify({ result, failed })}`);
        assert.ok(!result?.scan, 'no scan result');
      } finally {
        await site.close();
      }
    });
  }

  test('Node ES module', async () => {
    const dir = await project('node-esm');
    fs.writeFileSync(path.join(dir, 'main.mjs'), NODE_ESM);
    const r = JSON.parse((await exec(process.execPath, ['main.mjs'], { cwd: dir })).stdout);
    assert.deepEqual(r.ids, ['kataib-hezbollah', 'popular-mobilization-forces']);
    assert.equal(r.card, "Kata'ib Hezbollah");
    assert.match(r.version, /^\d+\.\d+\.\d+/);
  });

  test('Node CommonJS: the same API, init and initSync included', async () => {
    const dir = await project('node-cjs', 'commonjs');
    fs.writeFileSync(path.join(dir, 'main.js'), NODE_CJS);
    const r = JSON.parse((await exec(process.execPath, ['main.js'], { cwd: dir })).stdout);
    assert.deepEqual(r.ids, ['asaib-ahl-al-haq']);
    for (const k of ['Lens', 'init', 'initSync', 'version', 'palette', 'paletteCss', 'default']) assert.ok(r.keys.includes(k), k);
    assert.ok(r.defaultIsInit);
  });

  for (const [name, entry] of Object.entries(TYPESCRIPT)) {
    test(name, async (t) => {
      const dir = await project(name, entry.type);
      const tsconfig = (file) => JSON.stringify({ compilerOptions: entry.compilerOptions, files: [file] });
      fs.writeFileSync(path.join(dir, 'use.ts'), entry.source);
      fs.writeFileSync(path.join(dir, 'misuse.ts'), MISUSE);
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), tsconfig('use.ts'));
      fs.writeFileSync(path.join(dir, 'tsconfig.misuse.json'), tsconfig('misuse.ts'));
      const node10 = entry.compilerOptions.moduleResolution === 'node10';
      for (const [version, tsc] of Object.entries(TSC)) {
        // TypeScript 7 removed node10 resolution (error TS5108): that entry runs on the 5.x compiler only.
        if (node10 && Number(version.split(' ')[1].split('.')[0]) >= 7) { t.diagnostic(`${version}: node10 resolution removed; checked with 5.x`); continue; }
        const clean = await exec(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir }).then(() => '', (e) => `${e.stdout}${e.stderr}`);
        assert.equal(clean, '', `${version}: the program type-checks`);
        const bad = await exec(process.execPath, [tsc, '-p', 'tsconfig.misuse.json'], { cwd: dir }).then(() => '', (e) => `${e.stdout}${e.stderr}`);
        assert.match(bad, /militia/, `${version}: a wrong entity type is a type error`);
        assert.match(bad, /Property 'entity' does not exist on type '(ScanLens|Lens)'/, `${version}: the scan-only lens has no cards`);
        if (entry.expect) {
          const { stdout } = await exec(process.execPath, [path.join('out', 'use.js')], { cwd: dir });
          assert.deepEqual(JSON.parse(stdout), entry.expect, `${version}: the compiled program runs`);
        }
      }
    });
  }
});
