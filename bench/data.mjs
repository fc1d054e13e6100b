// The benchmark inputs, generated deterministically from the seed articles (tests/fixtures/*.txt).
//
// Why it exists: every contestant of the benchmark (the WebAssembly core in Node and Chromium, the
// JavaScript peers, the native Rust build under criterion) must see byte-identical inputs, and the
// inputs must be big (10 MB of text, 100k-entity dictionaries) without being committed. So they are
// generated here from a fixed seed, written once per run to a data directory, and read by everyone:
// the harness (bench/run.mjs), the browser page (bench/page.html) and benches/scan.rs.
//
//   node bench/data.mjs [DIR] [--smoke]     writes the inputs and DIR/manifest.json
//
// Inputs:
//   * news text of about 10 KB, 100 KB, 1 MB, 10 MB: seed paragraphs shuffled and repeated;
//   * dictionaries (CSV) of 1k, 10k, 100k generated entities, each with a name, two aliases and an
//     acronym, in plausible romanized Arabic (Liwa al-Qarimiyyin, Kata'ib Suhaydun, …);
//   * the dictionary-scale text: 1 MB of seed news in which generated names are mentioned;
//   * the DOM page: about 2 MB of text in 15k–20k short paragraphs, some with inline <a>/<em>.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..');

/** The sizes of each benchmark, full and smoke. Sizes of text are UTF-8 bytes (1 KB = 1000 bytes). */
export const SIZES = {
  full: {
    text: [10e3, 100e3, 1e6, 10e6],
    dicts: [1000, 10000, 100000],
    dictText: 1e6,
    pageText: 2e6,
  },
  smoke: {
    text: [2e3, 8e3],
    dicts: [50, 200],
    dictText: 20e3,
    pageText: 20e3,
  },
};

/** A small deterministic PRNG (mulberry32): the same seed gives the same inputs everywhere. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, list) => list[Math.floor(r() * list.length)];

function shuffle(r, list) {
  const a = list.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const utf8 = (s) => Buffer.byteLength(s, 'utf8');

/** The seed articles' paragraphs (non-empty lines), in file order. */
export function seedParagraphs() {
  const dir = path.join(ROOT, 'tests', 'fixtures');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  return files.flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split(/\n/).map((l) => l.trim()).filter(Boolean));
}

/** News text of at least `bytes` UTF-8 bytes: seed paragraphs in shuffled rounds, one blank line apart. */
export function newsText(bytes, seed = 1, paragraphs = seedParagraphs()) {
  const r = rng(seed);
  const out = [];
  let size = 0;
  while (size < bytes) {
    for (const p of shuffle(r, paragraphs)) {
      out.push(p);
      size += utf8(p) + 2;
      if (size >= bytes) break;
    }
  }
  return out.join('\n\n') + '\n';
}

// ---- generated dictionaries ----

const ONSETS = ['b', 'd', 'f', 'h', 'j', 'k', 'kh', 'm', 'n', 'q', 'r', 's', 'sh', 't', 'z', 'gh', 'dh', 'th', 'l', 'w', 'y'];
const VOWELS = ['a', 'a', 'i', 'u', 'a', 'i', 'u', 'aa'];
const CODAS = ['', '', 'r', 'n', 'm', 'd', 's', 'b', 'l', 'h'];
const ENDINGS = ['', '', 'i', 'iyya', 'iyyin', 'un', 'awi', 'ani'];
const PREFIXES = [
  ['Liwa', 'Brigade'], ['Kata\'ib', 'Battalions'], ['Saraya', 'Companies'], ['Harakat', 'Movement'],
  ['Asa\'ib', 'League'], ['Jaysh', 'Army'], ['Firqat', 'Division'], ['Quwat', 'Forces'], ['Ansar', 'Supporters'],
  ['Tanzim', 'Organization'], ['Jabhat', 'Front'], ['Hizb', 'Party'], ['Majlis', 'Council'], ['Tajammu', 'Gathering'],
  ['Alwiyat', 'Brigades'], ['Faylaq', 'Corps'],
];
const TYPES = ['armed_group', 'armed_group', 'armed_group', 'umbrella', 'political', 'organization'];

