// The Node and TypeScript entries of the consumer matrix (tests/pkg/matrix.test.mjs): each writes a
// small program into a fresh project folder where the packed tarball is installed; the matrix runs it
// (Node) or type-checks it (tsc --strict, with the compilers pinned in package.json / the workspace).

/** Node ES module: the README's API, init() a no-op that resolves. */
export const NODE_ESM = `import init, { Lens, version } from 'factionlens';
await init();
const lens = new Lens();
const m = lens.scan("Kataeb Hezbollah and the Hashd al-Shaabi");
console.log(JSON.stringify({ version: version(), ids: m.map((x) => x.entity), card: lens.entity(m[0].entity).name }));
`;

/** Node CommonJS: the same names as the ES module, init/initSync included (no-ops). */
export const NODE_CJS = `const fl = require('factionlens');
const { init, initSync, Lens } = fl;
initSync();
init().then(() => {
  const ids = new Lens().scan('Asaib Ahl al-Haq').map((m) => m.entity);
  console.log(JSON.stringify({ ids, keys: Object.keys(fl).sort(), defaultIsInit: fl.default === init }));
});
`;

/** A browser-side program: the core and the DOM highlighter. */
const BROWSER_TS = `import init, { Lens, type Mention, type EntityCard } from 'factionlens';
import initScan, { Lens as ScanLens, type EntityCount } from 'factionlens/scan';
import { highlight, lensIndex, type MarkHandle } from 'factionlens/highlight';
export async function main(root: HTMLElement): Promise<number> {
  await Promise.all([init(), initScan()]);
  const counts: EntityCount[] = new ScanLens().summarize('Kataib Hezbollah');
  const ids: string[] = lensIndex(new ScanLens()).ids;
  const lens = new Lens();
  const ms: Mention[] = lens.scan('Kataib Hezbollah', { types: ['armed_group'] });
  const card: EntityCard | undefined = lens.entity(ms[0].entity);
  const q: Uint32Array = lens.scanCompact('x');
  const h: MarkHandle = highlight(root, lens, { each: (mark) => { mark.tabIndex = 0; } });
  h.remove();
  return ms[0].start + q.length + (card ? 1 : 0) + counts.length + ids.length;
}
`;

/** A Node-only program: no DOM library, the .wasm handed over as a Buffer. */
const NODE_TS = `import init, { initSync, Lens, type Mention } from 'factionlens';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const bytes = readFileSync(createRequire(import.meta.url).resolve('factionlens/factionlens_bg.wasm'));
initSync({ module: bytes });
await init({ module_or_path: bytes });
const ms: Mention[] = new Lens().scan('Kataib Hezbollah');
console.log(ms.length);
`;

/** A CommonJS Node program written as ES module TypeScript: compiled (tsc emits require()) and run. */
export const NODE_CJS_TS = `import init, { Lens, type Mention } from 'factionlens';
init().then(() => {
  const ms: Mention[] = new Lens().scan('Kataib Hezbollah and Asaib Ahl al-Haq');
  console.log(JSON.stringify(ms.map((m) => m.entity)));
});
`;

/** Misuse every configuration must reject (proves the check reads the declarations): a wrong type
 * name, and a card asked of the scan-only entry, which has none. */
export const MISUSE = `import { Lens } from 'factionlens';
import { Lens as ScanLens } from 'factionlens/scan';
new Lens().scan('x', { types: ['militia'] });
new ScanLens().entity('kataib-hezbollah');
`;

const base = { strict: true, noEmit: true, target: 'es2022' };

/** The TypeScript entries: name → { tsconfig, package.json type, source, compilers }. */
export const TYPESCRIPT = {
  'TypeScript bundler': {
    compilerOptions: { ...base, module: 'preserve', moduleResolution: 'bundler', lib: ['es2022', 'dom'], types: [] },
    type: 'module', source: BROWSER_TS,
  },
  'TypeScript nodenext': {
    compilerOptions: { ...base, module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], types: [] },
    type: 'module', source: BROWSER_TS,
  },
  'TypeScript node10': {
    compilerOptions: { ...base, module: 'commonjs', moduleResolution: 'node10', lib: ['es2022', 'dom'], types: [], esModuleInterop: true },
    type: 'commonjs', source: BROWSER_TS,
  },
  'TypeScript nodenext, CommonJS Node project (compiled and run)': {
    compilerOptions: { ...base, noEmit: false, outDir: 'out', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022'], types: ['node'] },
    type: 'commonjs', source: NODE_CJS_TS,
    expect: ['kataib-hezbollah', 'asaib-ahl-al-haq'],
  },
  'TypeScript Node-only, no skipLibCheck': {
    compilerOptions: { ...base, module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022'], types: ['node'], skipLibCheck: false },
    type: 'module', source: NODE_TS,
  },
};
