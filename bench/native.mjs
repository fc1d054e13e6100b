// Runs the native criterion benchmark (benches/scan.rs) on the harness's inputs and reads its results.
//
// Why it exists: the native Rust build is the yardstick of the WebAssembly core (target: at least half
// its throughput). criterion measures it best; this module runs it on the same data directory and turns
// `<criterion home>/<group>/<id>/new/{estimates,sample}.json` into the harness's rows.
//
// Full runs use `cargo bench` (optimized, the release profile). Smoke runs use `cargo test --bench scan
// -- --bench` with FL_BENCH_SMOKE=1: the unoptimized build that `cargo test --all-targets` already
// compiled, tiny inputs and short measurements — it checks the plumbing, not the speed.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stats } from './lib.mjs';

/** Runs criterion; resolves with `{ok, seconds, log}` (the log's tail on failure). */
export function runCriterion({ root, dataDir, home, smoke, log = () => {} }) {
  const args = smoke ? ['test', '--bench', 'scan', '--', '--bench'] : ['bench', '--bench', 'scan', '--', '--noplot'];
  const env = { ...process.env, FL_BENCH_DATA: dataDir, CRITERION_HOME: home };
  if (smoke) env.FL_BENCH_SMOKE = '1';
  fs.rmSync(home, { recursive: true, force: true });
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn('cargo', args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (chunk) => {
      out += chunk;
      for (const line of String(chunk).split('\n')) if (/ time: | thrpt: /.test(line)) log(`  native ${line.trim()}`);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => resolve({ ok: code === 0, seconds: (Date.now() - t0) / 1000, log: out.slice(-4000), command: `cargo ${args.join(' ')}` }));
  });
}

/**
 * One criterion benchmark: median, min and max time per iteration (ms; min/max over the samples), and
 * the sample count. Null when the benchmark did not run.
 */
export function readCriterion(home, ...id) {
  const dir = path.join(home, ...id, 'new');
  const est = path.join(dir, 'estimates.json');
  if (!fs.existsSync(est)) return null;
  const e = JSON.parse(fs.readFileSync(est, 'utf8'));
  const s = JSON.parse(fs.readFileSync(path.join(dir, 'sample.json'), 'utf8'));
  const per = s.iters.map((n, i) => s.times[i] / n / 1e6);
  return { ms: e.median.point_estimate / 1e6, min: Math.min(...per), max: Math.max(...per), runs: per.length };
}

/** All native results for a manifest: scan by text label, build by dictionary label, dict-scan. */
export function readNative(home, manifest) {
  const scan = {};
  for (const t of manifest.texts) scan[t.label] = readCriterion(home, 'scan', t.label);
  const build = { builtin: readCriterion(home, 'build', 'builtin') };
  for (const d of manifest.dicts) build[d.label] = readCriterion(home, 'build', 'dict', d.label);
  const dictScan = { builtin: readCriterion(home, 'dict-scan', 'builtin') };
  for (const d of manifest.dicts) dictScan[d.label] = readCriterion(home, 'dict-scan', d.label);
  return { scan, build, dictScan };
}

// ---- the CLI end to end against the bare DFA (issue 15) ----

/** Bytes of news text the CLI and the bare DFA read: 100 MB in a full run, a little in a smoke run. */
export const CLI_TEXT_BYTES = { full: 100e6, smoke: 200e3 };

/** Bytes of one article file the text is cut into (at a paragraph break). */
const ARTICLE_BYTES = 50e3;

/**
 * The text of the CLI benchmark, written once per data directory: one file (what the DFA reads) and
 * the same bytes cut at paragraph breaks into articles of about 50 KB (what the CLI reads, one JSON
 * line per article). Returns `{file, articles: [paths], bytes}`.
 */
async function cliText(dataDir, bytes, log) {
  const dir = path.join(dataDir, `cli-${bytes / 1e6}MB`);
  const file = path.join(dir, 'all.txt');
  const list = path.join(dir, 'articles.json');
  if (!fs.existsSync(list)) {
    log(`  writing ${path.relative(dataDir, dir)}/`);
    const { newsText } = await import('./data.mjs');
    const text = newsText(bytes, 1);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, text);
    const articles = [];
    for (let at = 0; at < text.length; ) {
      const cut = text.indexOf('\n\n', at + ARTICLE_BYTES);
      const end = cut < 0 ? text.length : cut + 2;
      const name = path.join(dir, `${String(articles.length).padStart(5, '0')}.txt`);
      fs.writeFileSync(name, text.slice(at, end));
      articles.push(name);
      at = end;
    }
    fs.writeFileSync(list, JSON.stringify(articles.map((a) => path.basename(a))));
  }
  const articles = JSON.parse(fs.readFileSync(list, 'utf8')).map((a) => path.join(dir, a));
  return { file, articles, bytes: fs.statSync(file).size };
}

