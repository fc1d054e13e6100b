// What a benchmark run records about where it ran, and how it runs its Node children.
//
// Why it exists: a result means little without the machine (CPUs, memory), the other load on it (a
// fuzzer next door skews every number), the commit and whether the .wasm was built from the sources
// measured; bench/run.mjs records these with every run. Node measurements run in fresh processes
// (bench/child.mjs), started here.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './data.mjs';

export const sh = (cmd, a, opts = {}) => execFileSync(cmd, a, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts }).replace(/\s+$/, '');

/** Processes using a CPU now (other than this harness and its children), and whether a fuzzer is among them. */
export function otherLoad() {
  let lines = [];
  try {
    lines = sh('ps', ['-eo', 'pid,ppid,pcpu,comm,args', '--sort=-pcpu']).split('\n').slice(1);
  } catch {
    return { busy: [], fuzzer: false };
  }
  const mine = new Set([process.pid]);
  const rows = lines.map((l) => l.trim().split(/\s+/)).map(([pid, ppid, pcpu, comm, ...rest]) => ({ pid: +pid, ppid: +ppid, pcpu: +pcpu, comm, args: rest.join(' ') }));
  // This harness: its descendants (Chromium, cargo, children) and its ancestors (npm, the shell).
  for (let changed = true; changed;) {
    changed = false;
    for (const r of rows) if (!mine.has(r.pid) && mine.has(r.ppid)) { mine.add(r.pid); changed = true; }
  }
  for (let p = rows.find((r) => r.pid === process.pid); p && p.ppid > 1;) {
    mine.add(p.ppid);
    p = rows.find((r) => r.pid === p.ppid);
  }
  const busy = rows.filter((r) => !mine.has(r.pid) && r.pcpu >= 20).map((r) => `${r.comm} (${r.pcpu}% CPU)`);
  const fuzzer = rows.some((r) => !mine.has(r.pid) && /fuzz|-max_total_time=/.test(r.args) && r.pcpu >= 5);
  return { busy, fuzzer };
}

export function machine() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = (cpuinfo.match(/^model name\s*:\s*(.*)$/m) || [])[1] || os.cpus()[0]?.model || 'unknown';
  let nproc = os.availableParallelism?.() ?? os.cpus().length;
  try {
    nproc = Number(sh('nproc', []));
  } catch { /* keep */ }
  return { nproc, cpu: model, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), os: `${os.type()} ${os.release()}` };
}

export function gitState() {
  try {
    const commit = sh('git', ['rev-parse', '--short', 'HEAD']);
    const dirty = sh('git', ['status', '--porcelain', '--', 'src', 'data', 'Cargo.toml', 'pkg/js', 'build.rs']).split('\n').filter(Boolean).map((l) => l.slice(3));
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: [] };
  }
}

/** Whether pkg/dist is older than the sources it is built from. */
export function wasmStale() {
  const wasm = path.join(ROOT, 'pkg', 'dist', 'web', 'factionlens_bg.wasm');
  if (!fs.existsSync(wasm)) return null;
  const built = fs.statSync(wasm).mtimeMs;
  let newest = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(path.join(ROOT, 'src'));
  walk(path.join(ROOT, 'data'));
  return { builtAt: new Date(built).toISOString(), stale: newest > built };
}

/** Runs `node bench/child.mjs …` and parses its JSON line; `wallMs` is spawn to exit. */
export function child(childArgs, nodeArgs = []) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bench', 'child.mjs'), ...childArgs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (c) => (out += c));
    p.stderr.on('data', (c) => (err += c));
    p.on('close', (code) => {
      const wallMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`bench/child.mjs ${childArgs.join(' ')}: exit ${code}\n${err.slice(-2000)}`));
      try {
        resolve({ ...JSON.parse(out.trim().split('\n').pop()), wallMs });
      } catch (e) {
        reject(new Error(`bench/child.mjs ${childArgs[0]}: bad output ${out.slice(0, 300)} ${err.slice(-500)}`));
      }
    });
  });
}

