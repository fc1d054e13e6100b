// The tables of the benchmark report (P1 scan, agreement, P2 DOM, P3 dictionary scale, P4) and the
// issue-8 targets checked against the measured ratios.
//
// Why it exists: bench/report.mjs writes the same tables to standard output and to BENCHMARKS.md;
// this module turns a run's results into them, one function per table.

import { growth } from './lib.mjs';
import { sig, fmtMs, fmtRange, fmtRate, fmtBytes, fmtRatio, cell, timed } from './format.mjs';


/** How the report names the contestants (by id; the results also carry the harness's labels). */
const CONTESTANT = {
  fl: 'FactionLens wasm `scanCompact`',
  're-giu': 'RegExp `/\\b(?:…)\\b/giu`',
  're-giu-para': 'RegExp `/\\b(?:…)\\b/giu` per paragraph',
  're-gi': 'RegExp `/\\b(?:…)\\b/gi`',
  're-gi-para': 'RegExp `/\\b(?:…)\\b/gi` per paragraph',
  're-lower': 'RegExp, Unicode boundaries, `/gu` on lower-cased text',
  ac: 'modern-ahocorasick',
  'ac-para': 'modern-ahocorasick per paragraph',
};
const nameOf = (row) => CONTESTANT[row.id] ?? row.label;

/** mark.js's failure, in words. */
const failureText = (f) => (/stack/i.test(f) ? 'a stack overflow (V8: "Invalid regular expression: …: Stack overflow")' : f);

const CONTESTANT_NOTE = {
  fl: 'one call per document, `[start, end, entity, rule]` quadruples',
  're-giu': 'as the issue names it; `\\b` is ASCII-only, so the Arabic spellings never match',
  're-giu-para': 'the same, one paragraph (line) at a time',
  're-gi': 'the same alternation without `u`',
  're-gi-para': 'the same, one paragraph at a time',
  're-lower': '`(?<![\\p{L}\\p{N}])(?:…)(?![\\p{L}\\p{N}])`: Unicode boundaries, so Arabic works',
  ac: '`search(lowerCased, {strategy: "leftmost-longest", wholeWord: true})` on the whole text',
  'ac-para': 'the same, one paragraph at a time',
};

export function p1Table(r, env) {
  const p1 = r.p1[env];
  const labels = r.manifest.texts.map((t) => t.label);
  const headers = ['contestant', 'ready', ...labels, 'growth b (t ∝ n^b)'];
  const rows = p1.rows.map((row) => [
    cell(nameOf(row), CONTESTANT_NOTE[row.id] || ''),
    row.same ? cell('as above') : cell(fmtMs(row.readyMs)),
    ...labels.map((l) => {
      const s = row.sizes[l];
      if (!s) return cell('—');
      if (s.estimated) return cell(`~${fmtRate(s.bytes, s.ms)}`, `not run: ~${fmtMs(s.ms)} extrapolated (b=${sig(s.exponent, 2)})`);
      return cell(fmtRate(s.bytes, s.ms), `${fmtMs(s.ms)} (${fmtRange(s.min, s.max)}, n=${s.runs}), ${s.matches} matches`);
    }),
    cell(row.growth == null ? '—' : sig(row.growth, 2)),
  ]);
  if (r.native) {
    const pts = labels.map((l) => r.native.scan[l] && { bytes: r.manifest.texts.find((t) => t.label === l).bytes, ms: r.native.scan[l].ms });
    rows.push([
      cell('native Rust (criterion)', '`Lens::scan_spans`, what `scanCompact` runs, without WebAssembly'),
      cell(r.native.build.builtin ? fmtMs(r.native.build.builtin.ms) : '—'),
      ...labels.map((l, i) => {
        const s = r.native.scan[l];
        return s ? cell(fmtRate(pts[i].bytes, s.ms), `${fmtMs(s.ms)} (${fmtRange(s.min, s.max)}, n=${s.runs})`) : cell('—');
      }),
      cell(sig(growth(pts.filter(Boolean)), 2)),
    ]);
  }
  return { title: `P1 scan throughput — ${env === 'chromium' ? 'Chromium' : 'Node'} (MB/s; built-in KB, ${r.spellings.builtin} spellings)`, headers, rows };
}

