// Runs the native criterion benchmark (benches/scan.rs) on the harness's inputs and reads its results.
//
// Why it exists: the native Rust build is the yardstick of the WebAssembly core (target: at least half
// its throughput). criterion measures it best; this module runs it on the same data directory and turns
// `<criterion home>/<group>/<id>/new/{estimates,sample}.json` into the harness's rows.
//
// Full runs use `cargo bench` (optimized, the release profile). Smoke runs use `cargo test --bench scan
// -- --bench` with FL_BENCH_SMOKE=1: the unoptimized build that `cargo test --all-targets` already
// compiled, tiny inputs and short measurements — it checks the plumbing, not the speed.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

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
