// The page as a keyboard-only and a screen-reader user meets it, in real Chromium: axe-core finds no
// violation in any state (empty, results, card open; light and dark; 1280 and 390 px); the article
// is one Tab stop whose names are walked with real key presses (arrows, Home/End, n/p), Enter moves
// into the card, Tab stays inside it, Close and Escape (from anywhere) give focus back to the name;
// skip links lead to visible targets in every state; the accessibility tree (Chromium's, through the
// DevTools protocol) of a name and of the open card; at 390 px the focused name is never under the
// card and the graph's labels are readable; graph types differ by shape and pass 3:1.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setup, openPage, pasteAndScan, SEEDS, loadCore, OUT } from './helpers.mjs';
import { assertAxeClean, axeViolations } from '../axe.mjs';
import { contrast, parseColor } from '../card-visual.mjs';

let env, lens;
before(async () => {
  env = await setup();
  lens = new (await loadCore()).Lens();
});
after(async () => { await env?.close(); });

const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { tag: a.tagName, id: a.id, i: a.dataset.i, entity: a.dataset.entity, inCard: !!a.closest('#fl-card-popup'), text: a.textContent.slice(0, 40) };
});
const cardState = (page) => page.evaluate(() => {
  const p = document.getElementById('fl-card-popup');
  return { open: !p.hidden, entity: p.dataset.entity };
});

