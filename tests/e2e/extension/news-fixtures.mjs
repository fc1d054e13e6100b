// Pages shaped like the ones readers use, for the extension's suite in each browser: an AMP article,
// a live blog that appends posts, an article under a paywall overlay with lazy images, right-to-left
// Arabic news markup (dir="rtl", names in both scripts, Latin names isolated with <bdi>), and an
// article inside a same-origin iframe. On each: the highlights equal the core's scan of the article's
// paragraphs (computed here in Node), and turning FactionLens off for the site restores the page
// exactly (text, element count, markup, no highlight left), in the highlight mode and, for the
// right-to-left page, the <mark> mode too (which splits and restores text nodes).
//
// Kept small: a few paragraphs each. No fixture loads anything from the network (the AMP runtime is
// not included; its custom elements stay unupgraded, as they are until the runtime loads).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { highlighted, until, pageSnapshot, core, DEFAULT_TYPES, SITE } from './helpers.mjs';

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paras = (list) => list.map((p) => `<p>${esc(p)}</p>`).join('\n');

const AMP = [
  'Baghdad — Kataib Hezbollah said on Tuesday it would suspend attacks, a week after the Popular Mobilization Forces met in the capital.',
  'Asaib Ahl al-Haq, which holds seats in parliament, did not comment.',
];
const LIVE = [
  '09:02 Officials say the Badr Organization will attend the talks.',
  '09:15 Harakat Hezbollah al-Nujaba rejected the proposal.',
  '09:31 The Coordination Framework called a meeting for the evening.',
];
const PAYWALL = [
  'The IRGC Quds Force has long advised Kataib Sayyid al-Shuhada, analysts say.',
  'Subscribers read on: the Popular Mobilization Forces budget doubled, and Kataib Hezbollah gained from it.',
];
const ARABIC = [
  'أعلنت كتائب حزب الله أن عصائب أهل الحق ستشارك في الاجتماع.',
  'وقال متحدث باسم Kataib Hezbollah إن منظمة بدر لن تشارك، فيما دعا الإطار التنسيقي إلى التهدئة.',
];
const FRAMED = [
  'Inside the frame: Asaib Ahl al-Haq and the Badr Organization signed the statement.',
  'The Popular Mobilization Forces welcomed it.',
];