/**
 * `factionlens scan --format jsonl ARTICLES…` (output to /dev/null; every core, and `--threads 1`)
 * against `examples/bare_dfa.rs` (the `aho-corasick` DFA over the spellings `factionlens patterns`
 * prints, counting matches in one pass) on the same news text: the CLI's wall and CPU time
 * (`/usr/bin/time`), its mentions, and the DFA's search time on the text as it is (`raw`, ASCII
 * case-insensitive) and on the folded text (`folded`, the fold not timed). Runs interleaved, `runs` of
 * each.
 */
export async function runCliVsDfa({ root, dataDir, smoke, runs = 3, log = () => {} }) {
  const { file, articles, bytes } = await cliText(dataDir, CLI_TEXT_BYTES[smoke ? 'smoke' : 'full'], log);
  const profile = smoke ? [] : ['--release'];
  execFileSync('cargo', ['build', '--quiet', ...profile, '--bin', 'factionlens', '--example', 'bare_dfa'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const dir = path.join(root, 'target', smoke ? 'debug' : 'release');
  const bin = path.join(dir, 'factionlens');
  const dfaBin = path.join(dir, 'examples', 'bare_dfa');
  const spellings = path.join(dataDir, 'spellings.txt');
  const list = execFileSync(bin, ['patterns'], { cwd: root, maxBuffer: 1 << 28 }).toString();
  // A smoke run checks the plumbing with the unoptimized build: a few spellings keep the DFA's build short.
  fs.writeFileSync(spellings, smoke ? list.split('\n').slice(0, 500).join('\n') + '\n' : list);
  const threads = os.availableParallelism();
  const cliArgs = (t) => ['scan', '--format', 'jsonl', ...(t ? ['--threads', String(t)] : []), ...articles];
  const cliRun = (t) => {
    const out = fs.openSync('/dev/null', 'w');
    try {
      const t0 = process.hrtime.bigint();
      const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', bin, ...cliArgs(t)], { cwd: root, stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 24 });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0) throw new Error(`factionlens scan failed: ${r.stderr}`);
      const [, , user, sys, rss] = String(r.stderr).match(/TIME (\S+) (\S+) (\S+) (\S+)/);
      return { ms, cpuMs: (Number(user) + Number(sys)) * 1000, rssKb: Number(rss) };
    } finally {
      fs.closeSync(out);
    }
  };
  const dfaRun = (folded) => JSON.parse(execFileSync(dfaBin, [spellings, file, ...(folded ? ['--folded'] : [])], { cwd: root, maxBuffer: 1 << 20 }));
  const [cli, cli1, raw, fold] = [[], [], [], []];
  for (let i = 0; i < runs; i++) {
    cli.push(cliRun(0));
    raw.push(dfaRun(false));
    cli1.push(cliRun(1));
    fold.push(dfaRun(true));
    log(`  CLI ${cli[i].ms.toFixed(0)} ms (CPU ${cli[i].cpuMs.toFixed(0)} ms), --threads 1 ${cli1[i].ms.toFixed(0)} ms; DFA ${raw[i].search_ms[0].toFixed(0)} ms raw, ${fold[i].search_ms[0].toFixed(0)} ms folded`);
  }
  // The mentions, once, from the output itself.
  let mentions = 0;
  for (const line of execFileSync(bin, cliArgs(0), { cwd: root, maxBuffer: 1 << 30 }).toString().split('\n')) {
    if (line) mentions += JSON.parse(line).mentions.length;
  }
  const cliStats = (xs) => ({ ...stats(xs.map((x) => x.ms)), cpu: stats(xs.map((x) => x.cpuMs)), rssKb: Math.max(...xs.map((x) => x.rssKb)) });
  const dfaStats = (xs) => ({
    ...stats(xs.map((x) => x.search_ms[0])),
    matches: xs[0].matches,
    buildMs: stats(xs.map((x) => x.build_ms)).median,
    memory: xs[0].memory,
    patterns: xs[0].patterns,
    foldMs: xs[0].fold_ms == null ? null : stats(xs.map((x) => x.fold_ms)).median,
  });
  return {
    bytes,
    articles: articles.length,
    threads,
    mentions,
    cli: cliStats(cli),
    cli1: cliStats(cli1),
    dfa: { raw: dfaStats(raw), folded: dfaStats(fold) },
    commands: {
      cli: `factionlens scan --format jsonl ARTICLES… > /dev/null`,
      dfa: 'cargo run --release --example bare_dfa -- spellings.txt all.txt [--folded]',
    },
  };
}
