// extension/src/senders.js: which sender may send which message, judged from the sender fields the
// browser fills in (Chromium's and Firefox's shapes).

import test from 'node:test';
import assert from 'node:assert/strict';
import { senderKind, refusal } from '../../extension/src/senders.js';

const chromeSelf = { id: 'abcdefghijklmnop', base: 'chrome-extension://abcdefghijklmnop/' };
const firefoxSelf = { id: 'factionlens@factionlens.org', base: 'moz-extension://6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab/' };

test('extension pages, in a tab or not, in both browsers', () => {
  assert.equal(senderKind({ id: chromeSelf.id, url: 'chrome-extension://abcdefghijklmnop/popup.html', origin: 'chrome-extension://abcdefghijklmnop' }, chromeSelf), 'extension-page');
  assert.equal(senderKind({ id: chromeSelf.id, url: 'chrome-extension://abcdefghijklmnop/popup.html?tab=3', tab: { id: 4 }, frameId: 0 }, chromeSelf), 'extension-page');
  assert.equal(senderKind({ id: firefoxSelf.id, url: `${firefoxSelf.base}options.html`, origin: firefoxSelf.base.slice(0, -1), tab: { id: 2 }, frameId: 0 }, firefoxSelf), 'extension-page');
});

test('content scripts: a page URL, a tab and a frame', () => {
  assert.equal(senderKind({ id: chromeSelf.id, url: 'https://news.example/a', origin: 'https://news.example', tab: { id: 7 }, frameId: 3 }, chromeSelf), 'content-script');
  // No tab or frame: not a content script (and not an extension page either).
  assert.equal(senderKind({ id: chromeSelf.id, url: 'https://news.example/a' }, chromeSelf), null);
});

test('anything else is refused', () => {
  assert.equal(senderKind({ id: 'other', url: 'chrome-extension://other/x.html' }, chromeSelf), null);
  // A page that looks like the extension's URL only in its path or query.
  assert.equal(senderKind({ id: chromeSelf.id, url: 'https://evil.example/chrome-extension://abcdefghijklmnop/', origin: 'https://evil.example', tab: { id: 1 }, frameId: 0 }, chromeSelf), 'content-script');
  assert.equal(senderKind({ id: chromeSelf.id, url: 'chrome-extension://abcdefghijklmnop/popup.html', origin: 'https://evil.example' }, chromeSelf), null);
  assert.equal(senderKind(undefined, chromeSelf), null);
});

test('what each kind may send', () => {
  const page = { id: chromeSelf.id, url: 'chrome-extension://abcdefghijklmnop/popup.html' };
  const content = { id: chromeSelf.id, url: 'https://news.example/', tab: { id: 7 }, frameId: 0 };
  for (const t of ['inject', 'tab-entities']) {
    assert.equal(refusal(t, page, chromeSelf), null);
    assert.match(refusal(t, content, chromeSelf), new RegExp(`refused: \`${t}\` is not accepted from a content script`));
  }
  for (const t of ['counts', 'css']) {
    assert.equal(refusal(t, content, chromeSelf), null);
    assert.match(refusal(t, page, chromeSelf), /not accepted from an extension page/);
  }
  for (const t of ['scan', 'card', 'ping']) {
    assert.equal(refusal(t, page, chromeSelf), null);
    assert.equal(refusal(t, content, chromeSelf), null);
  }
  assert.match(refusal('scan', { id: 'x' }, chromeSelf), /unknown sender/);
});