/** The CLI end to end against the `aho-corasick` DFA alone, on the same text (bench/native.mjs). */
export function cliTable(r) {
  const c = r.cli;
  const rate = (s) => cell(fmtRate(c.bytes, s.median), `${fmtMs(s.median)} (${fmtRange(s.min, s.max)}, n=${s.runs})`);
  const cli = (s, what) => [
    cell(`\`factionlens scan --format jsonl\`, ${what}`, `process start to exit, output to /dev/null; CPU ${fmtMs(s.cpu.median)} (${fmtRate(c.bytes, s.cpu.median)} of CPU time), peak RSS ${fmtBytes(s.rssKb * 1e3)}`),
    rate(s), cell(`${c.mentions} mentions`), cell(fmtRatio(s.median / c.cli.median)),
  ];
  const dfa = (d, what) => [
    cell(`\`aho-corasick\` DFA alone, ${what}`, `one thread, ${d.patterns} spellings, leftmost-longest; build ${fmtMs(d.buildMs)} (not timed), ${fmtBytes(d.memory)}${d.foldMs == null ? '' : `; the fold ${fmtMs(d.foldMs)} (not timed)`}`),
    rate(d), cell(`${d.matches} matches`), cell(fmtRatio(d.median / c.cli.median)),
  ];
  const rows = [
    cli(c.cli, `${c.threads} threads (every core, the default)`),
    cli(c.cli1, '`--threads 1`'),
    dfa(c.dfa.raw, 'the text as it is (ASCII case-insensitive)'),
    dfa(c.dfa.folded, 'the folded text (case-sensitive)'),
  ];
  return { title: `Native: the CLI end to end against the bare DFA (${fmtBytes(c.bytes)} of news text; the CLI reads it as ${c.articles} article files, the DFA as one)`, headers: ['', 'throughput', 'found', 'time / the CLI\'s time'], rows };
}

export function agreementTable(r) {
  const headers = ['peer', 'environment', 'text', 'FactionLens (overlap)', 'peer (overlap)', 'same span', 'agreement'];
  const rows = [];
  for (const env of ['chromium', 'node']) {
    const p1 = r.p1[env];
    for (const [id, a] of Object.entries(p1.agreement)) {
      const row = p1.rows.find((x) => x.id === id);
      const label = row ? nameOf(row) : id;
      rows.push([cell(label), cell(env), cell(a.on), cell(String(a.a)), cell(String(a.b)), cell(String(a.both)), cell(`${a.pct.toFixed(1)} %`)]);
    }
  }
  return { title: 'P1 agreement where the semantics overlap', headers, rows };
}

const P2_LABEL = {
  'fl-mark': 'FactionLens `highlight()` (`<mark>`)',
  'fl-ranges': 'FactionLens `highlightRanges()` (CSS Custom Highlight)',
  'markjs-regexp': 'mark.js `markRegExp(/\\b(?:…)\\b/gi)`',
  'markjs-array': 'mark.js `mark(spellings)`',
};

export function p2Table(r) {
  const p2 = r.p2;
  const base = p2.modes['markjs-regexp']?.painted.median;
  const headers = ['method', 'to painted', 'of which the call', 'marks', 'mentions', 'speed-up vs markRegExp'];
  const rows = Object.entries(p2.modes).map(([mode, m]) => [
    cell(P2_LABEL[mode] || mode, m.estimated
      ? `${m.failure ? `all ${r.spellings.builtin} terms in one call fail with ${failureText(m.failure)}; timed in batches of ${m.batch}. ` : ''}` +
        `Extrapolated from ${m.measured.map((x) => `${fmtMs(x.paintedMs)} on the first ${x.paragraphs} paragraphs (${fmtBytes(x.textBytes)})`).join(' and ')}`
      : ''),
    cell(`${m.estimated ? '~' : ''}${fmtMs(m.painted.median)}`, m.estimated ? 'n=1, extrapolated' : `${fmtRange(m.painted.min, m.painted.max)}, n=${m.painted.runs}`),
    cell(`${m.estimated ? '~' : ''}${fmtMs(m.call.median)}`, m.estimated ? '' : `${fmtRange(m.call.min, m.call.max)}`),
    cell(`${m.estimated ? '~' : ''}${m.marks}`),
    cell(`${m.estimated ? '~' : ''}${m.mentions}`),
    cell(base ? fmtRatio(base / m.painted.median) : '—'),
  ]);
  return { title: `P2 DOM highlighting — Chromium, ${fmtBytes(p2.page.textBytes)} of text in ${p2.page.paragraphs} paragraphs (${fmtBytes(p2.page.bytes)} of HTML)`, headers, rows };
}

