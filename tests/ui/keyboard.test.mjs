// ui/keyboard.js in Node: where a move key leads among the names, and which focused elements keep
// their keys (text entry). The model in real browsers: tests/e2e/www/a11y.test.mjs and
// tests/e2e/extension/a11y.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MOVE_KEYS, moveIndex, isTextEntry, RovingStop } from '../../ui/keyboard.js';

test('moveIndex: steps wrap around, Home/End go to the ends, no name gives -1', () => {
  assert.equal(moveIndex(MOVE_KEYS.ArrowRight, 0, 5), 1);
  assert.equal(moveIndex(MOVE_KEYS.ArrowDown, 4, 5), 0);
  assert.equal(moveIndex(MOVE_KEYS.ArrowLeft, 0, 5), 4);
  assert.equal(moveIndex(MOVE_KEYS.ArrowUp, 3, 5), 2);
  assert.equal(moveIndex(MOVE_KEYS.Home, 3, 5), 0);
  assert.equal(moveIndex(MOVE_KEYS.End, 0, 5), 4);
  assert.equal(moveIndex(MOVE_KEYS.ArrowRight, -1, 5), 0, 'from outside the list: the first');
  assert.equal(moveIndex(MOVE_KEYS.ArrowLeft, -1, 5), 4, 'from outside the list backwards: the last');
  assert.equal(moveIndex(MOVE_KEYS.ArrowRight, 0, 0), -1);
  assert.equal(MOVE_KEYS.Tab, undefined, 'Tab is not a move: it leaves the article');
});

test('isTextEntry: text fields keep n, p and the arrows; checkboxes and buttons do not', () => {
  assert.equal(isTextEntry({ tagName: 'TEXTAREA' }), true);
  assert.equal(isTextEntry({ tagName: 'INPUT', type: 'text' }), true);
  assert.equal(isTextEntry({ tagName: 'INPUT', type: 'search' }), true);
  assert.equal(isTextEntry({ tagName: 'SELECT' }), true);
  assert.equal(isTextEntry({ tagName: 'DIV', isContentEditable: true }), true);
  assert.equal(isTextEntry({ tagName: 'INPUT', type: 'checkbox' }), false);
  assert.equal(isTextEntry({ tagName: 'BUTTON' }), false);
  assert.equal(isTextEntry({ tagName: 'MARK' }), false);
  assert.equal(isTextEntry(null), false);
});

test('RovingStop: one element at a time holds tabIndex 0', () => {
  const a = { tabIndex: -1, isConnected: true };
  const b = { tabIndex: -1, isConnected: true };
  const stop = new RovingStop();
  stop.set(a);
  assert.deepEqual([a.tabIndex, b.tabIndex], [0, -1]);
  stop.set(b);
  assert.deepEqual([a.tabIndex, b.tabIndex], [-1, 0]);
  assert.equal(stop.live(), b);
  b.isConnected = false;
  assert.equal(stop.live(), null, 'an element gone from the page holds no stop');
});
