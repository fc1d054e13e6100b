// Turns the results of a benchmark run into what people read: tables on standard output, the JSON
// record, the SVG plot (throughput and time to ready against dictionary size) and BENCHMARKS.md with
// the targets of issue 8 as issue 15 restated them, checked against the measured ratios.
//
// Why it exists: BENCHMARKS.md must always match a real run, so it is generated, never edited: the
// hand-written analysis lives in bench/NOTES.md and is included as it is.

import fs from 'node:fs';
import path from 'node:path';
import { ROOT, escapeHtml } from './data.mjs';
import { fmtMs, fmtBytes, mbps } from './format.mjs';
import { p5Table, p5Targets } from './extension.mjs';
import { dictLabels, entitiesOf, p1Table, cliTable, agreementTable, p2Table, p2AgreementTable, p3ReadyTable, p3ScanTable, p4Table, targets, targetsTable } from './tables.mjs';

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
  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">FactionLens and peers against dictionary size (${escapeHtml(r.meta.mode)} run, ${escapeHtml(r.meta.date.slice(0, 10))})</text>`);
  const y0 = 50;
  for (const p of panels) {
    const vals = series.flatMap((s) => labels.map((l) => p.value(s, l))).filter((v) => v > 0);
    const ymin = Math.floor(Math.log10(Math.min(...vals)));
    const ymax = Math.ceil(Math.log10(Math.max(...vals)));
    const X = (v) => p.x0 + ((Math.log10(v) - xmin) / Math.max(1, xmax - xmin)) * pw;
    const Y = (v) => y0 + ph - ((Math.log10(v) - ymin) / Math.max(1, ymax - ymin)) * ph;
    parts.push(`<text x="${p.x0 + pw / 2}" y="${y0 - 10}" text-anchor="middle" font-weight="bold">${escapeHtml(p.title)}</text>`);
    parts.push(`<rect x="${p.x0}" y="${y0}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
    for (let e = ymin; e <= ymax; e++) {
      const yy = Y(10 ** e);
      parts.push(`<line x1="${p.x0}" x2="${p.x0 + pw}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
      parts.push(`<text x="${p.x0 - 6}" y="${yy + 4}" text-anchor="end">${escapeHtml(p.unit(10 ** e))}</text>`);
    }
    for (let e = xmin; e <= xmax; e++) {
      const xx = X(10 ** e);
      parts.push(`<line x1="${xx}" x2="${xx}" y1="${y0}" y2="${y0 + ph}" stroke="#eee"/>`);
      parts.push(`<text x="${xx}" y="${y0 + ph + 16}" text-anchor="middle">10${String(e).split('').map((d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[+d]).join('')}</text>`);
    }
    for (const l of labels) {
      const xx = X(x(l));
      const sp = r.spellings[l];
      parts.push(`<text x="${xx}" y="${y0 + ph + 32}" text-anchor="middle" fill="#555">${escapeHtml(l === 'builtin' ? 'built-in' : l)}</text>`);
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
    parts.push(`<text x="${lx + 28}" y="${ly}">${escapeHtml(s.name)}</text>`);
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
  const tlist = [...targets(r), ...p5Targets(r)];
  r.targets = tlist;
  const sections = [];
  if (tlist.length) tables.push(targetsTable(tlist));
  if (r.p1) {
    tables.push(p1Table(r, 'chromium'), p1Table(r, 'node'), agreementTable(r));
  }
  if (r.cli) tables.push(cliTable(r));
  if (r.p2) tables.push(p2Table(r), p2AgreementTable(r));
  if (r.p3) tables.push(p3ReadyTable(r), p3ScanTable(r));
  if (r.p4) tables.push(p4Table(r));
  if (r.p5) tables.push(p5Table(r));
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
  if (r.cli) sections.push(`## Native — the CLI end to end\n\nThe CLI as a data desk runs it, from process start to exit (reading the file, scanning, writing JSON lines to /dev/null), against the \`aho-corasick\` crate's DFA alone over the same spellings and the same text (examples/bare_dfa.rs: the search only, counting matches; its build, and for the folded text the fold, not timed). The target compares the CLI with the faster of the DFA's two runs.\n\n${byTitle('Native: the CLI')}`);
  if (r.p2) sections.push(`## P2 — DOM highlighting\n\nA generated news page, loaded fresh for every run; the lens and the RegExp are built before the clock starts. *To painted* runs from the call to the end of the first frame after it (layout and paint included); mark.js options: \`separateWordSearch: false\`, \`accuracy: {value: 'exactly', limiters: [punctuation]}\`, \`diacritics: false\`. FactionLens makes one \`<mark>\` per text node a mention touches, so a name split across inline tags has several marks.\n\n${byTitle('P2 DOM')}\n\n${byTitle('P2 agreement')}`);
  if (r.p3) sections.push(`## P3 — dictionary scale\n\nGenerated entities (CSV, a name, two aliases and an acronym each, romanized Arabic such as *Liwa al-Qarimiyyin*), loaded with \`Lens.empty().loadDictionary(csv, 'csv')\` in a fresh page or Node process per dictionary. Memory: the WebAssembly memory after the first load (Chromium; it never shrinks, so it includes the build's peak), and the external memory Node reports.\n\n${byTitle('P3 dictionary scale — time')}\n\n${byTitle('P3 dictionary scale — throughput')}\n\n![Throughput and time to ready against dictionary size](${relPlot})`);
  if (r.p4) sections.push(`## P4 — cold start\n\nFrom the first line of a module script (or a fresh Node process) to the first scan, with nothing cached, for each package entry: \`factionlens/scan\` (the scan-only module the extension loads for its first highlight: the built-in KB's scans, no cards, dictionaries or exports) and \`factionlens\` (the whole API, loaded when a card or a dictionary is needed). The targets are read on the first-highlight module.\n\n${byTitle('P4')}`);
  if (r.p5) sections.push(`## P5 — the extension\n\nThe built extension in real Chromium and Firefox (the e2e harness's browsers and fixture site), no dictionaries: from \`load\` of the 2 MB page to the first highlight registered (polled every 5 ms), with the background running and right after it was stopped as the browser stops an idle one; each load then waits for every mention the core finds. Rounds of one load of each kind, the order flipping every round, after one load that starts the background (bench/extension.mjs).\n\n${byTitle('P5')}`);
  const md = sections.join('\n\n') + '\n';
  fs.mkdirSync(path.dirname(markdownPath), { recursive: true });
  fs.writeFileSync(markdownPath, md);
  written.push(markdownPath);
  return written;
}