export function p2AgreementTable(r) {
  const headers = ['compared with FactionLens `<mark>`', 'FactionLens (overlap)', 'other (overlap)', 'same', 'agreement'];
  const rows = Object.entries(r.p2.agreement).map(([mode, a]) => [cell(P2_LABEL[mode]), cell(String(a.a)), cell(String(a.b)), cell(String(a.both)), cell(`${a.pct.toFixed(1)} %`)]);
  return { title: 'P2 agreement (marked strings, where the semantics overlap)', headers, rows };
}

export function dictLabels(r) {
  return ['builtin', ...r.manifest.dicts.map((d) => d.label)];
}

export function entitiesOf(r, l) {
  return l === 'builtin' ? (r.p3?.node.builtin?.entities ?? '') : r.manifest.dicts.find((d) => d.label === l).entities;
}

export function p3ReadyTable(r) {
  const p3 = r.p3;
  const headers = ['knowledge base', 'entities', 'spellings', 'ready: Chromium', 'ready: Node', 'ready: native', 'wasm memory (Chromium)', 'Node external memory', 'RegExp /gi ready', 'modern-ahocorasick ready'];
  const rows = dictLabels(r).map((l) => {
    const c = p3.chromium[l];
    const n = p3.node[l];
    const nat = r.native?.build[l];
    const pe = p3.peers[l] || {};
    return [
      cell(l === 'builtin' ? 'built-in' : `generated ${l}`), cell(String(entitiesOf(r, l))), cell(String(r.spellings[l])),
      timed(c && { median: c.readyMs, min: c.readyMin, max: c.readyMax, runs: c.readyRuns }),
      timed(n && { median: n.readyMs, min: n.readyMin, max: n.readyMax, runs: n.readyRuns }),
      timed(nat),
      cell(c ? fmtBytes(c.memoryAfter) : '—', c ? `+${fmtBytes(c.memoryBytes)} over the empty module` : ''),
      cell(n ? `+${fmtBytes(n.memoryBytes)}` : '—', n ? `RSS +${fmtBytes(n.rssBytes)}` : ''),
      pe['re-gi'] ? cell(fmtMs(pe['re-gi'].readyMs), 'compile') : cell(pe.regexpSkipped || pe.skipped ? 'not run' : '—', pe.regexpSkipped ? `compile predicted ~${fmtMs(pe.regexpSkipped.predictedMs)}` : pe.skipped ? `over ${pe.skipped.cap} spellings` : ''),
      pe['ac-para'] ? cell(fmtMs(pe['ac-para'].readyMs)) : cell(pe.skipped ? 'not run' : '—', pe.skipped ? `over ${pe.skipped.cap} spellings` : ''),
    ];
  });
  return { title: 'P3 dictionary scale — time to ready and memory', headers, rows };
}

export function p3ScanTable(r) {
  const p3 = r.p3;
  const bytes = p3.text.bytes;
  const headers = ['knowledge base', 'FactionLens: Chromium', 'FactionLens: Node', 'native', 'RegExp /gi (Node)', 'modern-ahocorasick per paragraph (Node)', 'matches (FL / RegExp / AC)'];
  const rate = (ms, min, max, runs) => (Number.isFinite(ms) ? cell(fmtRate(bytes, ms), `${fmtMs(ms)} (${fmtRange(min, max)}, n=${runs})`) : cell('—'));
  const rows = dictLabels(r).map((l) => {
    const c = p3.chromium[l];
    const n = p3.node[l];
    const nat = r.native?.dictScan[l];
    const pe = p3.peers[l] || {};
    return [
      cell(l === 'builtin' ? 'built-in' : `generated ${l}`),
      c ? rate(c.scanMs, c.scanMin, c.scanMax, c.scanRuns) : cell('—'),
      n ? rate(n.scanMs, n.scanMin, n.scanMax, n.scanRuns) : cell('—'),
      nat ? rate(nat.ms, nat.min, nat.max, nat.runs) : cell('—'),
      pe['re-gi'] ? rate(pe['re-gi'].scanMs, pe['re-gi'].scanMin, pe['re-gi'].scanMax, pe['re-gi'].scanRuns) : cell(pe.regexpSkipped ? 'not run' : '—'),
      pe['ac-para'] ? rate(pe['ac-para'].scanMs, pe['ac-para'].scanMin, pe['ac-para'].scanMax, pe['ac-para'].scanRuns) : cell('—'),
      cell(`${c?.matches ?? '—'} / ${pe['re-gi']?.matches ?? '—'} / ${pe['ac-para']?.matches ?? '—'}`),
    ];
  });
  return { title: `P3 dictionary scale — throughput on ${fmtBytes(bytes)} of news mentioning generated entities`, headers, rows };
}