test('axe: no violation, empty page and with results, card open, light and dark, 1280 and 390 px', async () => {
  // The harness sees a violation when there is one (an image without a text alternative).
  {
    const { page, context } = await openPage(env);
    await page.evaluate(() => { const i = document.createElement('img'); i.src = 'favicon.svg'; document.querySelector('main').appendChild(i); });
    const v = await axeViolations(page);
    assert.deepEqual(v.map((x) => x.id), ['image-alt']);
    await context.close();
  }
  for (const [w, h] of [[1280, 800], [390, 844]]) {
    for (const scheme of ['light', 'dark']) {
      const { page, context, errors } = await openPage(env, { context: { viewport: { width: w, height: h }, colorScheme: scheme } });
      const label = `${w}px ${scheme}`;
      await assertAxeClean(assert, page, `${label}, empty page`);
      await pasteAndScan(page, SEEDS[0].text);
      await assertAxeClean(assert, page, `${label}, results`);
      await page.focus('#doc-h');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#fl-card-popup:not([hidden])');
      await assertAxeClean(assert, page, `${label}, card open`);
      await page.screenshot({ path: path.join(OUT, `a11y-card-${w}-${scheme}.png`) });
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
});

test('keyboard: the article is one Tab stop; arrows, Home/End, n/p move; Enter enters the card, Tab cycles in it, Close and Escape return to the name', async () => {
  const { page, context } = await openPage(env);
  await pasteAndScan(page, SEEDS[0].text);
  const mentions = lens.scan(SEEDS[0].text);
  assert.equal(await page.$$eval('#doc mark.fl-mark[tabindex="0"]', (ms) => ms.length), 1, 'one name holds the Tab stop');
  // Into the article and out again with one Tab each.
  await page.focus('#doc-h');
  await page.keyboard.press('Tab');
  assert.deepEqual(await active(page).then((a) => [a.tag, a.i]), ['MARK', '0']);
  await page.keyboard.press('Tab');
  const out = await active(page);
  assert.notEqual(out.tag, 'MARK', 'a second Tab leaves the article');
  assert.ok(await page.evaluate(() => document.getElementById('panel').contains(document.activeElement)), `the next stop is the entity panel, not ${JSON.stringify(out)}`);
  await page.keyboard.press('Shift+Tab');
  assert.equal((await active(page)).i, '0');
  // Arrows and Home/End over every name.
  for (let i = 1; i < 4; i++) {
    await page.keyboard.press('ArrowRight');
    const a = await active(page);
    assert.deepEqual([a.tag, a.i, a.entity], ['MARK', String(i), mentions[i].entity]);
    assert.equal((await cardState(page)).entity, mentions[i].entity, 'the focused name shows its card');
  }
  await page.keyboard.press('ArrowLeft');
  assert.equal((await active(page)).i, '2');
  await page.keyboard.press('End');
  assert.equal((await active(page)).i, String(mentions.length - 1));
  await page.keyboard.press('ArrowRight');
  assert.equal((await active(page)).i, '0', 'the last name wraps to the first');
  await page.keyboard.press('Home');
  assert.equal((await active(page)).i, '0');
  // The Tab stop follows the focused name.
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await page.$$eval('#doc mark.fl-mark[tabindex="0"]', (ms) => ms.map((m) => m.dataset.i)), ['1']);
  // n / p: the next / previous mention of the focused name's entity.
  const ent = mentions[1].entity;
  const own = mentions.map((m, i) => [m, i]).filter(([m]) => m.entity === ent).map(([, i]) => String(i));
  if (own.length > 1) {
    await page.keyboard.press('n');
    assert.equal((await active(page)).i, own[1]);
    await page.keyboard.press('p');
    assert.equal((await active(page)).i, own[0]);
  }
  // Enter: the card of this name opens and focus is in it (the dialog). A name whose card has links.
  const target = mentions.findIndex((m) => (lens.entity(m.entity).relations || []).length >= 2);
  await page.keyboard.press('Home');
  for (let k = 0; k < target; k++) await page.keyboard.press('ArrowRight');
  const name = await active(page);
  assert.equal(name.i, String(target));
  await page.keyboard.press('Enter');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  assert.equal((await cardState(page)).entity, name.entity);
  assert.equal((await active(page)).id, 'fl-card-popup');
  // Tab cycles inside the card: every stop is in it, and it comes back round to the first.
  const stops = await page.$$eval('#fl-card-popup button, #fl-card-popup a[href]', (es) => es.length);
  assert.ok(stops >= 2, `${stops} stops in the card`);
  const seen = [];
  for (let k = 0; k < stops + 1; k++) {
    await page.keyboard.press('Tab');
    const a = await active(page);
    assert.ok(a.inCard, `Tab ${k + 1} stays in the card (${JSON.stringify(a)})`);
    seen.push(a.text);
  }
  assert.equal(seen[0], 'Close', 'the first stop is the visible Close button');
  assert.equal(seen[stops], seen[0], 'Tab from the last stop goes back to the first');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await active(page)).text, seen[stops - 1], 'Shift+Tab from the first stop goes to the last');
  // Escape: closed, focus back on the name.
  await page.keyboard.press('Escape');
  assert.equal((await cardState(page)).open, false);
  assert.deepEqual(await active(page).then((a) => [a.tag, a.i]), ['MARK', name.i]);
  // The Close button, pressed with the keyboard, does the same.
  await page.keyboard.press('Enter');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  await page.keyboard.press('Tab');
  assert.equal((await active(page)).text, 'Close');
  assert.ok(await page.$eval('#fl-card-popup .fl-card-close', (b) => b.getBoundingClientRect().width > 20), 'the Close button is visible');
  await page.keyboard.press('Enter');
  assert.equal((await cardState(page)).open, false);
  assert.equal((await active(page)).i, name.i);
  // Escape from a text field closes a card the pointer opened, and focus goes to its name.
  await page.focus('#text');
  await page.hover('#doc mark.fl-mark >> nth=5');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  await page.keyboard.press('Escape');
  assert.equal((await cardState(page)).open, false);
  assert.deepEqual(await active(page).then((a) => [a.tag, a.i]), ['MARK', '5']);
  // A hidden type's names are skipped, and the Tab stop leaves them.
  await page.mouse.move(0, 0);
  const firstType = mentions[0].type;
  await page.uncheck(`#filters input[data-type="${firstType}"]`);
  const stop = await page.$$eval('#doc mark.fl-mark[tabindex="0"]', (ms) => ms.map((m) => m.dataset.type));
  assert.equal(stop.length, 1);
  assert.notEqual(stop[0], firstType);
  await context.close();
});