/** A romanized Arabic-looking word: two or three syllables and an ending (Qarimiyyin, Dhaburi, Sahun). */
function word(r) {
  const n = r() < 0.7 ? 2 : 3;
  let w = '';
  for (let i = 0; i < n; i++) w += pick(r, ONSETS) + pick(r, VOWELS) + (i === n - 1 ? '' : pick(r, CODAS));
  const ending = pick(r, ENDINGS);
  if (ending && /[aiu]$/.test(w)) w = w.replace(/[aiu]+$/, '') + (/[^aiu]$/.test(w.replace(/[aiu]+$/, '')) ? '' : 'r');
  w += ending;
  return w[0].toUpperCase() + w.slice(1);
}

/**
 * `n` generated entities: `{id, name, type, aliases: [2], acronym, person}`. Groups are named like
 * `Liwa al-Qarimiyyin al-Dhaburi` (alias `Qarimiyyin Brigade`, `Liwa Qarimiyyin`, acronym `LQD`);
 * every fifth entity is a person, `Abu Sharim al-Tawani` (aliases `Jamal Tawani`, `Sharim Tawani`).
 */
export function entities(n, seed = 7) {
  const r = rng(seed); // independent of n: entities(1000) is a prefix of entities(100000)
  const out = [];
  const seen = new Set();
  while (out.length < n) {
    const i = out.length;
    const a = word(r);
    const b = word(r);
    let e;
    if (i % 5 === 4) {
      const given = word(r);
      e = { name: `Abu ${a} al-${b}`, type: 'person', aliases: [`${given} ${b}`, `${a} ${b}`], acronym: '' };
    } else {
      const [prefix, english] = pick(r, PREFIXES);
      const two = r() < 0.5;
      const name = two ? `${prefix} al-${a} al-${b}` : `${prefix} al-${a}`;
      const acronym = (prefix[0] + a[0] + (two ? b[0] : '')).toUpperCase() + (two ? '' : 'I');
      e = { name, type: pick(r, TYPES), aliases: [`${a} ${english}`, `${prefix} ${a}`], acronym };
    }
    if (seen.has(e.name)) continue;
    seen.add(e.name);
    out.push({ id: `gen-${i}`, ...e });
  }
  return out;
}

/** The entities as a CSV dictionary (`id,name,type,aliases,acronyms`, lists separated by `|`). */
export function dictionaryCsv(list) {
  const rows = ['id,name,type,aliases,acronyms'];
  for (const e of list) rows.push([e.id, e.name, e.type, e.aliases.join('|'), e.acronym].join(','));
  return rows.join('\n') + '\n';
}

const FRAMES = [
  (x, y) => `Officials said ${x} had coordinated with ${y} before the strike.`,
  (x) => `A statement attributed to ${x} denied any role in the attack.`,
  (x, y) => `Analysts say ${x}, long close to ${y}, has grown in influence.`,
  (x) => `The group known as ${x} was not named in the report.`,
];

/** Seed news of at least `bytes` bytes in which about one paragraph in three mentions generated entities. */
export function dictionaryText(list, bytes, seed = 11) {
  const r = rng(seed);
  const paras = newsText(bytes, seed).split('\n\n');
  const spell = (e) => {
    const k = r();
    return k < 0.5 ? e.name : k < 0.85 ? e.aliases[0] : e.acronym || e.aliases[1];
  };
  const out = paras.map((p) => (r() < 0.33 ? `${p} ${pick(r, FRAMES)(spell(pick(r, list)), spell(pick(r, list)))}` : p));
  return out.join('\n\n');
}

// ---- the DOM page ----

/** Text for HTML or SVG element content (the generated page, the report's plot and tables). */
export const escapeHtml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An HTML news page of short paragraphs (a seed sentence each) holding at
 * least `bytes` bytes of text: about 15k paragraphs for 2 MB. One paragraph in five has a word in `<a>`
 * or `<em>`, so some names are split across inline tags.
 */
