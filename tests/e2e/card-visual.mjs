// Is an open entity card readable? Shared by the page's and the extension's browser tests, for any
// browser driver whose page has `evaluate(fn, arg)` and `screenshot({path})` (playwright-core and
// puppeteer-core both do).
//
// Why it exists: a card once rendered transparent (its colour variables were declared on `:root`,
// which matches nothing inside the extension's shadow tree), with the article's text showing through,
// and every test still passed. These checks fail on that class of bug, each computed here from what
// the browser reports, never from the stylesheet:
//   1. the card's computed background is opaque;
//   2. every text run in the card has WCAG contrast ≥ 4.5:1 against the background behind it;
//   3. the card lies inside the viewport;
//   4. a screenshot agrees: decoded here (pngjs), the pixels of the card's padding band are the card's
//      background colour, and in its text area most pixels are that colour and none is the colour of
//      the page behind the card.

import fs from 'node:fs';
import { PNG } from 'pngjs';

/** `rgb(...)`/`rgba(...)` (as getComputedStyle returns it) → [r, g, b, a] with a in 0..1. */
export function parseColor(css) {
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(css.trim());
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  let a = m[4] === undefined ? 1 : parseFloat(m[4]);
  if (m[4] && m[4].endsWith('%')) a /= 100;
  return [Number(m[1]), Number(m[2]), Number(m[3]), a];
}

/** WCAG 2 relative luminance of an sRGB colour. */
export function luminance([r, g, b]) {
  const ch = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
}

/** WCAG 2 contrast ratio of two opaque colours. */
export function contrast(a, b) {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

/** `top` composited over the opaque `bottom`. */
function over(top, bottom) {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
}

/**
 * What the browser computed for the card: its box, its background, the page colour behind it, and
 * every text run with its colour and the backgrounds between it and the card. Runs in the page.
 * `selector` may go through one shadow root: 'host-tag >>> .inner'.
 */
function measure(selector) {
  const [outer, inner] = selector.split(' >>> ');
  let box = document.querySelector(outer);
  if (inner) box = box?.shadowRoot?.querySelector(inner);
  if (!box) return null;
  const cs = getComputedStyle(box);
  const r = box.getBoundingClientRect();
  // The page colour behind the card: the first non-transparent background from <body> up.
  let pageBg = 'rgba(0, 0, 0, 0)';
  for (const el of [document.body, document.documentElement]) {
    const c = getComputedStyle(el).backgroundColor;
    if (!/rgba\(.*,\s*0\)$/.test(c) && c !== 'transparent') { pageBg = c; break; }
  }
  const runs = [];
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.data.trim()) continue;
    const el = t.parentElement;
    const layers = [];
    for (let e = el; e && e !== box; e = e.parentElement) layers.push(getComputedStyle(e).backgroundColor);
    runs.push({ text: t.data.trim().slice(0, 40), color: getComputedStyle(el).color, opacity: getComputedStyle(el).opacity, layers });
  }
  return {
    background: cs.backgroundColor,
    opacity: cs.opacity,
    border: [parseFloat(cs.borderTopWidth), parseFloat(cs.borderLeftWidth)],
    padding: [parseFloat(cs.paddingTop), parseFloat(cs.paddingRight), parseFloat(cs.paddingBottom), parseFloat(cs.paddingLeft)],
    radius: parseFloat(cs.borderTopLeftRadius) || 0,
    // A scroll bar takes the inner edge; a scrolled card has text in its bottom padding.
    scrollbar: box.offsetWidth - box.clientWidth - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth),
    overflows: box.scrollHeight > box.clientHeight + 1,
    rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
    viewport: { width: window.innerWidth, height: window.innerHeight },
    pageBg,
    runs,
  };
}

/**
 * The most common colour of a screenshot (a page's background, as drawn), [r, g, b].
 * @param {string} shot path of a PNG
 */
