// axe-core (npm `axe-core`) in a real page, for the page's and the extension's browser tests, with
// any driver whose page has `evaluate` (playwright-core, puppeteer-core over WebDriver BiDi).
//
// Why it exists: one home for how axe is injected (as a script evaluated by the driver, which the
// page's Content-Security-Policy does not apply to: both the page and the extension pages forbid
// inline scripts) and for what counts as a failure: any violation, of any impact, of axe's default
// rules (WCAG 2.0/2.1/2.2 A and AA and axe's best practices).

import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe in `page` over `context` (axe's context: a selector, or {include, exclude}; shadow DOM
 * selectors as arrays) and returns the violations, each as a short readable record.
 * @returns {Promise<{id: string, impact: string, help: string, nodes: {target: string, summary: string}[]}[]>}
 */
export async function axeViolations(page, context = null) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(`${AXE_SOURCE};0`);
  return page.evaluate(async (ctx) => {
    const res = await window.axe.run(ctx || document, { resultTypes: ['violations'] });
    return res.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), summary: n.failureSummary })),
    }));
  }, context);
}

/** Fails (with every violation written out) unless axe finds none; returns how many rules passed. */
export async function assertAxeClean(assert, page, label, context = null) {
  const violations = await axeViolations(page, context);
  const text = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target}: ${n.summary}`).join('\n')}`).join('\n');
  assert.equal(violations.length, 0, `axe, ${label}:\n${text}`);
}