export function newsPage(bytes, seed = 5) {
  const r = rng(seed);
  const sentences = seedParagraphs().flatMap((p) => p.split(/(?<=[.!?”"])\s+(?=[A-Z“"‘'])/)).filter((s) => s.length > 20);
  const body = [];
  let textBytes = 0;
  let pool = [];
  const next = () => {
    if (!pool.length) pool = shuffle(r, sentences);
    return pool.pop();
  };
  let count = 0;
  while (textBytes < bytes) {
    const p = next();
    textBytes += utf8(p);
    let html = escapeHtml(p);
    if (r() < 0.2) {
      const words = html.split(' ');
      const k = Math.floor(r() * words.length);
      words[k] = r() < 0.5 ? `<a href="#p${count}">${words[k]}</a>` : `<em>${words[k]}</em>`;
      html = words.join(' ');
    }
    if (count % 40 === 0) body.push(`<h2>Section ${count / 40 + 1}</h2>`);
    body.push(`<p>${html}</p>`);
    count++;
  }
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>FactionLens benchmark page</title>
<style>body{font:15px/1.4 sans-serif;max-width:46em;margin:auto} ::highlight(fl-armed_group){background:#fd6}</style>
</head><body><article>
${body.join('\n')}
</article></body></html>
`;
  return { html, paragraphs: count, textBytes };
}

// ---- writing everything ----

/** Human label of a size: 10KB, 1MB. */
export function label(bytes) {
  return bytes >= 1e6 ? `${bytes / 1e6}MB` : `${bytes / 1e3}KB`;
}

/** Human label of a dictionary size: 1k, 100k. */
export function dictLabel(n) {
  return n >= 1000 ? `${n / 1000}k` : `${n}`;
}

/**
 * Writes every input to `dir` (skipping files that are already there with the same manifest) and
 * returns the manifest: `{mode, texts: [{label, file, bytes}], dicts: [{label, file, entities}], …}`.
 */
export function writeData(dir, mode = 'full') {
  const sizes = SIZES[mode];
  fs.mkdirSync(dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const version = 3; // bump when a generator changes
  if (fs.existsSync(manifestPath)) {
    const m = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    const all = [...m.texts, ...m.dicts, m.dictText, m.page].every((x) => fs.existsSync(path.join(dir, x.file)));
    if (m.version === version && m.mode === mode && all) return m;
  }
  const put = (file, text) => fs.writeFileSync(path.join(dir, file), text);
  const paragraphs = seedParagraphs();
  const texts = sizes.text.map((bytes) => {
    const file = `text-${label(bytes)}.txt`;
    const text = newsText(bytes, 1, paragraphs);
    put(file, text);
    return { label: label(bytes), file, bytes: utf8(text), chars: text.length };
  });
  const dicts = sizes.dicts.map((n) => {
    const file = `dict-${dictLabel(n)}.csv`;
    const csv = dictionaryCsv(entities(n));
    put(file, csv);
    return { label: dictLabel(n), file, entities: n, bytes: utf8(csv) };
  });
  // The dictionary-scale text mentions entities of the smallest dictionary, which every larger one
  // starts with: every dictionary scans the same text and finds at least those.
  const dt = dictionaryText(entities(sizes.dicts[0]), sizes.dictText);
  put('dict-text.txt', dt);
  const page = newsPage(sizes.pageText);
  put('page.html', page.html);
  const manifest = {
    version,
    mode,
    texts,
    dicts,
    dictText: { file: 'dict-text.txt', bytes: utf8(dt), chars: dt.length },
    page: { file: 'page.html', bytes: utf8(page.html), textBytes: page.textBytes, paragraphs: page.paragraphs },
  };
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const mode = args.includes('--smoke') ? 'smoke' : 'full';
  const dir = args.find((a) => !a.startsWith('--')) || path.join(ROOT, 'target', 'bench-data', mode);
  const m = writeData(path.resolve(dir), mode);
  console.log(JSON.stringify(m, null, 2));
}
