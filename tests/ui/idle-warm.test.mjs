// ui/idle-warm.js with the real core in Node: the automaton is built only once the owner stayed idle
// after a scan (never inside or right after a scan that another follows), once per lens, and the scans
// after the build find the same mentions. Time is Node's mocked timers: no test here waits on the clock.

import test, { mock } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { idleWarmer } from '../../ui/idle-warm.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { Lens } = createRequire(import.meta.url)(path.join(ROOT, 'pkg', 'dist', 'node', 'factionlens.js'));
const TEXT = 'Kataib Hezbollah and Asaib Ahl al-Haq met the Popular Mobilization Forces in Baghdad.';

/** A real lens whose warm() calls are counted. */
function counted() {
  const lens = new Lens();
  let calls = 0;
  const warm = lens.warm.bind(lens);
  lens.warm = () => { calls++; return warm(); };
  return { lens, calls: () => calls };
}

test('warms after the quiet time following the last scan, once per lens, with the same mentions after', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const w = idleWarmer(300);
    const { lens, calls } = counted();
    const before = Array.from(lens.scanCompact(TEXT));
    assert.ok(before.length >= 12, 'the text has mentions');
    w.afterScan(lens);
    mock.timers.tick(299);
    assert.equal(calls(), 0, 'not before the quiet time');
    w.afterScan(lens); // another scan: the quiet time starts again
    mock.timers.tick(299);
    assert.equal(calls(), 0, 'a scan inside the quiet time postpones the build');
    mock.timers.tick(1);
    assert.equal(calls(), 1);
    assert.deepEqual(Array.from(lens.scanCompact(TEXT)), before);
    w.afterScan(lens);
    mock.timers.tick(10000);
    assert.equal(calls(), 1, 'a lens is warmed once');
    const other = counted();
    w.afterScan(other.lens);
    w.cancel();
    mock.timers.tick(10000);
    assert.equal(other.calls(), 0, 'cancel() drops the pending build');
  } finally {
    mock.timers.reset();
  }
});

test('a lens freed before its quiet time ends is not warmed and nothing throws', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const w = idleWarmer(300);
    const lens = new Lens();
    lens.scanCompact(TEXT);
    w.afterScan(lens);
    lens.free();
    assert.doesNotThrow(() => mock.timers.tick(300));
  } finally {
    mock.timers.reset();
  }
});