/** Writes the fixture pages into the site. */
function writeFixtures() {
  const w = (f, s) => fs.writeFileSync(path.join(SITE, f), s);
  w('amp.html', `<!doctype html><html ⚡ lang="en"><head><meta charset="utf-8"><title>AMP article</title>
<link rel="canonical" href="/article.html"><meta name="viewport" content="width=device-width">
<style amp-custom>body{font:17px/1.6 Georgia,serif;max-width:700px;margin:auto} amp-img{display:block;background:#ddd}</style></head>
<body><header><amp-img src="logo.png" width="120" height="30" layout="fixed" alt="News"></amp-img></header>
<article><h1>Militia suspends attacks</h1><amp-img src="photo.jpg" width="600" height="300" layout="responsive" alt=""></amp-img>
${paras(AMP)}
<amp-social-share type="twitter"></amp-social-share><amp-ad width="300" height="250" type="doubleclick"></amp-ad></article></body></html>`);
  w('live.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live</title></head><body>
<main><h1>Live: talks in Baghdad</h1><ol id="posts" reversed></ol></main>
<script>
const posts = ${JSON.stringify(LIVE)};
let i = 0;
const timer = setInterval(() => {
  const li = document.createElement('li');
  li.className = 'post';
  const time = document.createElement('time');
  time.textContent = posts[i].slice(0, 5);
  const p = document.createElement('p');
  p.append(time, document.createTextNode(posts[i].slice(5)));
  li.append(p);
  document.getElementById('posts').prepend(li);
  if (++i === posts.length) { clearInterval(timer); document.body.dataset.done = '1'; }
}, 300);
</script></body></html>`);
  w('paywall.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Paywall</title>
<style>.locked{max-height:4em;overflow:hidden;filter:blur(3px)} .paywall{position:fixed;inset:30% 0 0 0;background:rgba(255,255,255,.96);padding:2em;text-align:center}</style></head><body>
<article><h1>Advisers and money</h1><img loading="lazy" data-src="chart.png" alt="A chart" width="600" height="300">
<p>${esc(PAYWALL[0])}</p><div class="locked"><p>${esc(PAYWALL[1])}</p><img loading="lazy" data-src="map.png" alt="" width="600" height="300"></div></article>
<div class="paywall" role="dialog"><h2>Subscribe to keep reading</h2><button type="button">Subscribe</button></div>
<script>
new IntersectionObserver((entries, o) => { for (const e of entries) if (e.isIntersecting) { e.target.src = e.target.dataset.src; o.unobserve(e.target); } })
  .observe(document.querySelector('img[data-src]'));
</script></body></html>`);
  // Latin names inside Arabic text are isolated with <bdi>, as Arabic news sites do.
  const arabic = ARABIC.map((p) => `<p>${esc(p).replace('Kataib Hezbollah', '<bdi>Kataib Hezbollah</bdi>')}</p>`).join('\n');
  w('rtl.html', `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>خبر</title>
<style>body{font:18px/1.8 "Noto Naskh Arabic","Noto Sans Arabic",serif;max-width:700px;margin:auto}</style></head><body>
<article><h1>اجتماع الفصائل</h1>${arabic}</article></body></html>`);
  w('framed-article.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>inner</title></head><body><article>${paras(FRAMED)}</article></body></html>`);
  w('framed.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Framed</title></head><body>
<header><h1>News site</h1></header><iframe id="article" src="framed-article.html" width="700" height="300" title="Article"></iframe></body></html>`);
}

/** The multiset of mention texts the core finds in `list` (paragraph by paragraph). */
function expectedTexts(list) {
  const lens = new core.Lens();
  return list.flatMap((p) => lens.scan(p, { types: DEFAULT_TYPES }).map((m) => m.text)).sort();
}

const FIXTURES = [
  { file: 'amp.html', paragraphs: AMP },
  { file: 'live.html', paragraphs: LIVE },
  { file: 'paywall.html', paragraphs: PAYWALL },
  { file: 'rtl.html', paragraphs: ARABIC, marks: true },
  { file: 'framed.html', paragraphs: FRAMED, frame: 'framed-article.html' },
];

/** Sets the extension's settings (merged) from the extension's side. */
const setSettings = (env, patch) => env.bg(async (p) => {
  const api = globalThis.browser ?? chrome;
  const { settings } = await api.storage.local.get('settings');
  await api.storage.local.set({ settings: { ...(settings || {}), ...p } });
}, patch);

/** @param {() => object} getEnv the suite's env */
export function newsFixtureTests(getEnv) {
  test('news markup (AMP, live blog, paywall with lazy images, RTL Arabic, same-origin iframe): highlights equal the core scan; off restores exactly', async () => {
    const env = getEnv();
    writeFixtures();
    for (const fx of FIXTURES) {
      for (const mode of fx.marks ? ['highlight', 'marks'] : ['highlight']) {
        const what = `${fx.file} (${mode})`;
        await setSettings(env, { mode, sites: {} });
        const page = await env.newPage();
        await page.goto(new URL(fx.file, env.url).href);
        const frame = () => (fx.frame ? page.frames().find((f) => f.url().endsWith(fx.frame)) : page.mainFrame());
        await until(() => frame(), { what: `${what}: the frame` });
        const want = expectedTexts(fx.paragraphs);
        const got = mode === 'marks'
          ? () => frame().evaluate(() => [...document.querySelectorAll('mark.fl-mark')].map((m) => m.textContent).sort())
          : async () => (await highlighted(frame())).map((r) => r.text).sort();
        // Wait for the full set (the live blog keeps appending), then it must be exactly the core's.
        const texts = await until(async () => { const t = await got(); return t.length >= want.length && t; }, { what: `${what}: highlights`, timeout: 15000 });
        await new Promise((r) => setTimeout(r, 400));
        assert.deepEqual(await got(), want, what);
        assert.deepEqual(texts, want, what);
        await page.screenshot({ path: env.out(`${fx.file.replace('.html', '')}-${mode}.png`) });
        // Off for the site: the page as it was before FactionLens (highlight mode: it never changed the
        // DOM; marks mode: the marks are gone and the text nodes are whole again).
        const before = mode === 'marks'
          ? await frame().evaluate(() => {
            const clone = document.body.cloneNode(true);
            for (const m of clone.querySelectorAll('mark.fl-mark')) m.replaceWith(...m.childNodes);
            clone.normalize();
            return { text: document.body.textContent, elements: document.getElementsByTagName('*').length - document.querySelectorAll('mark.fl-mark').length, html: clone.innerHTML };
          })
          : await pageSnapshot(frame());
        const host = new URL(env.url).hostname;
        await setSettings(env, { sites: { [host]: false } });
        await until(async () => (await frame().evaluate(() => CSS.highlights.size === 0 && !document.querySelector('mark.fl-mark'))), { what: `${what}: off` });
        const after = await pageSnapshot(frame());
        assert.equal(after.text, before.text, `${what}: text`);
        assert.equal(after.elements, before.elements, `${what}: elements`);
        assert.equal(after.html, before.html, `${what}: markup`);
        if (mode === 'marks') {
          // Every text node whole again: no two adjacent text nodes anywhere.
          assert.equal(await frame().evaluate(() => {
            const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            let n = 0;
            for (let t = w.nextNode(); t; t = w.nextNode()) if (t.nextSibling && t.nextSibling.nodeType === 3) n++;
            return n;
          }), 0, `${what}: split text nodes`);
        }
        await page.close();
      }
    }
    await env.bg(() => (globalThis.browser ?? chrome).storage.local.remove('settings'));
  });
}
