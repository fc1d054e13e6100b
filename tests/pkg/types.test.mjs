// The shipped TypeScript declarations against the code they describe.
//
// * api.d.ts (the Lens class, the functions, the result, record and option types) is generated from
//   the Rust types (pkg/declarations.mjs): the committed copy must be what the build generates, and
//   real values from the core must fit the declared return types exactly (a field the core adds or
//   renames, a rule or type it gains, a wrong `unchecked_return_type` in src/wasm.rs is a type error).
// * index.d.ts and highlight.d.ts are written by hand (init/initSync, the DOM highlighter, which are
//   JavaScript): the TypeScript compiler compares them with the real modules — every export of the JS
//   declared, nothing declared that is not exported, with the same number of parameters.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { generate, SOURCE, COMMITTED } from '../../pkg/declarations.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIR = path.join(ROOT, 'test-output', 'pkg-types');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const { Lens, palette } = createRequire(import.meta.url)(path.join(ROOT, 'pkg', 'dist', 'node', 'factionlens.js'));

/** Type-checks `source` (strict) in test-output/pkg-types; returns the compiler's output ('' when clean). */
function typecheck(source, options = {}) {
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(path.join(DIR, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, module: 'preserve', moduleResolution: 'bundler', target: 'es2022', noEmit: true,
      lib: ['es2022', 'dom'], types: [], ...options },
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

// The shipped declarations (pkg/dist: what `npm pack` puts in the tarball).
const SHIPPED = '../../pkg/dist/index.js';
const EQ = 'type Eq<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;\n';
// Each member as 'name/parameter count' (a union of string literals: comparing two instantiations of
// one mapped type would let the compiler relate their arguments instead of their members).
const SIG = `type Count<F> = F extends (...a: infer P) => unknown ? Required<P>['length'] : 'property';
type Sig<T> = { [K in keyof T & string]: \`\${K}/\${Count<T[K]>}\` }[keyof T & string];
`;

test('the committed pkg/types/api.d.ts is what the build generates from the Rust types', () => {
  const generated = generate(fs.readFileSync(SOURCE, 'utf8'));
  assert.equal(fs.readFileSync(COMMITTED, 'utf8'), generated, 'run `npm run build:pkg && npm run types`');
  assert.equal(fs.readFileSync(path.join(ROOT, 'pkg', 'dist', 'api.d.ts'), 'utf8'), generated);
  // The generated file carries the real types, not wasm-bindgen's `any` (as a type, not a word in a doc).
  assert.doesNotMatch(generated, /[:(<|,]\s*any\b/);
  assert.match('scan(text: string, options: any): any;', /[:(<|,]\s*any\b/);
});

test('real values from the core fit the declared return types exactly', () => {
  const lens = new Lens();
  const text = 'Kataib Hezbollah and Asaib Ahl al-Haq; Qais al-Khazali spoke. كتائب حزب الله';
  const report = Lens.empty().loadDictionary('id,name,type,aliases\nzz-test,Zulu Test Brigade,armed_group,ZTB Force\n', 'csv', { name: 'mine.csv' });
  const page = lens.webAnnotations(text, 'https://example.org/a', { created: '2026-01-01T00:00:00Z', nonce: 'n' });
  const j = (v) => JSON.stringify(v);
  const out = typecheck(`${EQ}
import type * as T from '${SHIPPED}';
type R<K extends keyof T.Lens> = T.Lens[K] extends (...a: never[]) => infer V ? V : never;
export const mentions: R<'scan'> = ${j(lens.scan(text))};
export const card: R<'entity'> = ${j(lens.entity('kataib-hezbollah'))};
export const person: R<'entity'> = ${j(lens.entity('qais-al-khazali'))};
export const records: R<'entities'> = ${j(lens.entities())};
export const counts: R<'summarize'> = ${j(lens.summarize(text))};
export const report: R<'loadDictionary'> = ${j(report)};
export const annotations: R<'webAnnotations'> = ${j(page)};
export const types: R<'entityTypes'> = ${j(lens.entityTypes())};
export const format: R<'detectFormat'> = ${j(lens.detectFormat('x.csv', 'id,name,type\n'))};
export const styles: ReturnType<typeof T.palette> = ${j(palette())};
const rules = ${j(Lens.rules())} as const;
export const ruleNames: Eq<(typeof rules)[number], ReturnType<typeof T.Lens.rules>[number]> = true;
const typeNames = ${j(palette().map((s) => s.type))} as const;
export const entityTypes: Eq<(typeof typeNames)[number], T.EntityType> = true;
const formats = ${j(Lens.dictionaryExtensions().map((e) => lens.detectFormat(`x.${e}`, '')))} as const;
export const dictionaryFormats: Eq<(typeof formats)[number], T.DictionaryFormat> = true;
`);
  assert.equal(out, '');
});

test('the check fails where it should: an undeclared field or a wrong option is a type error', () => {
  const m = { ...new Lens().scan('Kataib Hezbollah')[0], confidence: 1 };
  const out = typecheck(`import { Lens, type Mention } from '${SHIPPED}';
export const m: Mention = ${JSON.stringify(m)};
new Lens().scan('x', { types: ['militia'] });
new Lens().mentionsCsv('x', { exel: true });
`);
  assert.match(out, /confidence/);
  assert.match(out, /militia/);
  assert.match(out, /exel/);
});

test('the hand-written index.d.ts declares exactly what every entry point exports', () => {
  // index.d.ts = api.d.ts + init/initSync; each entry's real exports (Node ES module, CommonJS, web)
  // are listed at run time and compared, by the compiler, with the declared names. Parameter counts of
  // the API come with api.d.ts from wasm-bindgen itself.
  const names = (keys) => keys.filter((k) => k !== '__esModule').sort().map((k) => JSON.stringify(k)).join(' | ');
  const cjs = createRequire(import.meta.url)(path.join(ROOT, 'pkg', 'dist', 'node', 'index.cjs'));
  const web = fs.readFileSync(path.join(ROOT, 'pkg', 'dist', 'web', 'index.js'), 'utf8');
  // The web entry is wasm-bindgen's glue: `export class X`, `export function X` and `export { a as b }`.
  const webNames = [...web.matchAll(/^export (?:class|function) (\w+)|^export \{([^}]*)\}/gm)]
    .flatMap((m) => m[1] ?? m[2].split(',').map((s) => s.trim().split(/\s+as\s+/).pop()));
  return import(path.join(ROOT, 'pkg', 'dist', 'node', 'index.mjs')).then((esm) => {
    const out = typecheck(`${EQ}${SIG}
import type * as Shipped from '${SHIPPED}';
type Declared = keyof typeof Shipped;
export const esm: Eq<${names(Object.keys(esm))}, Declared> = true;
// CommonJS also exports init by name (\`require\` has no default import); the rest is the same.
export const cjs: Eq<Exclude<${names(Object.keys(cjs))}, 'init'>, Declared> = true;
export const web: Eq<${names(webNames)}, Declared> = true;
`);
    assert.equal(out, '');
  });
});

test('the hand-written highlight.d.ts declares exactly what pkg/js/highlight.js exports, with the same parameters', () => {
  // The compiler reads the JavaScript itself (allowJs) and infers its exports and their parameter lists.
  const out = typecheck(`${EQ}${SIG}
import type * as Decl from '../../pkg/dist/highlight.js';
import type * as Real from '../../pkg/js/highlight.js';
type Exports<M> = Sig<M>;
export const same: Eq<Exports<typeof Real>, Exports<typeof Decl>> = true;
`, { allowJs: true, checkJs: false });
  assert.equal(out, '');
});
