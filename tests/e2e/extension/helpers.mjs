// Shared setup for the extension's browser tests: build the extension if needed, write the fixture
// site (news pages made from the seed articles), serve it on 127.0.0.1, and start a browser (Debian's
// Chromium or Firefox ESR, see browsers.mjs) with the unpacked extension loaded and the site granted
// the way the browser itself records a user's grant: everything after that is the real extension.

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { launch } from './browsers.mjs';
import { serve } from '../../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXT = path.join(ROOT, 'extension', 'dist', 'chrome');
export const OUT = path.join(ROOT, 'test-output', 'extension');
export const SITE = path.join(OUT, 'site');
export const DEFAULT_TYPES = ['armed_group', 'umbrella', 'state_security', 'political'];

const seedFiles = fs.readdirSync(path.join(ROOT, 'tests', 'fixtures')).filter((f) => f.endsWith('.txt')).sort();
export const SEEDS = seedFiles.map((f) => fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', f), 'utf8'));

const require = createRequire(import.meta.url);
/** The core in Node, for expected results. */
export const core = require(path.join(ROOT, 'pkg', 'dist', 'node', 'factionlens.js'));

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The seed's paragraphs as HTML, with inline markup inside some names (as news sites do). */
export function articleHtml(text) {
  let splitOnce = { kh: false, aah: false };
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => {
    let h = esc(p);
    if (!splitOnce.kh && /Kataib Hezbollah/.test(h)) {
      h = h.replace('Kataib Hezbollah', 'Kataib <a href="#kh" class="inline">Hezbollah</a>');
      splitOnce.kh = true;
    }
    if (!splitOnce.aah && /Asaib Ahl al-Haq/.test(h)) {
      h = h.replace('Asaib Ahl al-Haq', '<em>Asaib</em> Ahl <strong>al-Haq</strong>');
      splitOnce.aah = true;
    }
    return `<p>${h}</p>`;
  }).join('\n');
}

const CHROME = `<nav class="top"><a href="/">Home</a> <a href="#">Iraq</a> <a href="#">Iran</a> <a href="#">Opinion</a></nav>
<aside class="ad"><p>Advertisement</p><div style="width:300px;height:100px;background:#eee"></div></aside>`;
const COMMENTS = `<section id="comments"><h2>Comments</h2>
<form id="comment-form"><textarea id="comment-box">Kataib Hezbollah should answer for this</textarea>
<input id="name" value="Asaib Ahl al-Haq"><button id="send" type="button">Send</button></form>
<div id="editor" contenteditable="true">Kataib Hezbollah in an editable box</div>
<p class="comment">Reader: what about the Popular Mobilization Forces?</p></section>`;

/** Writes the fixture site into test-output/extension/site. */
export function writeSite() {
  fs.rmSync(SITE, { recursive: true, force: true });
  fs.mkdirSync(SITE, { recursive: true });
  const w = (f, s) => fs.writeFileSync(path.join(SITE, f), s);
  const page = (title, body, { csp = '', scripts = [] } = {}) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ''}<title>${esc(title)}</title>
<link rel="stylesheet" href="site.css"></head><body>${body}${scripts.map((s) => `<script src="${s}"></script>`).join('')}</body></html>`;
  w('site.css', 'body{background:#fff1e5;color:#33302e;font:17px/1.6 Georgia,serif;max-width:760px;margin:0 auto;padding:10px} nav a{margin-right:8px} .ad{float:right;margin:0 0 8px 8px}');
  // The main news page: seed 0, with dynamic content.
  w('news.js', `
window.clicks = 0;
document.getElementById('send').addEventListener('click', () => { window.clicks++; });
setTimeout(() => {
  const p = document.createElement('p');
  p.id = 'late';
  p.textContent = 'Update: Harakat Hezbollah al-Nujaba denied any role.';
  document.querySelector('article').appendChild(p);
}, 400);
let page = 0;
window.addEventListener('scroll', () => {
  if (window.innerHeight + window.scrollY < document.body.scrollHeight - 50 || page >= 2) return;
  page++;
  const p = document.createElement('p');
  p.className = 'more';
  p.textContent = 'More stories (' + page + '): the Badr Organization and Kataib Sayyid al-Shuhada held talks.';
  document.getElementById('feed').appendChild(p);
});
class NewsCard extends HTMLElement {
  constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<p class="in-shadow">Analysts link Kataib Hezbollah to the IRGC Quds Force.</p>'; }
}
customElements.define('news-card', NewsCard);
`);
  w('frame.html', page('frame', '<p id="in-frame">In the frame: Asaib Ahl al-Haq and Kataib Sayyid al-Shuhada.</p>'));
  w('news.html', page('Washington escalates pressure', `${CHROME}<main><article><h1>Iraq news</h1>
${articleHtml(SEEDS[0])}</article>
<news-card></news-card>
<iframe id="frame" src="frame.html" width="600" height="120"></iframe>
${COMMENTS}<div id="feed"></div><div style="height:1400px"></div></main>`, { scripts: ['news.js'] }));
  // A strict CSP page with Trusted Types enforced.
  w('csp.html', page('Strict CSP', `<main><article>${articleHtml(SEEDS[1])}</article></main>`, {
    csp: "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'",
    scripts: ['csp.js'],
  }));
  w('csp.js', `window.violations = []; document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.clicks = 0; document.querySelector('article').addEventListener('click', () => { window.clicks++; });`);
  // A single-page app: navigation replaces the article.
  w('spa.js', `
