// Entity cards with time in them, in real Chromium: a person's past roles worded as past, a body's
// current leader before its past ones, the status line, designations with their program, the
// identifiers as links, and the KB's as-of date — rendered by ui/card.js from the core's own cards,
// and on the page when a mark is hovered. Expected facts are the audited facts of issue 14 and the
// as-of date read from data/kb/meta.toml, not values computed by the code under test.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, openPage, pasteAndScan, loadCore, ROOT } from './helpers.mjs';

const AS_OF = /^as_of = "(\d{4}-\d{2}-\d{2})"$/m.exec(fs.readFileSync(path.join(ROOT, 'data/kb/meta.toml'), 'utf8'))[1];

let env, lens, server, rootUrl;
before(async () => {
  env = await setup();
  lens = new (await loadCore()).Lens();
  const { serve } = await import('../../../scripts/serve.mjs');
  ({ server, url: rootUrl } = await serve(ROOT, { port: 0, quiet: true }));
});
after(async () => {
  await env?.close();
  if (server) await new Promise((r) => server.close(r));
});

/** Renders `card` with ui/card.js in a blank page; returns each section's title and item texts. */
async function render(card) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(rootUrl + 'ui/styles.css');
    return await page.evaluate(async (c) => {
      const { renderCard } = await import('/ui/card.js');
      const div = document.createElement('div');
      document.body.appendChild(div);
      renderCard(div, c, { onEntity: () => {} });
      const norm = (s) => s.replace(/\s+/g, ' ').trim();
      return {
        sections: [...div.querySelectorAll('section')].map((s) => ({
          title: s.querySelector('h4').textContent,
          items: [...s.querySelectorAll('li')].map((li) => norm(li.textContent)),
        })),
        status: div.querySelector('.fl-card-status') && norm(div.querySelector('.fl-card-status').textContent),
        footer: norm(div.querySelector('.fl-card-origin').textContent),
        links: [...div.querySelectorAll('.fl-card-ids a')].map((a) => [a.getAttribute('href'), a.textContent, a.rel]),
        rtl: [...div.querySelectorAll('.fl-card-alias[dir="rtl"]')].map((s) => [s.lang, s.textContent]),
      };
    }, card);
  } finally {
    await context.close();
  }
}

const sectionOf = (out, title) => out.sections.find((s) => s.title === title);

test('al-Muhandis: founder, past deputy chairman until his death, died, E.O. 13438, as of', async () => {
  const out = await render(lens.entity('abu-mahdi-al-muhandis'));
  assert.equal(out.status, 'Died 2020-01-03 (Killed with Qassem Soleimani in a US strike near Baghdad airport.)');
  assert.ok(sectionOf(out, 'Roles').items.includes("founder of Kata'ib Hezbollah"));
  const past = sectionOf(out, 'Past roles').items;
  assert.ok(past.some((t) => t.startsWith('deputy chairman of Popular Mobilization Forces from 2014-06 until 2020-01-03')), past.join('\n'));
  const des = sectionOf(out, 'US designations').items;
  assert.ok(des.some((t) => t.startsWith('2009-07-02 SDN (E.O. 13438) designated by US Treasury (OFAC)')), des.join('\n'));
  assert.equal(out.footer, `From the built-in knowledge base · Facts as of ${AS_OF}`);
});

test("a body's card: the current secretary-general first, the past one as past", async () => {
  const out = await render(lens.entity('hezbollah'));
  // Other files may add more people; these two must be there, each in its place.
  assert.ok(sectionOf(out, 'Leadership').items.some((t) => t.startsWith('secretary-general: Naim Qassem since 2024-10-29')));
  assert.ok(sectionOf(out, 'Past leadership').items.includes('secretary-general: Hassan Nasrallah from 1992 until 2024-09-27'));
  const titles = out.sections.map((s) => s.title);
  assert.ok(titles.indexOf('Leadership') < titles.indexOf('Past leadership'));
  assert.deepEqual(out.links, [['https://www.wikidata.org/wiki/Q41053', 'Wikidata Q41053', 'noopener noreferrer']]);
});

test('a dictionary card: no as-of date, dated relation, unsafe ids not linked, Persian names right to left', async () => {
  const out = await render({
    id: 'x', name: 'X', type: 'armed_group', origin: 'mine.json', as_of: '2026-11-30',
    wikidata: 'Q1" onmouseover="x', opensanctions: 'NK-abc',
    arabic: ['كتيبة'], persian: ['گردان'],
    status: { state: 'dissolved', date: '2020-12', sources: [] },
    relations: [{ rel: 'member_of', target: 'y', from: '2014', until: '2020-12', sources: [] }], relation_names: ['Y'],
  });
  assert.equal(out.footer, 'From dictionary: mine.json');
  assert.equal(out.status, 'Dissolved 2020-12');
  assert.deepEqual(sectionOf(out, 'Relations').items, ['member of Y (from 2014 until 2020-12)']);
  assert.deepEqual(out.links, [['https://www.opensanctions.org/entities/NK-abc/', 'OpenSanctions NK-abc', 'noopener noreferrer']]);
  assert.deepEqual(out.rtl, [['ar', 'كتيبة'], ['fa', 'گردان']]);
});

test('the page: hovering a mark shows the card with roles and the as-of date', async () => {
  const { page, context, errors } = await openPage(env);
  await pasteAndScan(page, 'Abu Mahdi al-Muhandis was killed in Baghdad.');
  await page.hover('#doc mark[data-entity="abu-mahdi-al-muhandis"] >> nth=0');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  const text = (await page.textContent('#fl-card-popup')).replace(/\s+/g, ' ');
  assert.ok(text.includes('Past roles'), text);
  assert.ok(text.includes('deputy chairman of Popular Mobilization Forces from 2014-06 until 2020-01-03'), text);
  assert.ok(text.includes('Died 2020-01-03'), text);
  assert.ok(text.includes(`Facts as of ${AS_OF}`), text);
  assert.deepEqual(errors, []);
  await context.close();
});