test('keyboard: the graph is one Tab stop, arrows move, Enter opens the card with focus in it', async () => {
  const { page, context } = await openPage(env);
  await pasteAndScan(page, SEEDS[0].text);
  assert.equal(await page.$$eval('#graph g.node[tabindex="0"]', (g) => g.length), 1);
  await page.focus('#graph g.node[tabindex="0"]');
  const ids = await page.$$eval('#graph g.node', (gs) => gs.map((g) => g.dataset.entity));
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.entity), ids[1]);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  assert.equal((await cardState(page)).entity, ids[1]);
  assert.equal((await active(page)).id, 'fl-card-popup');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.entity), ids[1], 'focus back on the node');
  // Each node's accessible name starts with its visible label.
  const names = await page.$$eval('#graph g.node', (gs) => gs.map((g) => [g.getAttribute('aria-label'), g.querySelector('text').textContent]));
  for (const [label, visible] of names) assert.ok(label.startsWith(visible.trim()), `${label} / ${visible}`);
  await context.close();
});

test('skip links: every shown link leads to a visible target, empty and with results; theme button keeps its label', async () => {
  const { page, context } = await openPage(env);
  const check = async (state) => {
    const links = await page.$$eval('a.skip', (as) => as.filter((a) => !a.hidden).map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 2, state);
    for (const href of links) {
      const ok = await page.evaluate((h) => {
        const t = document.querySelector(h);
        return !!t && t.getClientRects().length > 0 && !t.closest('[hidden]');
      }, href);
      assert.ok(ok, `${state}: ${href} is a visible target`);
      await page.focus(`a.skip[href="${href}"]`);
      await page.keyboard.press('Enter');
      const focused = await page.evaluate(() => ({ id: document.activeElement.id, tag: document.activeElement.tagName, i: document.activeElement.dataset.i }));
      if (href === '#doc-h') assert.equal(focused.tag, 'MARK', 'the names link goes to the current name');
      else assert.equal(`#${focused.id}`, href, `${state}: ${href} moves focus`);
    }
    return links;
  };
  const empty = await check('empty page');
  await pasteAndScan(page, SEEDS[0].text);
  const full = await check('results');
  assert.ok(full.length > empty.length);
  for (const h of ['#panel-h', '#filters-box', '#export-h']) assert.ok(full.includes(h), h);
  await page.click('#clear');
  await check('cleared');
  const label = await page.textContent('#theme-toggle');
  await page.click('#theme-toggle');
  assert.equal(await page.textContent('#theme-toggle'), label, 'the label does not change');
  assert.equal(await page.getAttribute('#theme-toggle', 'aria-pressed'), 'true');
  await context.close();
});

test('screen reader: the accessibility tree of a name and of the open card (Chromium)', async () => {
  const { page, context } = await openPage(env);
  await pasteAndScan(page, SEEDS[0].text);
  const first = lens.scan(SEEDS[0].text)[0];
  const card = lens.entity(first.entity);
  await page.focus('#doc-h');
  await page.keyboard.press('Tab');
  const cdp = await context.newCDPSession(page);
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false });
  const node = nodes[0];
  assert.equal(node.name.value, first.text, 'the name is read as written');
  const typeLabel = await page.evaluate(() => document.activeElement.getAttribute('aria-description').split(', ').pop());
  assert.equal(node.description?.value, `${card.name}, ${typeLabel}`, 'described by its entity and type, not by a whole card');
  assert.ok(node.description.value.length < 120);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#fl-card-popup:not([hidden])');
  const tree = await page.locator('#fl-card-popup').ariaSnapshot();
  const lines = tree.split('\n');
  assert.equal(lines[0], `- dialog "${card.name}":`, tree);
  assert.ok(lines.some((l) => l.includes(`heading "${card.name}" [level=3]`)), tree);
  assert.ok(lines.some((l) => l.includes('button "Close"')), tree);
  assert.ok(!/banner|contentinfo/.test(tree), 'no landmarks inside the card');
  // Only the open card's name refers to anything: no name is described by the card.
  assert.equal(await page.$$eval('[aria-describedby="fl-card-popup"]', (e) => e.length), 0);
  await context.close();
});

