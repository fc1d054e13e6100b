// Turns the results of a benchmark run into what people read: tables on standard output, the JSON
// record, the SVG plot (throughput and time to ready against dictionary size) and BENCHMARKS.md with
// the targets of issue 8 checked against the measured ratios.
//
// Why it exists: BENCHMARKS.md must always match a real run, so it is generated, never edited: the
// hand-written analysis lives in bench/NOTES.md and is included as it is.

import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './data.mjs';
import { growth } from './lib.mjs';

// ---- formatting ----

const sig = (x, n = 3) => {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const d = Math.max(0, n - 1 - Math.floor(Math.log10(Math.abs(x))));
  return x.toFixed(Math.min(d, 6));
};

/** A duration: 0.42 ms, 123 ms, 2.31 s, 3.2 min, 1.4 h. */
export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${sig(ms)} ms`;
  if (ms < 60e3) return `${sig(ms / 1000)} s`;
  if (ms < 3600e3) return `${sig(ms / 60e3, 2)} min`;
  return `${sig(ms / 3600e3, 2)} h`;
}

const fmtRange = (min, max) => {
  if (!Number.isFinite(min)) return '';
  const a = fmtMs(min);
  const b = fmtMs(max);
  const [na, ua] = a.split(' ');
  const [nb, ub] = b.split(' ');
  return ua === ub ? `${na}–${nb} ${ub}` : `${a}–${b}`;
};

/** Megabytes (10^6 bytes) per second. */
const mbps = (bytes, ms) => (bytes / 1e6) / (ms / 1000);
const fmtRate = (bytes, ms) => `${sig(mbps(bytes, ms))} MB/s`;
const fmtBytes = (b) => (b >= 1e6 ? `${sig(b / 1e6)} MB` : `${sig(b / 1e3)} KB`);
const fmtRatio = (x) => (Number.isFinite(x) ? `${x >= 1000 ? Math.round(x) : sig(x, 3)}×` : '—');

/** A table cell: the headline and, in smaller print, the detail. */
const cell = (main, detail = '') => ({ main, detail });
const timed = (s) => (s ? cell(fmtMs(s.median ?? s.ms), s.runs ? `${fmtRange(s.min, s.max)}, n=${s.runs}` : '') : cell('—'));

// ---- tables ----

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

function p1Table(r, env) {
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

function agreementTable(r) {
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

function p2Table(r) {
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

function p2AgreementTable(r) {
  const headers = ['compared with FactionLens `<mark>`', 'FactionLens (overlap)', 'other (overlap)', 'same', 'agreement'];
  const rows = Object.entries(r.p2.agreement).map(([mode, a]) => [cell(P2_LABEL[mode]), cell(String(a.a)), cell(String(a.b)), cell(String(a.both)), cell(`${a.pct.toFixed(1)} %`)]);
  return { title: 'P2 agreement (marked strings, where the semantics overlap)', headers, rows };
}

function dictLabels(r) {
  return ['builtin', ...r.manifest.dicts.map((d) => d.label)];
}

function entitiesOf(r, l) {
  return l === 'builtin' ? (r.p3?.node.builtin?.entities ?? '') : r.manifest.dicts.find((d) => d.label === l).entities;
}

function p3ReadyTable(r) {
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
      pe['re-gi'] ? cell(fmtMs(pe['re-gi'].readyMs), 'compile') : cell(pe.regexpSkipped ? 'not run' : '—', pe.regexpSkipped ? `compile predicted ~${fmtMs(pe.regexpSkipped.predictedMs)}` : ''),
      pe['ac-para'] ? cell(fmtMs(pe['ac-para'].readyMs)) : cell('—'),
    ];
  });
  return { title: 'P3 dictionary scale — time to ready and memory', headers, rows };
}

function p3ScanTable(r) {
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

function p4Table(r) {
  const p4 = r.p4;
  const headers = ['', 'median', 'min–max', 'runs'];
  const row = (name, s) => [cell(name), cell(fmtMs(s.median)), cell(fmtRange(s.min, s.max)), cell(String(s.runs))];
  const c = p4.chromium;
  const n = p4.node;
  const rows = [
    [cell('.wasm size'), cell(`${fmtBytes(p4.sizes.raw)} raw`), cell(`${fmtBytes(p4.sizes.gzip)} gzip -9, ${fmtBytes(p4.sizes.brotli)} brotli`), cell('')],
    row('Chromium: import the module', c.importMs), row('Chromium: init() (fetch + compile + instantiate)', c.initMs),
    row('Chromium: new Lens() (built-in KB)', c.lensMs), row('Chromium: first scan', c.firstScanMs),
    row('**Chromium: script start → first scan**', c.totalMs), row('Chromium: navigation start → first scan', c.sinceNavigationMs),
    row('Node: import (reads and compiles the .wasm)', n.importMs), row('Node: new Lens()', n.lensMs), row('Node: first scan', n.firstScanMs),
    row('**Node: script start → first scan**', n.totalMs), row('Node: process spawn → exit', n.wallMs),
  ];
  return { title: 'P4 cold start (a fresh browser context, nothing cached; a fresh Node process)', headers, rows };
}

// ---- targets ----

function targets(r) {
  const out = [];
  const add = (bench, target, measured, ratio, ok, gap) => out.push({ bench, target, measured, ratio, met: ok, gap });
  const last = r.manifest.texts[r.manifest.texts.length - 1]?.label;
  if (r.p1) {
    for (const env of ['chromium', 'node']) {
      const rows = r.p1[env].rows;
      const fl = rows.find((x) => x.id === 'fl')?.sizes[last];
      for (const [id, name] of [['re-giu', 'the RegExp the issue names, `/\\b(?:…)\\b/giu`'], ['re-gi', 'the same alternation without `u` (`/gi`)']]) {
        const p = rows.find((x) => x.id === id)?.sizes[last];
        if (!fl || !p) continue;
        const ratio = p.ms / fl.ms;
        add('P1', `≥ 5× ${name} at ${last.replace(/(\d)([KM]B)/, '$1 $2')} (${env})`, `FactionLens ${fmtRate(fl.bytes, fl.ms)}, RegExp ${p.estimated ? '~' : ''}${fmtRate(p.bytes, p.ms)}${p.estimated ? ' (extrapolated)' : ''}`, ratio, ratio >= 5, ratio >= 5 ? '' : `${fmtRatio(5 / ratio)} short`);
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
  if (r.p2) {
    const m = r.p2.modes;
    const base = m['markjs-regexp']?.painted.median;
    const check = (mode, k, name) => {
      if (!m[mode] || !base) return;
      const ratio = base / m[mode].painted.median;
      add('P2', `≥ ${k}× mark.js markRegExp, ${name}`, `${fmtMs(m[mode].painted.median)} vs ${fmtMs(base)} to painted`, ratio, ratio >= k, ratio >= k ? '' : `${fmtRatio(k / ratio)} short`);
    };
    check('fl-mark', 3, '`<mark>` mode');
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
    const gz = r.p4.sizes.gzip;
    add('P4', '≤ 250 KB gzip', `${fmtBytes(gz)} (${(gz / 1024).toFixed(0)} KiB)`, gz / 250e3, gz <= 250e3, gz <= 250e3 ? '' : `${fmtBytes(gz - 250e3)} over`);
    for (const env of ['chromium', 'node']) {
      const t = r.p4[env].totalMs.median;
      add('P4', `ready < 30 ms: script start → first scan (${env})`, fmtMs(t), t / 30, t < 30, t < 30 ? '' : `${fmtRatio(t / 30)} too slow`);
    }
  }
  return out;
}

function targetsTable(list) {
  return {
    title: 'Targets (issue 8)',
    headers: ['', 'target', 'measured', 'ratio', 'verdict'],
    rows: list.map((t) => [cell(t.bench), cell(t.target), cell(t.measured), cell(t.ratio == null ? '' : fmtRatio(t.ratio)), cell(t.met ? '**met**' : `**missed** (${t.gap})`)]),
  };
}

// ---- the plot ----

/** Two log-log panels: throughput and time to ready, against the number of entities (and spellings). */
export function plot(r) {
  if (!r.p3) return null;
  const labels = dictLabels(r);
  const bytes = r.p3.text.bytes;
  const x = (l) => Number(entitiesOf(r, l));
  const series = [
    { name: 'FactionLens wasm, Chromium', color: '#c0392b', rate: (l) => r.p3.chromium[l]?.scanMs, ready: (l) => r.p3.chromium[l]?.readyMs },
    { name: 'FactionLens wasm, Node', color: '#e67e22', rate: (l) => r.p3.node[l]?.scanMs, ready: (l) => r.p3.node[l]?.readyMs },
    { name: 'FactionLens native (criterion)', color: '#7d3c98', rate: (l) => r.native?.dictScan[l]?.ms, ready: (l) => r.native?.build[l]?.ms },
    { name: 'RegExp /\\b(?:…)\\b/gi, Node', color: '#2471a3', rate: (l) => r.p3.peers[l]?.['re-gi']?.scanMs, ready: (l) => r.p3.peers[l]?.['re-gi']?.readyMs },
    { name: 'modern-ahocorasick per paragraph, Node', color: '#229954', rate: (l) => r.p3.peers[l]?.['ac-para']?.scanMs, ready: (l) => r.p3.peers[l]?.['ac-para']?.readyMs },
  ];
  const W = 960;
  const H = 460;
  const pw = 380;
  const ph = 270;
  const panels = [
    { x0: 80, title: `Throughput on ${fmtBytes(bytes)} (MB/s, log)`, value: (s, l) => { const ms = s.rate(l); return ms ? mbps(bytes, ms) : null; }, unit: (v) => String(+v.toPrecision(1)) },
    { x0: 80 + pw + 90, title: 'Time to ready (log)', value: (s, l) => s.ready(l) ?? null, unit: (v) => (v < 1000 ? `${+v.toPrecision(1)} ms` : `${+(v / 1000).toPrecision(1)} s`) },
  ];
  const xs = labels.map(x);
  const xmin = Math.floor(Math.log10(Math.min(...xs)));
  const xmax = Math.ceil(Math.log10(Math.max(...xs)));
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">FactionLens and peers against dictionary size (${esc(r.meta.mode)} run, ${esc(r.meta.date.slice(0, 10))})</text>`);
  const y0 = 50;
  for (const p of panels) {
    const vals = series.flatMap((s) => labels.map((l) => p.value(s, l))).filter((v) => v > 0);
    const ymin = Math.floor(Math.log10(Math.min(...vals)));
    const ymax = Math.ceil(Math.log10(Math.max(...vals)));
    const X = (v) => p.x0 + ((Math.log10(v) - xmin) / Math.max(1, xmax - xmin)) * pw;
    const Y = (v) => y0 + ph - ((Math.log10(v) - ymin) / Math.max(1, ymax - ymin)) * ph;
    parts.push(`<text x="${p.x0 + pw / 2}" y="${y0 - 10}" text-anchor="middle" font-weight="bold">${esc(p.title)}</text>`);
    parts.push(`<rect x="${p.x0}" y="${y0}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
    for (let e = ymin; e <= ymax; e++) {
      const yy = Y(10 ** e);
      parts.push(`<line x1="${p.x0}" x2="${p.x0 + pw}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
      parts.push(`<text x="${p.x0 - 6}" y="${yy + 4}" text-anchor="end">${esc(p.unit(10 ** e))}</text>`);
    }
    for (let e = xmin; e <= xmax; e++) {
      const xx = X(10 ** e);
      parts.push(`<line x1="${xx}" x2="${xx}" y1="${y0}" y2="${y0 + ph}" stroke="#eee"/>`);
      parts.push(`<text x="${xx}" y="${y0 + ph + 16}" text-anchor="middle">10${String(e).split('').map((d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[+d]).join('')}</text>`);
    }
    for (const l of labels) {
      const xx = X(x(l));
      const sp = r.spellings[l];
      parts.push(`<text x="${xx}" y="${y0 + ph + 32}" text-anchor="middle" fill="#555">${esc(l === 'builtin' ? 'built-in' : l)}</text>`);
      parts.push(`<text x="${xx}" y="${y0 + ph + 46}" text-anchor="middle" fill="#888" font-size="10">${sp >= 1e3 ? `${+(sp / 1e3).toPrecision(3)}k` : sp} sp.</text>`);
    }
    parts.push(`<text x="${p.x0 + pw / 2}" y="${y0 + ph + 64}" text-anchor="middle">entities in the dictionary (spellings in the automaton below)</text>`);
    for (const s of series) {
      const pts = labels.map((l) => [x(l), p.value(s, l)]).filter(([, v]) => v > 0);
      if (!pts.length) continue;
      parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.map(([a, b]) => `${X(a).toFixed(1)},${Y(b).toFixed(1)}`).join(' ')}"/>`);
      for (const [a, b] of pts) parts.push(`<circle cx="${X(a).toFixed(1)}" cy="${Y(b).toFixed(1)}" r="3.5" fill="${s.color}"/>`);
    }
  }
  series.forEach((s, i) => {
    const lx = 80 + (i % 3) * 300;
    const ly = H - 30 + Math.floor(i / 3) * 18;
    parts.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="3"/>`);
    parts.push(`<text x="${lx + 28}" y="${ly}">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

// ---- output ----

function textTable(t) {
  const rows = [t.headers, ...t.rows.map((r) => r.map((c) => (c.detail && c.main.length < 40 ? `${c.main} [${c.detail}]` : c.main)))];
  const clean = (s) => String(s).replace(/\*\*/g, '').replace(/`/g, '');
  const widths = t.headers.map((_, i) => Math.min(60, Math.max(...rows.map((r) => clean(r[i] ?? '').length))));
  const line = (r) => r.map((c, i) => clean(c ?? '').padEnd(widths[i])).join('  ');
  return [`\n${t.title}`, line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function mdTable(t) {
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  const fmt = (c) => (c.detail ? `${esc(c.main)}<br><sub>${esc(c.detail)}</sub>` : esc(c.main));
  return [`| ${t.headers.map(esc).join(' | ')} |`, `|${t.headers.map(() => '---').join('|')}|`, ...t.rows.map((r) => `| ${r.map(fmt).join(' | ')} |`)].join('\n');
}

function machineSection(r) {
  const m = r.meta;
  const others = m.others.filter((o) => o.busy.length || o.fuzzer);
  const busy = [...new Set(m.others.flatMap((o) => o.busy.map((b) => b.replace(/ \(.*$/, ''))))];
  const lines = [
    `- **Command:** \`${m.command}\` (${m.mode} run, ${fmtMs(m.seconds * 1000)}), ${m.date.replace('T', ' ').slice(0, 16)} UTC`,
    `- **Machine:** ${m.machine.cpu}, ${m.machine.nproc} CPUs (\`nproc\`), ${m.machine.memoryGiB} GiB RAM, ${m.machine.os}`,
    `- **Software:** Node ${m.node}, Chromium ${m.chromium} (headless, \`--disable-gpu\`), criterion 0.8 (native, \`cargo bench\`)`,
    `- **Tree:** commit \`${m.git.commit}\`${m.git.dirty.length ? `, with uncommitted changes in ${m.git.dirty.map((f) => `\`${f}\``).join(', ')}` : ''}; .wasm built ${m.wasm?.builtAt?.replace('T', ' ').slice(0, 16) ?? '?'} UTC${m.wasm?.stale ? ' (older than the sources!)' : ''}`,
    `- **Load:** load average ${m.load.start.map((x) => x.toFixed(1)).join(' / ')} at the start, ${m.load.end.map((x) => x.toFixed(1)).join(' / ')} at the end (1/5/15 min).` +
      (m.fuzzer ? ' **A fuzzer was running during the run** (one core busy), so absolute times are pessimistic; ratios within a benchmark are measured side by side and less affected.' : ' No fuzzer was running.') +
      (busy.length ? ` Other busy processes seen: ${busy.slice(0, 8).join(', ')}${others.length ? ` (in ${others.length} of ${m.others.length} snapshots)` : ''}.` : ''),
  ];
  return lines.join('\n');
}

/** Writes latest.json, plot.svg and the markdown report; prints the tables. Returns the files written. */
export function writeReport(r, { outDir, markdownPath }) {
  const tables = [];
  const tlist = targets(r);
  r.targets = tlist;
  const sections = [];
  if (tlist.length) tables.push(targetsTable(tlist));
  if (r.p1) {
    tables.push(p1Table(r, 'chromium'), p1Table(r, 'node'), agreementTable(r));
  }
  if (r.p2) tables.push(p2Table(r), p2AgreementTable(r));
  if (r.p3) tables.push(p3ReadyTable(r), p3ScanTable(r));
  if (r.p4) tables.push(p4Table(r));
  for (const t of tables) console.log(textTable(t));

  fs.mkdirSync(outDir, { recursive: true });
  const written = [];
  const json = path.join(outDir, 'latest.json');
  fs.writeFileSync(json, JSON.stringify(r, null, 1) + '\n');
  written.push(json);
  const svg = plot(r);
  const svgPath = path.join(outDir, 'plot.svg');
  if (svg) {
    fs.writeFileSync(svgPath, svg);
    written.push(svgPath);
  }

  const relPlot = path.relative(path.dirname(markdownPath), svgPath).split(path.sep).join('/');
  const byTitle = (prefix) => tables.filter((t) => t.title.startsWith(prefix)).map((t) => `### ${t.title}\n\n${mdTable(t)}`).join('\n\n');
  const notesFile = path.join(ROOT, 'bench', 'NOTES.md');
  const notes = fs.existsSync(notesFile) ? fs.readFileSync(notesFile, 'utf8').trim() : '';
  sections.push(`# Benchmarks

<!-- Generated by bench/run.mjs (\`${r.meta.command}\`) from ${path.relative(ROOT, json)}; do not edit: edit bench/NOTES.md or the harness. -->

FactionLens against what a JavaScript developer would use instead — one V8 \`RegExp\` alternation of every
spelling, \`modern-ahocorasick\`, mark.js — and against its own native build, side by side in one run, in
headless Chromium and in Node. The alias list every peer gets is the automaton's: the built-in knowledge
base with every generated variant (\`factionlens patterns\`, ${r.spellings.builtin} spellings). Times are medians of
n runs with min–max below them; 1 MB = 10⁶ bytes of UTF-8. Reproduce with \`npm run bench\`.

${machineSection(r)}`);
  if (tlist.length) sections.push(`## Targets\n\n${mdTable(targetsTable(tlist))}`);
  if (notes) sections.push(notes);
  if (r.p1) sections.push(`## P1 — scan throughput\n\nNews text made from the five seed articles (paragraphs shuffled and repeated). Each cell: throughput, and below it the median time (min–max, runs) and the matches. A case predicted to take more than ${fmtMs(r.config.capMs)} for one run is not run but extrapolated from the smaller sizes with the growth measured so far (marked ~). *b* is the fitted exponent of time ∝ size^b from 100 KB up (1 = linear). Chromium's clock has a 0.1 ms resolution here, so its 10 KB column is indicative only.\n\n${byTitle('P1 scan')}\n\n${byTitle('P1 agreement')}\n\nAgreement counts spans, start and end equal, restricted to where the semantics overlap: text whose lower-case form is a knowledge-base name's own spelling (not a generated variant) of a name that counts on its own, passing the case rules FactionLens applies (acronyms exactly, Latin names capitalized). The rest of the difference is by design: FactionLens also finds variants, names with apostrophes and hyphens (the peers see folded spellings) and names split across lines, and drops lower-case and unconfirmed names.`);
  if (r.p2) sections.push(`## P2 — DOM highlighting\n\nA generated news page, loaded fresh for every run; the lens and the RegExp are built before the clock starts. *To painted* runs from the call to the end of the first frame after it (layout and paint included); mark.js options: \`separateWordSearch: false\`, \`accuracy: {value: 'exactly', limiters: [punctuation]}\`, \`diacritics: false\`. FactionLens makes one \`<mark>\` per text node a mention touches, so a name split across inline tags has several marks.\n\n${byTitle('P2 DOM')}\n\n${byTitle('P2 agreement')}`);
  if (r.p3) sections.push(`## P3 — dictionary scale\n\nGenerated entities (CSV, a name, two aliases and an acronym each, romanized Arabic such as *Liwa al-Qarimiyyin*), loaded with \`Lens.empty().loadDictionary(csv, 'csv')\` in a fresh page or Node process per dictionary. Memory: the WebAssembly memory after the first load (Chromium; it never shrinks, so it includes the build's peak), and the external memory Node reports.\n\n${byTitle('P3 dictionary scale — time')}\n\n${byTitle('P3 dictionary scale — throughput')}\n\n![Throughput and time to ready against dictionary size](${relPlot})`);
  if (r.p4) sections.push(`## P4 — cold start\n\n${byTitle('P4')}`);
  const md = sections.join('\n\n') + '\n';
  fs.mkdirSync(path.dirname(markdownPath), { recursive: true });
  fs.writeFileSync(markdownPath, md);
  written.push(markdownPath);
  return written;
}
