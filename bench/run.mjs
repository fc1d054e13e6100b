#!/usr/bin/env node
// The benchmark harness: FactionLens against what a JavaScript developer would use instead, side by
// side in one run, in Node and in headless Chromium, with the native Rust build as the yardstick.
//
//   npm run bench                       full run (about 15 min): prints tables, writes bench/results/
//                                       latest.json and plot.svg, and regenerates BENCHMARKS.md
//   node bench/run.mjs --smoke          every benchmark at tiny sizes (< 90 s; CI runs it): writes to
//                                       test-output/bench/, never to BENCHMARKS.md
//   options: --only=p1,p2,p3,p4,p5,native a subset (written to test-output/bench/, like a smoke run);
//                                       native includes cli: the CLI end to end against the bare DFA
//            --build                    rebuild the npm package (node pkg/build.mjs) first
//            --report                   only render the report again from the last results (after
//                                       editing bench/NOTES.md or the report code)
//
// Why it exists: issue 8 — speed is a promise of the product, and this proves or disproves it against
// the peers. Benchmarks:
//   P1 scan throughput   FactionLens (wasm scanCompact) vs V8 RegExp alternations of all spellings,
//                        modern-ahocorasick and native Rust (criterion, benches/scan.rs); 10 KB–10 MB;
//                        the CLI end to end (`scan --format jsonl`, 100 MB) against the aho-corasick
//                        crate's DFA alone (examples/bare_dfa.rs)
//   P2 DOM highlighting  highlight() and highlightRanges() vs mark.js markRegExp and mark(array) on a
//                        2 MB page of 15k paragraphs
//   P3 dictionary scale  1k, 10k, 100k generated entities: time to ready, memory, throughput
//   P4 cold start        .wasm size; script start to first scan in a fresh page and a fresh Node
//   P5 extension         time to first highlight of the 2 MB page in Chromium and Firefox with the
//                        extension installed, after `load` and after a background stop (bench/extension.mjs)
// The inputs come from bench/data.mjs, the suites from bench/lib.mjs (shared with the page) and
// bench/p2.mjs, the machine and tree state and the Node children from bench/env.mjs, the report from
// bench/report.mjs.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, writeData } from './data.mjs';
import * as lib from './lib.mjs';
import { readNative, runCliVsDfa, runCriterion } from './native.mjs';
import { runP2Suite } from './p2.mjs';
import { runP5 } from './extension.mjs';
import { writeReport } from './report.mjs';
import { sh, otherLoad, machine, gitState, wasmStale, child } from './env.mjs';

const args = process.argv.slice(2);
const SMOKE = args.includes('--smoke');
const ONLY = (args.find((a) => a.startsWith('--only=')) || '--only=p1,p2,p3,p4,p5,native').slice(7).split(',');
const MODE = SMOKE ? 'smoke' : 'full';

/** Per-mode settings: runs per case, the time one case may take, the cap past which a run is extrapolated. */
const CONFIG = {
  full: { runs: 5, budgetMs: 20000, capMs: 30000, p2Runs: 5, markArrayParagraphs: 150, coldRuns: 7, p5Rounds: 7, p3Runs: 5, p3BudgetMs: 30000, regexpCompileCapMs: 30000 },
  smoke: { runs: 2, budgetMs: 1000, capMs: 1500, p2Runs: 1, markArrayParagraphs: 8, coldRuns: 2, p5Rounds: 1, p3Runs: 1, p3BudgetMs: 1000, regexpCompileCapMs: 3000 },
}[MODE];

// Only a complete full run writes bench/results/ and BENCHMARKS.md; smoke and partial runs write test-output/bench/.
const PARTIAL = args.some((a) => a.startsWith('--only='));
const OUT = SMOKE || PARTIAL ? path.join(ROOT, 'test-output', 'bench') : path.join(ROOT, 'bench', 'results');
const DATA = path.join(ROOT, 'target', 'bench-data', MODE);
const t00 = Date.now();
// Past this many spellings the JavaScript peers of P3 are not run: the list (about 75 bytes a spelling)
// would pass V8's longest string, and neither peer was ready in time at a tenth of it.
const PEER_SPELLINGS_CAP = 5_000_000;
const log = (...m) => console.log(`[${((Date.now() - t00) / 1000).toFixed(0).padStart(4)} s]`, ...m);

// ---- helpers ----

