// Scan time of two builds of the npm package in one Node process, interleaved (A B, B A, …), for a
// before/after check of a change to the .wasm (its size, its build settings) that must not slow the scan.
//
//   node bench/ab-scan.mjs DIST_A DIST_B TEXT [RUNS]
//
// DIST_A and DIST_B are copies of pkg/dist (after `npm run build:pkg`); TEXT a UTF-8 file (e.g.
// target/bench-data/full/text-1MB.txt from `node bench/data.mjs`). Each build gets its own Lens (the
// built-in KB) and module instance; after 3 warm-up scans each, RUNS (default 20) timed `lens.scan(text)`
// each, alternating which goes first. Prints the mentions found (they must agree), the median and minimum
// time and the median ratio B/A. Wall-clock: report the load (`uptime`) with it.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [distA, distB, textFile, runs = '20'] = process.argv.slice(2);
if (!textFile) {
  console.error('usage: node bench/ab-scan.mjs DIST_A DIST_B TEXT [RUNS]');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const text = fs.readFileSync(textFile, 'utf8');
const dists = [distA, distB];
const lenses = dists.map((d) => new (require(path.resolve(d, 'node', 'index.cjs')).Lens)());
const counts = lenses.map((lens) => lens.scan(text).length);
for (let w = 0; w < 3; w++) lenses.forEach((lens) => lens.scan(text));
const times = [[], []];
for (let r = 0; r < Number(runs); r++) {
  for (const i of r % 2 ? [1, 0] : [0, 1]) {
    const t0 = performance.now();
    lenses[i].scan(text);
    times[i].push(performance.now() - t0);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const mb = Buffer.byteLength(text) / 1e6;
dists.forEach((d, i) => {
  const m = median(times[i]);
  console.log(`${d}: ${counts[i]} mentions, median ${m.toFixed(1)} ms (${(mb * 1000 / m).toFixed(2)} MB/s), ` +
    `min ${Math.min(...times[i]).toFixed(1)} ms`);
});
console.log(`median B/A: ${(median(times[1]) / median(times[0])).toFixed(3)}`);
if (counts[0] !== counts[1]) {
  console.error(`the builds disagree: ${counts[0]} vs ${counts[1]} mentions`);
  process.exit(1);
}