export function dominantColor(shot) {
  const png = PNG.sync.read(fs.readFileSync(shot));
  const counts = new Map();
  for (let i = 0; i < png.data.length; i += 4) {
    const key = (png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  let best = 0;
  let most = -1;
  for (const [key, n] of counts) if (n > most) [best, most] = [key, n];
  return [(best >> 16) & 255, (best >> 8) & 255, best & 255];
}

const close = (p, c, tol) => Math.abs(p[0] - c[0]) <= tol && Math.abs(p[1] - c[1]) <= tol && Math.abs(p[2] - c[2]) <= tol;

/**
 * Checks that the card matched by `selector` is readable, and saves a screenshot to `shot`.
 * Throws an Error naming the failed check; returns the measurements for further assertions.
 * @param {object} page playwright or puppeteer page
 * @param {string} selector CSS selector of the card box ('host >>> .fl-card' for a shadow tree)
 * @param {string} shot path of the PNG to write
 * @returns {Promise<{background: number[], pageBg: number[], minContrast: number, textPixels: number, samples: number}>}
 */
export async function checkCardReadable(page, selector, shot) {
  const m = await page.evaluate(measure, selector);
  if (!m) throw new Error(`no card at ${selector}`);
  const where = `${selector} (${shot})`;
  // 1. Opaque.
  const bg = parseColor(m.background);
  if (bg[3] !== 1 || Number(m.opacity) !== 1) throw new Error(`${where}: the card's background is not opaque: ${m.background}, opacity ${m.opacity}`);
  // 2. Contrast of every text run against what lies behind it.
  let minContrast = Infinity;
  for (const run of m.runs) {
    let behind = bg;
    for (const layer of [...run.layers].reverse()) behind = over(parseColor(layer), behind);
    const fg = over(parseColor(run.color), behind);
    const c = contrast(fg, behind);
    minContrast = Math.min(minContrast, c);
    if (c < 4.5) throw new Error(`${where}: "${run.text}" has contrast ${c.toFixed(2)}:1 (${run.color} on ${behind.map(Math.round)})`);
  }
  if (!m.runs.length) throw new Error(`${where}: the card has no text`);
  // 3. Inside the viewport.
  const { rect, viewport } = m;
  if (rect.left < 0 || rect.top < 0 || rect.right > viewport.width + 0.5 || rect.bottom > viewport.height + 0.5) {
    throw new Error(`${where}: the card leaves the viewport: ${JSON.stringify(rect)} in ${viewport.width}×${viewport.height}`);
  }
  // 4. The screenshot agrees.
  await page.screenshot({ path: shot });
  const png = PNG.sync.read(fs.readFileSync(shot));
  const scale = png.width / viewport.width;
  const px = (x, y) => {
    const i = (Math.round(y * scale) * png.width + Math.round(x * scale)) * 4;
    return [png.data[i], png.data[i + 1], png.data[i + 2]];
  };
  const pageBg = parseColor(m.pageBg);
  const [bt, bl] = m.border;
  const [pt, pr, pb, pl] = m.padding;
  const inner = { left: rect.left + bl, top: rect.top + bt, right: rect.right - bl - Math.max(0, m.scrollbar), bottom: rect.bottom - bt };
  const padBottom = m.overflows ? 0 : pb;
  // The padding band (no text is drawn there), away from the rounded corners: the card's colour only.
  const band = [];
  const r0 = Math.max(m.radius, 2);
  for (let x = inner.left + r0; x < inner.right - r0; x += 3) {
    band.push([x, inner.top + Math.min(pt, 8) / 2]);
    if (!m.overflows) band.push([x, inner.bottom - Math.min(pb, 8) / 2]);
  }
  for (let y = inner.top + r0; y < inner.bottom - r0; y += 3) {
    band.push([inner.left + Math.min(pl, 8) / 2, y], [inner.right - Math.min(pr, 8) / 2, y]);
  }
  const off = band.filter(([x, y]) => !close(px(x, y), bg, 6));
  if (off.length > band.length * 0.02) {
    const [x, y] = off[0];
    throw new Error(`${where}: ${off.length} of ${band.length} pixels of the card's padding are not its background ${bg.slice(0, 3)} (at ${x.toFixed(0)},${y.toFixed(0)}: ${px(x, y)})`);
  }
  // The text area: mostly the card's colour; none the page's (when the page's colour differs).
  let same = 0;
  let pageColoured = 0;
  let samples = 0;
  for (let y = inner.top + pt; y < inner.bottom - padBottom; y += 2) {
    for (let x = inner.left + pl; x < inner.right - pr; x += 2) {
      const p = px(x, y);
      samples++;
      if (close(p, bg, 6)) same++;
      else if (!close(pageBg, bg, 12) && close(p, pageBg, 3)) pageColoured++;
    }
  }
  if (same < samples * 0.6) throw new Error(`${where}: only ${same} of ${samples} pixels of the text area are the card's background ${bg.slice(0, 3)}`);
  if (pageColoured > 0) throw new Error(`${where}: ${pageColoured} pixels of the text area show the page's colour ${pageBg.slice(0, 3)} through the card`);
  return { background: bg, pageBg, minContrast, textPixels: samples - same, samples };
}