/** The CLI (`factionlens patterns --names`): the alias list of a knowledge base, written next to the data. */
function spellingsFile(bin, label, dictFile) {
  const file = path.join(DATA, `spellings-${label}.tsv`);
  const a = ['patterns', '--names'];
  if (dictFile) a.push('--replace-kb', '--dict', path.join(DATA, dictFile));
  // Written straight to the file: the 100k dictionary's list is past a gigabyte, more than a child's
  // output buffer holds.
  const fd = fs.openSync(file, 'w');
  try {
    execFileSync(bin, a, { cwd: ROOT, stdio: ['ignore', fd, 'inherit'] });
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

const rel = (p) => path.relative(ROOT, p).split(path.sep).join('/');

// ---- the run ----

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const results = {
    meta: {
      date: new Date().toISOString(),
      mode: MODE,
      command: SMOKE ? 'node bench/run.mjs --smoke' : 'npm run bench',
      argv: args,
      machine: machine(),
      node: process.version,
      git: gitState(),
      load: { start: os.loadavg() },
      others: [],
    },
    config: CONFIG,
  };
  const snapshot = (phase) => {
    const o = otherLoad();
    results.meta.others.push({ phase, load1: +os.loadavg()[0].toFixed(2), ...o });
  };
  snapshot('start');

  if (args.includes('--build')) {
    log('building the npm package (node pkg/build.mjs)');
    execFileSync(process.execPath, [path.join(ROOT, 'pkg', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
  if (!fs.existsSync(path.join(ROOT, 'pkg', 'dist', 'web', 'factionlens_bg.wasm'))) {
    log('pkg/dist is missing: building it (node pkg/build.mjs)');
    execFileSync(process.execPath, [path.join(ROOT, 'pkg', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
  results.meta.wasm = wasmStale();
  if (results.meta.wasm?.stale) log('warning: pkg/dist is older than src/ or data/ (run with --build to rebuild it)');

  log(`inputs (${MODE}) in ${rel(DATA)}`);
  const manifest = writeData(DATA, MODE);
  results.manifest = manifest;

  // The alias list comes from the CLI: the optimized build for a full run, the test build for a smoke run.
  const profile = SMOKE ? [] : ['--release'];
  log(`building the CLI (cargo build ${profile.join(' ')} --bin factionlens)`);
  sh('cargo', ['build', '--quiet', ...profile, '--bin', 'factionlens'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const bin = path.join(ROOT, 'target', SMOKE ? 'debug' : 'release', 'factionlens');
  const tsv = { builtin: spellingsFile(bin, 'builtin') };
  // The dictionaries' alias lists serve P3 only (the 100k one is over 1 GB).
  if (ONLY.includes('p3')) for (const d of manifest.dicts) tsv[d.label] = spellingsFile(bin, d.label, d.file);
  // Distinct spellings (the first column), counted outside V8: the 100k list is longer than its longest string.
  const countLines = (f) => Number(execFileSync('sh', ['-c', 'cut -f1 "$1" | grep -v "^$" | LC_ALL=C sort -u -S 1G | wc -l', 'count', f], { encoding: 'utf8' }).trim());
  results.spellings = Object.fromEntries(Object.entries(tsv).map(([k, f]) => [k, countLines(f)]));
  log(`spellings: ${Object.entries(results.spellings).map(([k, n]) => `${k} ${n}`).join(', ')}`);

  const { serve } = await import('../scripts/serve.mjs');
  const { server, url } = await serve(ROOT, { port: 0, quiet: true });
  const dataUrl = `/${rel(DATA)}/`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  results.meta.chromium = browser.version();
  const onConsole = (m) => {
    if (m.type() === 'error' && !m.location()?.url?.endsWith('/favicon.ico')) log(`  [page error] ${m.text()} ${m.location()?.url ?? ''}`);
    else if (m.text().startsWith('  ')) log(m.text());
  };
  try {
    if (ONLY.includes('native')) {
      log(`native: ${SMOKE ? 'cargo test --bench scan -- --bench (smoke)' : 'cargo bench --bench scan'}`);
      const home = SMOKE ? path.join(OUT, 'criterion') : path.join(ROOT, 'target', 'criterion');
      const r = await runCriterion({ root: ROOT, dataDir: DATA, home, smoke: SMOKE, log });
      if (!r.ok) throw new Error(`criterion failed:\n${r.log}`);
      results.native = { command: r.command, seconds: r.seconds, ...readNative(home, manifest) };
      snapshot('native');
    }

    if (ONLY.includes('native') || ONLY.includes('cli')) {
      log('native: the CLI end to end against the bare DFA (examples/bare_dfa.rs)');
      results.cli = await runCliVsDfa({ root: ROOT, dataDir: DATA, smoke: SMOKE, runs: SMOKE ? 1 : 3, log });
      snapshot('cli');
    }

    if (ONLY.includes('p1')) {
      const texts = manifest.texts.map((t) => ({ ...t, text: fs.readFileSync(path.join(DATA, t.file), 'utf8') }));
      const p1cfg = { capMs: CONFIG.capMs, budgetMs: CONFIG.budgetMs, runs: CONFIG.runs };
      log('P1 scan throughput, Node');
      const { Lens } = await import('../pkg/dist/node/index.mjs');
      const { default: AhoCorasick } = await import('modern-ahocorasick');
      const node = await lib.runP1({ Lens, AhoCorasick, texts, tsv: fs.readFileSync(tsv.builtin, 'utf8'), ...p1cfg, log });
      snapshot('p1-node');
      log('P1 scan throughput, Chromium');
      const page = await browser.newPage();
      page.on('console', onConsole);
      await page.goto(`${url}bench/page.html`);
      await page.waitForFunction(() => document.title === 'ready');
      const chrome = await page.evaluate(async ({ dataUrl: base, texts: inputs, tsvUrl, cfg }) => {
        const b = window.bench;
        const loaded = [];
        for (const t of inputs) loaded.push({ ...t, text: await b.fetchText(base + t.file) });
        return b.lib.runP1({ Lens: b.Lens, AhoCorasick: b.AhoCorasick, texts: loaded, tsv: await b.fetchText(tsvUrl), ...cfg, log: (m) => console.log(m) });
      }, { dataUrl, texts: manifest.texts, tsvUrl: `${dataUrl}spellings-builtin.tsv`, cfg: p1cfg });
      await page.close();
      results.p1 = { node, chromium: chrome };
      snapshot('p1-chromium');
    }

    if (ONLY.includes('p2')) {
      const pageUrl = `${url}${rel(DATA)}/${manifest.page.file}`;
      const { modes, agreement } = await runP2Suite({ browser, pageUrl, dataUrl, spellingsTsv: fs.readFileSync(tsv.builtin, 'utf8'), config: CONFIG, onConsole, log });
      results.p2 = { page: manifest.page, modes, agreement };
      snapshot('p2');
    }

    if (ONLY.includes('p3')) {
      const dictText = path.join(DATA, manifest.dictText.file);
      const labels = ['builtin', ...manifest.dicts.map((d) => d.label)];
      const fileOf = (l) => (l === 'builtin' ? 'builtin' : path.join(DATA, manifest.dicts.find((d) => d.label === l).file));
      const node = {};
      const chrome = {};
      const peers = {};
      for (const l of labels) {
        log(`P3 dictionary ${l}: Node`);
        node[l] = await child(['p3', fileOf(l), dictText, String(CONFIG.p3Runs), String(CONFIG.p3BudgetMs)]);
        log(`  ready ${node[l].readyMs.toFixed(0)} ms, +${(node[l].memoryBytes / 1e6).toFixed(0)} MB, scan ${node[l].scanMs.toFixed(1)} ms`);
        log(`P3 dictionary ${l}: Chromium`);
        const page = await browser.newPage();
        page.on('console', onConsole);
        await page.goto(`${url}bench/page.html`);
        await page.waitForFunction(() => document.title === 'ready');
        chrome[l] = await page.evaluate(async ({ dictUrl, textUrl, runs, budgetMs }) => {
          const b = window.bench;
          const csv = dictUrl ? await b.fetchText(dictUrl) : null;
          return b.lib.runP3Dict({ Lens: b.Lens, csv, builtin: !dictUrl, text: await b.fetchText(textUrl), memory: b.memory, runs, budgetMs });
        }, { dictUrl: l === 'builtin' ? null : `${dataUrl}${manifest.dicts.find((d) => d.label === l).file}`, textUrl: `${dataUrl}${manifest.dictText.file}`, runs: CONFIG.p3Runs, budgetMs: CONFIG.p3BudgetMs });
        await page.close();
        log(`  ready ${chrome[l].readyMs.toFixed(0)} ms, wasm memory ${(chrome[l].memoryAfter / 1e6).toFixed(0)} MB, scan ${chrome[l].scanMs.toFixed(1)} ms`);
        // The peers, in Node: the RegExp only while its compilation is predicted to stay under the cap
        // (it grows with the number of spellings; measured at the smaller sizes).
        if (results.spellings[l] > PEER_SPELLINGS_CAP) {
          log(`P3 dictionary ${l}: peers not run (${results.spellings[l]} spellings; a JavaScript peer reads them as one string)`);
          peers[l] = { skipped: { spellings: results.spellings[l], cap: PEER_SPELLINGS_CAP } };
          snapshot(`p3-${l}`);
          continue;
        }
        const prev = Object.values(peers).filter((p) => p['re-gi']).pop();
        const predicted = prev ? (prev['re-gi'].readyMs / prev.spellings) * results.spellings[l] : 0;
        const noRegexp = predicted > CONFIG.regexpCompileCapMs;
        log(`P3 dictionary ${l}: peers in Node${noRegexp ? ` (RegExp skipped: compilation predicted ${(predicted / 1000).toFixed(0)} s)` : ''}`);
        peers[l] = await child(['p3-peers', tsv[l], dictText, String(CONFIG.p3Runs), String(CONFIG.p3BudgetMs), ...(noRegexp ? ['--no-regexp'] : [])], ['--max-old-space-size=8192']);
        if (noRegexp) peers[l].regexpSkipped = { predictedMs: predicted };
        for (const k of ['re-gi', 'ac-para']) if (peers[l][k]) log(`  ${k}: ready ${peers[l][k].readyMs.toFixed(0)} ms, scan ${peers[l][k].scanMs.toFixed(0)} ms`);
        snapshot(`p3-${l}`);
      }
      results.p3 = { text: manifest.dictText, node, chromium: chrome, peers };
    }

    if (ONLY.includes('p4')) {
      log('P4 cold start');
      // Both entries: the scan-only module (factionlens/scan, what the extension loads for its first
      // highlight) and the whole API's, each from a fresh browser context and a fresh Node process,
      // alternated so that both see the same machine.
      const sizeOf = (file) => {
        const wasm = fs.readFileSync(path.join(ROOT, 'pkg', 'dist', 'web', file));
        return { raw: wasm.length, gzip: zlib.gzipSync(wasm, { level: 9 }).length, brotli: zlib.brotliCompressSync(wasm).length };
      };
      const chromeRuns = { scan: [], full: [] };
      const nodeRuns = { scan: [], full: [] };
      // Which entry goes first flips every round; the Node processes run after the browser's runs, so
      // none starts while a browser context is being torn down.
      const rounds = Array.from({ length: CONFIG.coldRuns }, (_, i) => (i % 2 ? ['full', 'scan'] : ['scan', 'full']));
      for (const order of rounds) {
        for (const entry of order) {
          const ctx = await browser.newContext(); // a new profile: nothing cached, no compiled module
          const page = await ctx.newPage();
          await page.goto(`${url}bench/cold.html${entry === 'scan' ? '?entry=scan' : ''}`);
          await page.waitForFunction(() => window.__cold, null, { timeout: 60000 });
          chromeRuns[entry].push(await page.evaluate(() => window.__cold));
          await ctx.close();
        }
      }
      for (const order of rounds) {
        for (const entry of order) nodeRuns[entry].push(await child(entry === 'scan' ? ['cold', 'scan'] : ['cold']));
      }
      const summarize = (runs) => Object.fromEntries(Object.keys(runs[0]).filter((k) => k.endsWith('Ms')).map((k) => [k, lib.stats(runs.map((r) => r[k]))]));
      const sizes = sizeOf('factionlens_bg.wasm');
      results.p4 = {
        sizes, chromium: summarize(chromeRuns.full), node: summarize(nodeRuns.full),
        scan: { sizes: sizeOf('factionlens_scan_bg.wasm'), chromium: summarize(chromeRuns.scan), node: summarize(nodeRuns.scan) },
      };
      for (const [name, p] of [['factionlens/scan', results.p4.scan], ['factionlens', results.p4]]) {
        log(`  ${name}: .wasm ${p.sizes.raw} B raw, ${p.sizes.gzip} B gzip; Chromium ${p.chromium.totalMs.median.toFixed(0)} ms, Node ${p.node.totalMs.median.toFixed(0)} ms to first scan`);
      }
      snapshot('p4');
    }
  } finally {
    await browser.close();
    server.close();
  }

  if (ONLY.includes('p5')) {
    log('P5 extension: first highlight');
    results.p5 = await runP5({ rounds: CONFIG.p5Rounds, log });
    snapshot('p5');
  }

  results.meta.load.end = os.loadavg();
  results.meta.seconds = (Date.now() - t00) / 1000;
  results.meta.fuzzer = results.meta.others.some((o) => o.fuzzer);
  const written = writeReport(results, { outDir: OUT, markdownPath: SMOKE || PARTIAL ? path.join(OUT, 'BENCHMARKS.md') : path.join(ROOT, 'BENCHMARKS.md') });
  log(`done in ${results.meta.seconds.toFixed(0)} s: ${written.map(rel).join(', ')}`);
}

/** `--report`: renders the tables, the plot and BENCHMARKS.md again from bench/results/latest.json. */
function reportOnly() {
  const results = JSON.parse(fs.readFileSync(path.join(OUT, 'latest.json'), 'utf8'));
  const written = writeReport(results, { outDir: OUT, markdownPath: SMOKE || PARTIAL ? path.join(OUT, 'BENCHMARKS.md') : path.join(ROOT, 'BENCHMARKS.md') });
  log(`rendered ${written.map(rel).join(', ')}`);
}

(args.includes('--report') ? Promise.resolve().then(reportOnly) : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
