// ui/placement.js: where a card goes beside its mention. The invariant checked over a grid of
// anchors, card heights and viewports: the card (capped at maxHeight) lies inside the viewport's
// margins, and does not cover its mention.

import test from 'node:test';
import assert from 'node:assert/strict';
import { placeCard } from '../../ui/placement.js';

test('below when it fits, above when only that fits', () => {
  const viewport = { width: 1000, height: 800 };
  const below = placeCard({ left: 100, top: 100, bottom: 120 }, { width: 300, height: 200 }, viewport);
  assert.deepEqual(below, { left: 100, top: 128, above: false, maxHeight: 800 - 8 - 128 });
  const above = placeCard({ left: 100, top: 600, bottom: 620 }, { width: 300, height: 400 }, viewport);
  assert.equal(above.above, true);
  assert.equal(above.top, 600 - 8 - 400);
});

test('fitting neither side: the side with more room, capped to it (a 504 px card under a mention at 360 of 720)', () => {
  const p = placeCard({ left: 421, top: 358, bottom: 378 }, { width: 420, height: 504 }, { width: 1280, height: 720 }, { margin: 12 });
  // 720 - 12 - (378 + 8) = 322 px below, 358 - 8 - 12 = 338 above: above, capped at 338.
  assert.deepEqual(p, { left: 421, top: 12, above: true, maxHeight: 338 });
});

test('for every anchor, size and viewport the card stays inside and off its mention', () => {
  for (const vh of [300, 720, 1000]) {
    for (let top = -30; top < vh + 10; top += 17) {
      for (const h of [50, 200, 504, 900]) {
        const anchor = { left: 40, top, bottom: top + 20 };
        const p = placeCard(anchor, { width: 300, height: h }, { width: 800, height: vh }, { gap: 6, margin: 4 });
        const height = Math.min(h, p.maxHeight);
        const what = JSON.stringify({ vh, top, h, p });
        assert.ok(p.top >= 4 && p.top + height <= vh - 4 + 1e-9, `inside: ${what}`);
        if (top >= 4 && top + 20 <= vh - 4) {
          assert.ok(p.above ? p.top + height <= top : p.top >= top + 20, `off the mention: ${what}`);
        }
      }
    }
  }
});
