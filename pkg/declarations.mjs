#!/usr/bin/env node
// The TypeScript declarations of the core's API, generated from the Rust types: `tsify` derives on the
// result, record and option types and wasm-bindgen's signatures (src/wasm.rs) make wasm-bindgen write
// them into pkg/dist/node/factionlens.d.ts; this module turns that file into the package's api.d.ts.
// pkg/build.mjs ships what it generates (pkg/dist/api.d.ts); a copy is committed as
// pkg/types/api.d.ts so that a change of the API shows in review, and
//   node pkg/declarations.mjs --check   (npm run types:check; scripts/test.sh) fails when the copy is stale,
//   node pkg/declarations.mjs --write   (npm run types) refreshes it,
// both after `npm run build:pkg`. The JS-only parts (init, initSync, the DOM highlighter) stay written by
// hand in pkg/types/index.d.ts and pkg/types/highlight.d.ts; tests/pkg/types.test.mjs checks them.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** wasm-bindgen's declarations of the nodejs glue (no init code, unlike the web target's). */
export const SOURCE = path.join(here, 'dist', 'node', 'factionlens.d.ts');
/** The committed copy. */
export const COMMITTED = path.join(here, 'types', 'api.d.ts');
/** The same two for the scan-only module (the `factionlens/scan` entry). */
export const SCAN_SOURCE = path.join(here, 'dist', 'node', 'factionlens_scan.d.ts');
export const SCAN_COMMITTED = path.join(here, 'types', 'scan-api.d.ts');
const REGENERATE = 'npm run build:pkg && npm run types';

const HEADER = `// Generated from the Rust types (tsify derives, wasm-bindgen signatures in src/wasm.rs) by
// pkg/declarations.mjs: do not edit. After changing a type of the API, run \`${REGENERATE}\`.
`;

/** Top-level declarations come first by kind, then by name. */
const KIND_ORDER = { type: 0, interface: 0, class: 1, function: 2 };

/**
 * api.d.ts from wasm-bindgen's .d.ts: the declarations in a stable order (the order in which rustc
 * emits tsify's sections changes with unrelated code), without the start hook (it runs on load and is
 * not API) and without `[Symbol.dispose]` (it needs the esnext.disposable library, which a consumer's
 * program need not have; `free()` stays).
 */
export function generate(dts) {
  return `${HEADER}\n${declarations(dts).map((b) => b.text).join('\n\n')}\n`;
}

/**
 * scan-api.d.ts from the scan-only module's wasm-bindgen .d.ts and the whole API's: a type or interface
 * declared word for word in api.d.ts is imported from there (one home per type) and exported again;
 * the rest (its own `Lens`, `version`) is written out.
 */
export function generateScan(scanDts, dts) {
  const shared = new Set(declarations(dts).map((b) => b.text));
  const kept = declarations(scanDts);
  const same = kept.filter((b) => KIND_ORDER[b.kind] === 0 && shared.has(b.text)).map((b) => b.name);
  const own = kept.filter((b) => !same.includes(b.name));
  const list = same.join(', ');
  return `${HEADER}\nimport type { ${list} } from './api.js';\nexport type { ${list} };\n\n${own.map((b) => b.text).join('\n\n')}\n`;
}

/** The declarations of wasm-bindgen's .d.ts as {kind, name, text}, API only, in api.d.ts's order. */
function declarations(dts) {
  const lines = dts.replace(/\r\n/g, '\n').split('\n');
  const blocks = [];
  let current = null; // { lines, hasDecl }: a doc comment and the declaration it documents
  let inDoc = false;
  for (const line of lines) {
    if (/^\/\* (tslint:disable|eslint-disable) \*\/$/.test(line)) continue;
    if (!inDoc && line.startsWith('/**')) {
      current = { lines: [], hasDecl: false };
      blocks.push(current);
      inDoc = true;
    } else if (!inDoc && /^(export|declare) /.test(line)) {
      if (!current || current.hasDecl) {
        current = { lines: [], hasDecl: false };
        blocks.push(current);
      }
      current.hasDecl = true;
    }
    if (current) current.lines.push(line);
    else if (line.trim()) throw new Error(`pkg/declarations.mjs: text before the first declaration: ${line}`);
    if (inDoc && line.includes('*/')) inDoc = false;
  }
  const named = blocks.map((b) => {
    const text = b.lines.join('\n').trim()
      .split('\n').filter((l) => l.trim() !== '[Symbol.dispose](): void;').join('\n');
    const m = /^export (?:declare )?(type|interface|class|function) (\w+)/m.exec(text);
    if (!m) throw new Error(`pkg/declarations.mjs: a block without a declaration:\n${text}`);
    return { kind: m[1], name: m[2], text };
  });
  const kept = named.filter((b) => !(b.kind === 'function' && b.name === 'start'));
  if (kept.length === named.length) {
    throw new Error('pkg/declarations.mjs: no `start` hook in the wasm-bindgen declarations (wasm-bindgen changed?)');
  }
  kept.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'en'));
  return kept;
}

/** The first line where `a` and `b` differ (1-based), or 0 when they are equal. */
function firstDifference(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i + 1;
  return 0;
}

/** Checks (or, with --write, refreshes) one committed declaration file; returns the exit status. */
function one(mode, source, committedPath, make) {
  const name = `pkg/types/${path.basename(committedPath)}`;
  if (!fs.existsSync(source)) {
    console.error(`${path.relative(process.cwd(), source)} is missing: run \`npm run build:pkg\` first`);
    return 1;
  }
  const generated = make(fs.readFileSync(source, 'utf8'));
  const committed = fs.existsSync(committedPath) ? fs.readFileSync(committedPath, 'utf8') : '';
  if (mode === '--write') {
    fs.writeFileSync(committedPath, generated);
    console.log(`${name} ${committed === generated ? 'already current' : 'regenerated'}`);
    return 0;
  }
  const line = firstDifference(committed, generated);
  if (line === 0) {
    console.log(`${name} is current`);
    return 0;
  }
  const show = (text) => JSON.stringify(text.split('\n')[line - 1] ?? '(end of file)');
  console.error(`${name} differs from the declarations the build generates from the Rust types, ` +
    `from line ${line}:\n  committed: ${show(committed)}\n  generated: ${show(generated)}\n` +
    `Run \`${REGENERATE}\` and commit ${name}.`);
  return 1;
}

function main(mode) {
  const scan = (text) => generateScan(text, fs.readFileSync(SOURCE, 'utf8'));
  return Math.max(one(mode, SOURCE, COMMITTED, generate), one(mode, SCAN_SOURCE, SCAN_COMMITTED, scan));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2] ?? '--check';
  if (mode !== '--check' && mode !== '--write') {
    console.error('usage: node pkg/declarations.mjs [--check | --write]');
    process.exit(2);
  }
  process.exit(main(mode));
}
