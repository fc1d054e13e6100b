// P5, the extension: time to first highlight on the 2 MB fixture page, in real Chromium and real
// Firefox with the built extension installed (the e2e harness: tests/e2e/extension/helpers.mjs builds
// the fixture site and launches each browser with the extension allowed on it).
//
// Why it exists: the extension is where most readers meet the product, and issue 15's target for it
// (< 150 ms after `load`, and after the background was stopped as the browser stops an idle one)
// must be read off the same full run as the other targets, not off a test's log.
//
// Method, per browser: one page load first (the background starts and the lens is made), then rounds
// of two loads each, the order flipping every round: a load with the background running, and a load
// right after the background was stopped (the page's navigation wakes it). The time is from
// `page.goto` resolving (the `load` event) to the first poll (every 5 ms) that sees a highlight
// registered, an upper bound by the poll's interval and round trip. Each load then waits for every
// mention the core in Node finds in the page's paragraphs, so a load that painted only part, or
// nothing, fails the run instead of counting.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './data.mjs';
import { stats } from './lib.mjs';
import { cell, fmtMs, fmtRange, fmtRatio } from './format.mjs';

const POLL_MS = 5;

/** Waits until `fn()` is truthy (polling every `interval` ms), or throws naming `what`. */
async function until(fn, what, timeout = 30000, interval = POLL_MS) {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > timeout) throw new Error(`P5: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Runs P5 in each browser.
 * @param {{rounds: number, browsers?: string[], log?: (...m: unknown[]) => void}} options
 * @returns {Promise<object>} per browser: {afterLoad, afterStop} (stats of ms) and `ranges`
 */
export async function runP5({ rounds, browsers = ['chromium', 'firefox'], log = () => {} }) {
  // The extension as the tree builds it now (its dist could be older than its sources).
  execFileSync(process.execPath, [path.join(ROOT, 'extension', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const { setup, core, DEFAULT_TYPES } = await import('../tests/e2e/extension/helpers.mjs');
  const lens = new core.Lens();
  const out = {};
  for (const name of browsers) {
    const env = await setup(name);
    try {
      const url = new URL('big.html', env.url).href;
      const count = (p) => p.evaluate(() => [...CSS.highlights.values()].reduce((a, h) => a + h.size, 0));
      let ranges = null;
      const load = async (what) => {
        const page = await env.newPage();
        try {
          await page.goto(url);
          const t = Date.now();
          await until(async () => (await count(page)) > 0, `the first highlight (${name}, ${what})`);
          const ms = Date.now() - t;
          if (ranges === null) {
            const paras = await page.evaluate(() => [...document.querySelectorAll('p')].map((p) => p.textContent));
            ranges = lens.scan(paras.join('\n\n'), { types: DEFAULT_TYPES }).length;
          }
          await until(async () => (await count(page)) === ranges, `all ${ranges} highlights (${name}, ${what})`, 60000, 50);
          return ms;
        } finally {
          await page.close();
        }
      };
      await load('first load');
      const runs = { afterLoad: [], afterStop: [] };
      for (let i = 0; i < rounds; i++) {
        for (const kind of i % 2 ? ['afterStop', 'afterLoad'] : ['afterLoad', 'afterStop']) {
          if (kind === 'afterStop') await env.stopBackground();
          runs[kind].push(await load(kind));
        }
      }
      out[name] = { afterLoad: stats(runs.afterLoad), afterStop: stats(runs.afterStop), ranges };
      log(`  ${name}: first highlight ${fmtMs(out[name].afterLoad.median)} after load, ${fmtMs(out[name].afterStop.median)} after a stop (${ranges} ranges)`);
    } finally {
      await env.close();
    }
  }
  return out;
}

/** The P5 table of the report. */
export function p5Table(r) {
  const headers = ['', 'median', 'min–max', 'runs'];
  const rows = [];
  for (const [name, b] of Object.entries(r.p5)) {
    for (const [k, label] of [['afterLoad', 'after `load`, background running'], ['afterStop', 'after `load`, background stopped before the load']]) {
      const s = b[k];
      rows.push([cell(`${name}: ${label}`), cell(fmtMs(s.median)), cell(fmtRange(s.min, s.max)), cell(String(s.runs))]);
    }
  }
  return { title: 'P5 extension: time to first highlight, 2 MB page', headers, rows };
}

/** The P5 target rows (the shape of tables.mjs `targets`). */
export function p5Targets(r) {
  const out = [];
  for (const [name, b] of Object.entries(r.p5 ?? {})) {
    for (const [k, label] of [['afterLoad', 'after `load`'], ['afterStop', 'after a background stop']]) {
      const t = b[k].median;
      out.push({ bench: 'P5', target: `extension: first highlight < 150 ms, 2 MB page, ${label} (${name})`, measured: fmtMs(t), ratio: t / 150, met: t < 150, gap: t < 150 ? '' : `${fmtRatio(t / 150)} too slow` });
    }
  }
  return out;
}