window.clicks = 0;
document.querySelector('main').addEventListener('click', () => { window.clicks++; });
window.go = (n) => {
  history.pushState({}, '', '?story=' + n);
  document.querySelector('article').replaceChildren(...window.stories[n].map((t) => Object.assign(document.createElement('p'), { textContent: t })));
};
`);
  w('spa.html', page('SPA', `<main><article><p>Story one: Kataib Hezbollah.</p></article></main>
<script src="spa-data.js"></script>`, { scripts: ['spa.js'] }));
  w('spa-data.js', `window.stories = { 2: ['Story two: the Coordination Framework met.', 'Asaib Ahl al-Haq walked out.'] };`);
  // A ~2 MB page for the time to first highlight.
  const paras = SEEDS.flatMap((t) => t.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean));
  const big = [];
  let size = 0;
  for (let i = 0; size < 2_000_000; i++) {
    const p = `<p>${esc(paras[i % paras.length])}</p>`;
    big.push(p);
    size += p.length;
  }
  w('big.html', page('Big page', `<main><article>${big.join('\n')}</article></main>`));
}

/** Builds the extension when its dist is missing. */
export function ensureBuilt() {
  if (!fs.existsSync(path.join(EXT, 'manifest.json')) || !fs.existsSync(path.join(ROOT, 'extension', 'dist', 'firefox', 'manifest.json'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'extension', 'build.mjs')], { stdio: 'inherit', cwd: ROOT });
  }
}

/**
 * The requests in Chromium's network log (`--log-net-log`): every URL request of the browser's
 * network stack, whoever made it — pages, frames, workers and the extension's service worker (whose
 * requests Playwright's request events do not report). Read while the browser runs: the log is
 * written event by event, one per line, and only closed on exit.
 * @param {string} file
 * @returns {{url: string, initiator: string|null}[]}
 */
export function netLogRequests(file) {
  const out = [];
  if (!fs.existsSync(file)) return out;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{"params"')) continue;
    let event;
    try { event = JSON.parse(line.replace(/,\s*$/, '')); } catch { continue; }
    const p = event.params;
    if (p && typeof p.url === 'string') out.push({ url: p.url, initiator: p.initiator ?? null });
  }
  return out;
}

let siteWritten = false;
/**
 * Starts the site server and `browser` ('chromium' | 'firefox', see browsers.mjs) with the extension,
 * allowed on http://127.0.0.1/* unless `grant` is false.
 * @returns {Promise<object>} the browser's env (browsers.mjs) plus `url` (the site) and `close()`
 */
export async function setup(browser = 'chromium', { grant = true } = {}) {
  ensureBuilt();
  fs.mkdirSync(OUT, { recursive: true });
  if (!siteWritten) { writeSite(); siteWritten = true; }
  const env = await launch(browser, { grant });
  const { server, url } = await serve(SITE, { port: 0, quiet: true });
  const closeBrowser = env.close;
  env.url = url;
  env.out = (file) => path.join(OUT, `${browser}-${file}`);
  env.close = async () => {
    await closeBrowser();
    server.close();
  };
  return env;
}

/** Every highlighted range in the page's main frame: [{name, text, root}] (name = highlight name). */
export function highlighted(frame) {
  return frame.evaluate(() => {
    const out = [];
    for (const [name, h] of CSS.highlights) {
      for (const r of h) out.push({ name, text: r.toString(), root: r.startContainer.getRootNode() instanceof ShadowRoot ? 'shadow' : 'document',
        parent: r.startContainer.parentElement ? r.startContainer.parentElement.closest('[id]')?.id || '' : '' });
    }
    return out;
  });
}

/** Moves the mouse onto the highlighted mention written `text` (highlight `name`), to open its card. */
export async function hoverMention(page, text, name = 'fl-armed_group') {
  const rect = await page.evaluate(([t, n]) => {
    for (const r of CSS.highlights.get(n) ?? []) {
      if (r.toString() === t) { const b = r.getClientRects()[0]; return { x: b.left + 4, y: b.top + b.height / 2 }; }
    }
    return null;
  }, [text, name]);
  if (!rect) throw new Error(`no highlighted "${text}" in ${name}`);
  await page.mouse.move(rect.x, rect.y);
}

/** Waits for the card on the page: {entity, name, text}. */
export function shownCard(page, timeout = 10000) {
  return until(() => page.evaluate(() => {
    const box = document.querySelector('factionlens-card')?.shadowRoot.querySelector('.fl-card');
    return box && { entity: box.dataset.entity, name: box.querySelector('.fl-card-name')?.textContent, text: box.textContent };
  }), { timeout, what: 'card' });
}

/** Polls `fn` until it returns a truthy value. */
export async function until(fn, { timeout = 10000, interval = 100, what = 'condition' } = {}) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeout) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** The tab id of the page whose URL ends with `suffix`, as the extension sees it. */
export async function tabId(env, suffix) {
  return env.bg(async (s) => {
    const tabs = await (globalThis.browser ?? chrome).tabs.query({});
    return tabs.find((t) => t.url && t.url.split('?')[0].endsWith(s))?.id;
  }, suffix);
}

/** A snapshot of a document that painting must not change: text, element count, markup. */
export function pageSnapshot(frame) {
  return frame.evaluate(() => ({
    text: document.body.textContent,
    elements: document.getElementsByTagName('*').length,
    html: document.body.innerHTML,
  }));
}
