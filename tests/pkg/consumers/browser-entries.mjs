// The browser entries of the consumer matrix (tests/pkg/matrix.test.mjs): each takes a fresh project
// folder where the packed tarball is installed and app/ copied, builds it with one toolchain exactly as
// pkg/README.md says (config lines included), and returns where the page is served.
//
// The toolchains come from this folder's node_modules (package.json pins them; installed once).

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { serve } from '../../../scripts/serve.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(path.join(here, 'package.json'));
/** Imports a toolchain installed in this folder (by its package name or npm alias). */
const tool = (name) => import(pathToFileURL(require.resolve(name)).href);

/** Writes index.html into `dir` with `script` in place of the placeholder. */
export function html(dir, script) {
  const page = fs.readFileSync(path.join(here, 'app', 'index.html'), 'utf8').replace('<!--SCRIPT-->', script);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), page);
}

/** Serves a built folder; returns { url, close }. */
async function served(dir) {
  const { server, url } = await serve(dir, { port: 0, quiet: true });
  return { url, close: () => new Promise((r) => server.close(r)) };
}

/** Vite production build (`vite build`, no config). */
const viteBuild = (pkg) => async (dir) => {
  html(dir, '<script type="module" src="./page.js"></script>');
  const { build } = await tool(pkg);
  await build({ root: dir, logLevel: 'error', build: { outDir: 'dist' } });
  return served(path.join(dir, 'dist'));
};

/** The Vite dev server, with the README's vite.config.js. */
const viteDev = (pkg, config) => async (dir) => {
  html(dir, '<script type="module" src="./page.js"></script>');
  if (config) fs.writeFileSync(path.join(dir, 'vite.config.js'), config);
  const { createServer } = await tool(pkg);
  const server = await createServer({ root: dir, logLevel: 'error', server: { host: '127.0.0.1', port: 0, strictPort: false } });
  await server.listen();
  const { port } = server.httpServer.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
};

/** webpack 5, production mode: no WebAssembly setting (the web build's `new URL(…)` is an asset). */
const webpack = (pkg) => async (dir) => {
  html(path.join(dir, 'dist'), '<script src="./main.js" defer></script>');
  const { default: wp } = await tool(pkg);
  const stats = await new Promise((resolve, reject) => wp({
    mode: 'production', context: dir, entry: './page.js',
    output: { path: path.join(dir, 'dist'), filename: 'main.js', clean: false },
  }, (err, s) => (err ? reject(err) : resolve(s))));
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
  return served(path.join(dir, 'dist'));
};

/** Rollup 4 with node-resolve and @rollup/plugin-url for the .wasm (page-url.js: init({ module_or_path })). */
async function rollup(dir) {
  const { rollup: bundle } = await tool('rollup');
  const { default: resolve } = await tool('@rollup/plugin-node-resolve');
  const { default: url } = await tool('@rollup/plugin-url');
  const b = await bundle({
    input: path.join(dir, 'page-url.js'),
    plugins: [resolve({ browser: true }), url({ include: ['**/*.wasm'], limit: 0 })],
  });
  await b.write({ dir: path.join(dir, 'dist'), format: 'es' });
  await b.close();
  html(path.join(dir, 'dist'), '<script type="module" src="./page-url.js"></script>');
  return served(path.join(dir, 'dist'));
}

/** esbuild with the file loader for .wasm (page-url.js: init({ module_or_path })). */
const esbuild = (entry) => async (dir) => {
  const { build } = await tool('esbuild');
  await build({ entryPoints: [path.join(dir, entry)], bundle: true, format: 'esm', minify: true,
    outdir: path.join(dir, 'dist'), absWorkingDir: dir, loader: { '.wasm': 'file' }, logLevel: 'error' });
  html(path.join(dir, 'dist'), `<script type="module" src="./${entry}"></script>`);
  return served(path.join(dir, 'dist'));
};

/** Parcel 2, default config, package exports left off (the `highlight/` folder resolves the subpath). */
async function parcel(dir) {
  html(dir, '<script type="module" src="./page.js"></script>');
  const { Parcel } = await tool('@parcel/core');
  const bundler = new Parcel({
    entries: path.join(dir, 'index.html'),
    defaultConfig: require.resolve('@parcel/config-default'),
    mode: 'production',
    shouldDisableCache: true,
    cacheDir: path.join(dir, '.parcel-cache'),
    defaultTargetOptions: { distDir: path.join(dir, 'dist'), publicUrl: './', shouldOptimize: true },
    logLevel: 'error',
  });
  await bundler.run();
  return served(path.join(dir, 'dist'));
}

/** No bundler: the README's <script type="module"> page, served from the project folder. */
export const PLAIN_SCRIPT = `<script type="module">
  import init, { Lens } from './node_modules/factionlens/dist/web/index.js';
  import { highlight } from './node_modules/factionlens/dist/highlight.js';
  init().then(() => highlight(document.querySelector('article'), new Lens()));
</script>`;

/** The plain page reports nothing itself: once its marks are there, the matrix reads them and scans
 * the article with the module instance the page loaded. */
export async function plainProbe() {
  const m = await import('./node_modules/factionlens/dist/web/index.js');
  // The scan-only entry, loaded as a plain page would (its own .wasm, fetched next to scan.js).
  const s = await import('./node_modules/factionlens/dist/web/scan.js');
  await s.default();
  window.result = {
    scan: new m.Lens().scan(document.querySelector('article').textContent).map((x) => x.entity),
    scanEntry: new s.Lens().scan(document.querySelector('article').textContent).map((x) => x.entity),
    marks: [...document.querySelectorAll('mark.fl-mark')].map((x) => [x.dataset.entity, x.textContent]),
  };
}

async function plain(dir) {
  html(dir, PLAIN_SCRIPT);
  return { ...(await served(dir)), probe: plainProbe };
}

/** The Vite config lines pkg/README.md gives for the dev server of Vite 7 and older (Vite 8 needs none). */
export const VITE_DEV_CONFIG = `export default {
  optimizeDeps: { exclude: ['factionlens'] },
};
`;

/** The browser entries: name → builder. */
export const BROWSER = {
  'Vite 8 build': viteBuild('vite'),
  'Vite 8 dev server': viteDev('vite', null),
  'Vite 7 build': viteBuild('vite7'),
  'Vite 7 dev server': viteDev('vite7', VITE_DEV_CONFIG),
  'webpack 5.113': webpack('webpack'),
  'webpack 5.88': webpack('webpack588'),
  'Rollup 4': rollup,
  esbuild: esbuild('page-url.js'),
  'Parcel 2': parcel,
  'plain <script type="module">': plain,
};

/** Controls: the same projects without the README's line for that toolchain. Each must fail, which
 * shows both that the line is needed and that the matrix's checks see a broken page. */
export const CONTROLS = {
  'Vite 7 dev server without optimizeDeps.exclude': viteDev('vite7', null),
  'esbuild without init({ module_or_path })': esbuild('page.js'),
};