test('390 px: the focused name is never under the card; graph labels readable; graph shapes and 3:1', async () => {
  const { page, context } = await openPage(env, { context: { viewport: { width: 390, height: 844 }, colorScheme: 'light' } });
  await pasteAndScan(page, SEEDS[1].text);
  await page.focus('#doc-h');
  await page.keyboard.press('Tab');
  const n = Math.min(30, lens.scan(SEEDS[1].text).length);
  let hidden = 0;
  for (let k = 0; k < n; k++) {
    await page.waitForSelector('#fl-card-popup:not([hidden])');
    const g = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      const c = document.getElementById('fl-card-popup').getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, cardTop: c.top, vh: innerHeight };
    });
    if (!(g.top >= 0 && g.bottom <= g.cardTop)) hidden++;
    if (k === 3) await page.screenshot({ path: path.join(OUT, 'a11y-phone-step.png') });
    await page.keyboard.press('ArrowRight');
  }
  assert.equal(hidden, 0, `the focused name was under the card in ${hidden} of ${n} steps`);
  // The graph: labels at least 11 px on screen.
  const sizes = await page.$$eval('#graph g.node text', (ts) => ts.map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a));
  assert.ok(sizes.length > 0 && Math.min(...sizes) >= 11, `label sizes ${Math.min(...sizes)}`);
  await page.$eval('#graph', (g) => g.scrollIntoView());
  await page.screenshot({ path: path.join(OUT, 'a11y-phone-graph.png') });
  await context.close();

  // Shapes: one per type, all different; each shape's fill and outline against the page: 3:1.
  for (const scheme of ['light', 'dark']) {
    const wide = await openPage(env, { context: { colorScheme: scheme } });
    await pasteAndScan(wide.page, SEEDS.map((s) => s.text).join('\n\n'));
    const shapes = await wide.page.$$eval('#graph g.node', (gs) => gs.map((g) => {
      const s = g.querySelector('.shape');
      const cs = getComputedStyle(s);
      const pts = (s.getAttribute('points') || '').split(' ').filter(Boolean).map((p) => p.split(',').map(Number));
      // The shape's kind: its corners and the direction of its first corner.
      const kind = `${s.tagName}:${pts.length}:${pts.length ? Math.round((Math.atan2(pts[0][1], pts[0][0]) * 180) / Math.PI) : 0}`;
      return { type: g.classList[1], kind, fill: cs.fill, stroke: cs.stroke, bg: getComputedStyle(document.querySelector('#graph').closest('.card-box')).backgroundColor };
    }));
    const byType = new Map();
    for (const s of shapes) {
      const bg = parseColor(s.bg);
      assert.ok(contrast(parseColor(s.fill), bg) >= 3, `${scheme} ${s.type}: fill ${s.fill} on ${s.bg}: ${contrast(parseColor(s.fill), bg).toFixed(2)}`);
      assert.ok(contrast(parseColor(s.stroke), bg) >= 3, `${scheme} ${s.type}: outline`);
      byType.set(s.type, s.kind);
    }
    assert.ok(byType.size >= 3, `${byType.size} types in the graph`);
    assert.equal(new Set(byType.values()).size, byType.size, `a shape per type: ${JSON.stringify([...byType])}`);
    await wide.page.$eval('#graph', (g) => g.scrollIntoView());
    await wide.page.screenshot({ path: path.join(OUT, `a11y-graph-${scheme}.png`) });
    await wide.context.close();
  }
});
