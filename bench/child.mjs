// A fresh Node process for the measurements that must not share a process with anything else:
// cold start (P4) and dictionary scale (P3: WebAssembly memory only grows, so every dictionary gets its
// own instance). bench/run.mjs spawns it and reads one line of JSON from its standard output.
//
//   node bench/child.mjs cold [scan]     (scan: the factionlens/scan entry)
//   node bench/child.mjs compile FILE; node bench/child.mjs cold-compiled FILE
//   node bench/child.mjs warm TEXT [RUNS]
//   node bench/child.mjs p3 DICT.csv|builtin TEXT RUNS BUDGET_MS
//   node bench/child.mjs p3-peers SPELLINGS.tsv TEXT RUNS BUDGET_MS [--no-regexp]
const t0 = performance.now();

const [mode, ...args] = process.argv.slice(2);

if (mode === 'cold' || mode === 'cold-compiled') {
  // cold-compiled FILE: the lens read back from the bytes of `toCompiled()` in FILE (what the extension
  // could keep in IndexedDB), read from disk after the import; `compile FILE` writes them.
  const bytes = mode === 'cold-compiled' ? (await import('node:fs')).readFileSync(args[0]) : null;
  const { Lens } = await import(args[0] === 'scan' ? '../pkg/dist/node/scan.mjs' : '../pkg/dist/node/index.mjs');
  const t1 = performance.now();
  const lens = bytes ? Lens.fromCompiled(bytes) : new Lens();
  const t2 = performance.now();
  const quads = lens.scanCompact('Kataib Hizballah and Asa’ib Ahl al-Haq are in the PMF.');
  const t3 = performance.now();
  // CPU time of the whole process (Node's own start included) up to the first scan: on a loaded machine
  // the wall-clock figures above stretch with the load, this one much less.
  const cpu = process.cpuUsage();
  const out = {
    importMs: t1 - t0, lensMs: t2 - t1, firstScanMs: t3 - t2, totalMs: t3 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    mentions: quads.length / 4,
  };
  console.log(JSON.stringify(out));
} else if (mode === 'warm') {
  // What a lens's automaton costs and saves (src/matcher.rs, WARM_AFTER): RUNS scans of TEXT on the key
  // index a new lens starts on (TEXT times RUNS must stay under the threshold, about 5.8 MB for the
  // built-in KB), `lens.warm()`, RUNS scans with the automaton; medians.
  const [textFile, runs = '3'] = args;
  const text = (await import('node:fs')).readFileSync(textFile, 'utf8');
  const { Lens } = await import('../pkg/dist/node/index.mjs');
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const lens = new Lens();
  const scans = () => Array.from({ length: Number(runs) }, () => {
    const t = performance.now();
    const n = lens.scanCompact(text).length / 4;
    return [performance.now() - t, n];
  });
  const cold = scans();
  const t = performance.now();
  const warm = lens.warm();
  const warmMs = performance.now() - t;
  const hot = scans();
  console.log(JSON.stringify({
    bytes: Buffer.byteLength(text), warm, warmMs,
    scanIndexMs: median(cold.map((x) => x[0])), scanAutomatonMs: median(hot.map((x) => x[0])),
    all: [cold.map((x) => Math.round(x[0])), hot.map((x) => Math.round(x[0]))],
    mentions: [cold[0][1], hot[0][1]],
  }));
} else if (mode === 'compile') {
  const { Lens } = await import('../pkg/dist/node/index.mjs');
  (await import('node:fs')).writeFileSync(args[0], new Lens().toCompiled());
} else {
  const fs = await import('node:fs');
  const lib = await import('./lib.mjs');
  const read = (f) => fs.readFileSync(f, 'utf8');
  if (mode === 'p3') {
    const [dict, textFile, runs, budget] = args;
    const { Lens } = await import('../pkg/dist/node/index.mjs');
    const rss0 = process.memoryUsage().rss;
    const r = await lib.runP3Dict({
      Lens,
      csv: dict === 'builtin' ? null : read(dict),
      builtin: dict === 'builtin',
      text: read(textFile),
      // Node has no handle on the module's memory: external memory is where V8 counts it.
      memory: () => process.memoryUsage().external,
      runs: Number(runs),
      budgetMs: Number(budget),
    });
    console.log(JSON.stringify({ ...r, rssBytes: process.memoryUsage().rss - rss0 }));
  } else if (mode === 'p3-peers') {
    const [tsvFile, textFile, runs, budget] = args;
    const { default: AhoCorasick } = await import('modern-ahocorasick');
    const { spellings } = lib.parseSpellings(read(tsvFile));
    const text = read(textFile);
    const only = ['ac-para'];
    if (!args.includes('--no-regexp')) only.push('re-gi');
    const out = { spellings: spellings.length };
    for (const c of lib.contestants({ Lens: null, AhoCorasick, spellings, only })) {
      const t = performance.now();
      c.build();
      const readyMs = performance.now() - t;
      let spans;
      const m = await lib.measure(() => (spans = c.scan(text)), { runs: Number(runs), budgetMs: Number(budget) });
      out[c.id] = { readyMs, scanMs: m.median, scanMin: m.min, scanMax: m.max, scanRuns: m.runs, matches: spans.length / 2 };
    }
    out.heapBytes = process.memoryUsage().heapUsed;
    console.log(JSON.stringify(out));
  } else {
    console.error(`bench/child.mjs: unknown mode ${mode}`);
    process.exit(2);
  }
}
