// Extension settings: one object in chrome.storage.local, read by every part of the extension.
//
// Why it exists: the popup, the options page, the background and the content scripts must agree on
// what is on (globally, per site), which types are painted, how (Custom Highlight ranges or <mark>s)
// and in which colours; a single schema with defaults keeps an old or hand-edited value from
// breaking any of them.

import { TYPES } from '../../ui/palette.js';

export const DEFAULT_TYPES = Object.freeze(['armed_group', 'umbrella', 'state_security', 'political']);

export const DEFAULTS = Object.freeze({
  /** Master switch. */
  enabled: true,
  /** Per-site overrides: hostname → false (off) or true (on). */
  sites: {},
  /** Types painted by default. */
  types: DEFAULT_TYPES,
  /** `highlight` (CSS Custom Highlight API, no DOM change) or `marks` (<mark> elements, for screen readers). */
  mode: 'highlight',
  /** `okabe-ito` (colours and underlines) or `underline` (underlines only, no background). */
  palette: 'okabe-ito',
  /** Leave <code> and <pre> alone. */
  skipCode: true,
});

/**
 * The `palette` setting's values, each with the core's `paletteCss` options it stands for:
 * extension/build.mjs writes each one's highlight styles at build time (the background inserts them
 * without loading the whole API).
 */
export const PALETTES = Object.freeze({
  'okabe-ito': Object.freeze({ underlineOnly: false }),
  underline: Object.freeze({ underlineOnly: true }),
});

const KEY = 'settings';

/** Fills in defaults and drops unknown values. */
export function normalize(raw) {
  const s = { ...DEFAULTS, ...(raw && typeof raw === 'object' ? raw : {}) };
  s.enabled = s.enabled !== false;
  s.sites = s.sites && typeof s.sites === 'object' ? { ...s.sites } : {};
  s.types = Array.isArray(s.types) ? s.types.filter((t) => TYPES.includes(t)) : [...DEFAULT_TYPES];
  s.mode = s.mode === 'marks' ? 'marks' : 'highlight';
  s.palette = typeof s.palette === 'string' && Object.hasOwn(PALETTES, s.palette) ? s.palette : DEFAULTS.palette;
  s.skipCode = s.skipCode !== false;
  return s;
}

/** Whether FactionLens paints pages of `host`. */
export function enabledFor(settings, host) {
  if (!settings.enabled) return false;
  return settings.sites[host] !== false;
}

/** Reads the settings. */
export async function loadSettings(storage = chrome.storage.local) {
  const got = await storage.get(KEY);
  return normalize(got[KEY]);
}

/** Merges `patch` into the stored settings and returns the result. */
export async function saveSettings(patch, storage = chrome.storage.local) {
  const next = normalize({ ...(await loadSettings(storage)), ...patch });
  await storage.set({ [KEY]: next });
  return next;
}
