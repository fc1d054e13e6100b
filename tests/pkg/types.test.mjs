// The shipped TypeScript declarations (pkg/types/*.d.ts, written by hand) against what the core really
// exports and returns: a check that they are current, until they are generated from the Rust types.
//
// Two checks, both by the TypeScript compiler:
// * the API surface: every member of the Lens class and every function wasm-bindgen generates
//   (pkg/dist/web/factionlens.d.ts) is declared, with the same number of parameters, and nothing
//   declared is missing from the module;
// * the data: real values from the core (a scan, a card, a load report, a summary, the palette, the
//   rule names, the entity types) assigned to the declared types, so a field the core adds or
//   renames, or a rule or type it gains, is a type error here.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIR = path.join(ROOT, 'test-output', 'pkg-types');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const { Lens, palette } = createRequire(import.meta.url)(path.join(ROOT, 'pkg', 'dist', 'node', 'factionlens.js'));

/** Type-checks `source` (strict) next to the declarations; returns the compiler's output ('' when clean). */
function typecheck(source) {
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(path.join(DIR, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, module: 'preserve', moduleResolution: 'bundler', target: 'es2022', noEmit: true,
      lib: ['es2022', 'dom', 'esnext.disposable'], types: [] },
    files: ['check.ts'],
  }));
  fs.writeFileSync(path.join(DIR, 'check.ts'), source);
  try {
    execFileSync(process.execPath, [TSC, '-p', DIR], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return '';
  } catch (e) {
    return `${e.stdout}${e.stderr}`;
  }
}

const HAND = '../../pkg/types/index.js';
const GENERATED = '../../pkg/dist/web/factionlens.js';
const EQ = 'type Eq<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;\n';

test('the declared API is the API wasm-bindgen generates: members, functions, parameter counts', () => {
  const out = typecheck(`${EQ}
import type * as Hand from '${HAND}';
import type * as Gen from '${GENERATED}';
// Each member as 'name/parameter count' (a union of string literals: comparing two instantiations of
// one mapped type would let the compiler relate their arguments instead of their members).
type Count<F> = F extends (...a: infer P) => unknown ? Required<P>['length'] : 'property';
type Sig<T> = { [K in keyof T & string]: \`\${K}/\${Count<T[K]>}\` }[keyof T & string];
// Instance members (wasm-bindgen's disposal hook aside) and static members.
export const members: Eq<Sig<Omit<Gen.Lens, typeof Symbol.dispose>>, Sig<Hand.Lens>> = true;
export const statics: Eq<Sig<Omit<typeof Gen.Lens, 'prototype'>>, Sig<Omit<typeof Hand.Lens, 'prototype'>>> = true;
// Module functions (the start hook runs on load and is not API; init and initSync are declared apart).
type Fns<M> = Exclude<Sig<M>, \`\${'start' | 'default' | 'initSync' | 'Lens'}/\${string}\` | \`\${string}/property\`>;
export const functions: Eq<Fns<typeof Gen>, Fns<typeof Hand>> = true;
`);
  assert.equal(out, '');
});

test('real values from the core fit the declared types exactly', () => {
  const lens = new Lens();
  const text = 'Kataib Hezbollah and Asaib Ahl al-Haq; Qais al-Khazali spoke. كتائب حزب الله';
  const report = Lens.empty().loadDictionary('id,name,type,aliases\nzz-test,Zulu Test Brigade,armed_group,ZTB Force\n', 'csv', { name: 'mine.csv' });
  const j = (v) => JSON.stringify(v);
  const out = typecheck(`${EQ}
import type * as T from '${HAND}';
export const mentions: T.Mention[] = ${j(lens.scan(text))};
export const card: T.EntityCard = ${j(lens.entity('kataib-hezbollah'))};
export const records: T.EntityRecord[] = ${j(lens.entities().slice(0, 20))};
export const counts: T.EntityCount[] = ${j(lens.summarize(text))};
export const report: T.LoadReport = ${j(report)};
export const styles: T.TypeStyle[] = ${j(palette())};
const rules = ${j(Lens.rules())} as const;
export const ruleNames: Eq<(typeof rules)[number], T.Rule> = true;
const types = ${j(palette().map((s) => s.type))} as const;
export const typeNames: Eq<(typeof types)[number], T.EntityType> = true;
`);
  assert.equal(out, '');
});

test('the check fails where it should: an undeclared field is a type error', () => {
  const m = { ...new Lens().scan('Kataib Hezbollah')[0], confidence: 1 };
  const out = typecheck(`import type * as T from '${HAND}';\nexport const m: T.Mention = ${JSON.stringify(m)};\n`);
  assert.match(out, /confidence/);
});
