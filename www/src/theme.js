// The light/dark switch of the page.
//
// Why it exists: the reader's choice overrides the system's (theme-init.js applies the stored choice
// before the first paint); this module keeps the button's pressed state in step with it (its label does not change).

import { $ } from './store.js';

function effectiveTheme() {
  const t = document.documentElement.getAttribute('data-theme');
  if (t) return t;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function syncThemeButton() {
  const dark = effectiveTheme() === 'dark';
  // A toggle: its label stays "Dark mode", its pressed state (and the check mark) says whether it is on.
  $('theme-toggle').setAttribute('aria-pressed', String(dark));
}

/** Wires the theme button. */
export function initTheme() {
  $('theme-toggle').addEventListener('click', () => {
    const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.setAttribute('data-theme', next);
    try { localStorage.setItem('factionlens.theme', next); } catch { /* not persisted */ }
    syncThemeButton();
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener?.('change', syncThemeButton);
  syncThemeButton();
}