export function p4Table(r) {
  const headers = ['', 'median', 'min–max', 'runs'];
  const row = (name, s) => [cell(name), cell(fmtMs(s.median)), cell(fmtRange(s.min, s.max)), cell(String(s.runs))];
  // One block per entry: the scan-only module (factionlens/scan) first, the whole API's after.
  const block = (label, p) => {
    const c = p.chromium;
    const n = p.node;
    return [
      [cell(`**${label}**: .wasm size`), cell(`${fmtBytes(p.sizes.raw)} raw`), cell(`${fmtBytes(p.sizes.gzip)} gzip -9, ${fmtBytes(p.sizes.brotli)} brotli`), cell('')],
      row('Chromium: import the module', c.importMs), row('Chromium: init() (fetch + compile + instantiate)', c.initMs),
      row('Chromium: new Lens() (built-in KB)', c.lensMs), row('Chromium: first scan', c.firstScanMs),
      row('**Chromium: script start → first scan**', c.totalMs), row('Chromium: navigation start → first scan', c.sinceNavigationMs),
      row('Node: import (reads and compiles the .wasm)', n.importMs), row('Node: new Lens()', n.lensMs), row('Node: first scan', n.firstScanMs),
      row('**Node: script start → first scan**', n.totalMs), row('Node: process spawn → exit', n.wallMs),
    ];
  };
  const rows = [
    ...(r.p4.scan ? block('factionlens/scan (the first highlight\'s module)', r.p4.scan) : []),
    ...block('factionlens (the whole API)', r.p4),
  ];
  return { title: 'P4 cold start (a fresh browser context, nothing cached; a fresh Node process), per package entry', headers, rows };
}

// ---- targets ----

export function targets(r) {
  const out = [];
  const add = (bench, target, measured, ratio, ok, gap) => out.push({ bench, target, measured, ratio, met: ok, gap });
  const last = r.manifest.texts[r.manifest.texts.length - 1]?.label;
  if (r.p1) {
    for (const env of ['chromium', 'node']) {
      const rows = r.p1[env].rows;
      const fl = rows.find((x) => x.id === 'fl')?.sizes[last];
      for (const [id, k, name] of [['re-giu', 3, 'the RegExp `/\\b(?:…)\\b/giu`'], ['re-gi', 1.5, 'the same alternation without `u` (`/gi`)']]) {
        const p = rows.find((x) => x.id === id)?.sizes[last];
        if (!fl || !p) continue;
        const ratio = p.ms / fl.ms;
        add('P1', `≥ ${k}× ${name} at ${last.replace(/(\d)([KM]B)/, '$1 $2')} (${env})`, `FactionLens ${fmtRate(fl.bytes, fl.ms)}, RegExp ${p.estimated ? '~' : ''}${fmtRate(p.bytes, p.ms)}${p.estimated ? ' (extrapolated)' : ''}`, ratio, ratio >= k, ratio >= k ? '' : `${fmtRatio(k / ratio)} short`);
      }
      const nat = r.native?.scan[last];
      if (fl && nat) {
        const ratio = nat.ms / fl.ms;
        add('P1', `≥ 0.5× native at ${last.replace(/(\d)([KM]B)/, '$1 $2')} (${env})`, `wasm ${fmtRate(fl.bytes, fl.ms)}, native ${fmtRate(fl.bytes, nat.ms)}`, ratio, ratio >= 0.5, ratio >= 0.5 ? '' : `${fmtRatio(0.5 / ratio)} short`);
      }
      const g = rows.find((x) => x.id === 'fl')?.growth;
      if (g != null) add('P1', `linear growth (${env})`, `t ∝ n^${sig(g, 2)} from 100 KB to ${last.replace(/(\d)([KM]B)/, '$1 $2')}`, null, g <= 1.1, g <= 1.1 ? '' : `exponent ${sig(g, 2)} > 1.1`);
    }
  }
  if (r.cli) {
    // The faster of the DFA's two inputs is the yardstick (bench/native.mjs).
    const c = r.cli;
    const d = [c.dfa.raw, c.dfa.folded].reduce((a, b) => (b.median < a.median ? b : a));
    const input = d === c.dfa.raw ? 'the text as it is' : 'the folded text';
    for (const [s, what] of [[c.cli, `${c.threads} threads`], [c.cli1, 'one thread']]) {
      const ratio = d.median / s.median;
      add('native', `CLI end to end (\`scan --format jsonl\`, ${what}) ≥ 0.5× the bare DFA (one thread) at ${fmtBytes(c.bytes)}`, `CLI ${fmtRate(c.bytes, s.median)}, DFA ${fmtRate(c.bytes, d.median)} (${input})`, ratio, ratio >= 0.5, ratio >= 0.5 ? '' : `${fmtRatio(0.5 / ratio)} short`);
    }
  }
  if (r.p2) {
    const m = r.p2.modes;
    const base = m['markjs-regexp']?.painted.median;
    const check = (mode, k, name) => {
      if (!m[mode] || !base) return;
      const ratio = base / m[mode].painted.median;
      add('P2', `≥ ${k}× mark.js markRegExp, ${name}`, `${fmtMs(m[mode].painted.median)} vs ${fmtMs(base)} to painted`, ratio, ratio >= k, ratio >= k ? '' : `${fmtRatio(k / ratio)} short`);
    };
    check('fl-mark', 1.3, '`<mark>` mode');
    check('fl-ranges', 10, 'Custom Highlight mode');
    if (m['markjs-array'] && m['fl-mark']) {
      const ratio = m['markjs-array'].painted.median / m['fl-mark'].painted.median;
      add('P2', 'orders of magnitude ahead of mark.js mark(array) (≥ 100×)', `~${fmtMs(m['markjs-array'].painted.median)} (extrapolated) vs ${fmtMs(m['fl-mark'].painted.median)}`, ratio, ratio >= 100, ratio >= 100 ? '' : `${fmtRatio(100 / ratio)} short`);
    }
  }
  if (r.p3) {
    const big = r.manifest.dicts[r.manifest.dicts.length - 1]?.label;
    for (const env of ['chromium', 'node']) {
      const d = r.p3[env][big];
      const b = r.p3[env].builtin;
      if (!d) continue;
      add('P3', `${big} entities ready < 1 s (${env})`, fmtMs(d.readyMs), d.readyMs / 1000, d.readyMs < 1000, d.readyMs < 1000 ? '' : `${fmtRatio(d.readyMs / 1000)} too slow`);
      const mem = env === 'chromium' ? d.memoryAfter : d.memoryBytes;
      add('P3', `${big} entities < 100 MB (${env}: ${env === 'chromium' ? 'wasm memory' : 'external memory added'})`, fmtBytes(mem), mem / 100e6, mem < 100e6, mem < 100e6 ? '' : `${fmtRatio(mem / 100e6)} too big`);
      if (b) {
        const ratio = d.scanMs / b.scanMs;
        add('P3', `${big} entities: throughput within 2× of the built-in KB (${env})`, `${fmtRate(r.p3.text.bytes, d.scanMs)} vs ${fmtRate(r.p3.text.bytes, b.scanMs)}`, ratio, ratio <= 2, ratio <= 2 ? '' : `${fmtRatio(ratio / 2)} too slow`);
      }
    }
  }
  if (r.p4) {
    // The targets are the start of a page: the module it loads for its first highlight, which is the
    // scan-only entry where the run measured it (the whole API's module loads later, for cards and
    // dictionaries; its figures are in the P4 table).
    const first = r.p4.scan ?? r.p4;
    const label = r.p4.scan ? ' (factionlens/scan)' : '';
    const gz = first.sizes.gzip;
    add('P4', `≤ 250 KB gzip${label}`, `${fmtBytes(gz)} (${(gz / 1024).toFixed(0)} KiB)`, gz / 250e3, gz <= 250e3, gz <= 250e3 ? '' : `${fmtBytes(gz - 250e3)} over`);
    for (const env of ['chromium', 'node']) {
      const t = first[env].totalMs.median;
      add('P4', `ready < 30 ms: script start → first scan (${env})${label}`, fmtMs(t), t / 30, t < 30, t < 30 ? '' : `${fmtRatio(t / 30)} too slow`);
    }
  }
  return out;
}

export function targetsTable(list) {
  return {
    title: 'Targets (issue 15)',
    headers: ['', 'target', 'measured', 'ratio', 'verdict'],
    rows: list.map((t) => [cell(t.bench), cell(t.target), cell(t.measured), cell(t.ratio == null ? '' : fmtRatio(t.ratio)), cell(t.met ? '**met**' : `**missed** (${t.gap})`)]),
  };
}

