// The page's state and the status lines every part of the page writes to.
//
// Why it exists: the page's modules (analysis, entity panel, navigation, card, dictionaries, exports)
// share one document, one scan and one lens (in the lens worker); this module is where that state
// lives, so each of them reads and writes the same object instead of passing it around.

/** The element with id `id`. */
export const $ = (id) => document.getElementById(id);

/** What the page holds: the lens in force, the document, its scan and what the reader selected. */
export const state = {
  /** Whether the lens worker is ready (its lens: the built-in KB plus the user's dictionaries). */
  ready: false,
  /** The number of entities of the lens in force. */
  size: 0,
  /** The user's dictionaries (ui/dictionaries.js DictionaryStore). */
  store: null,
  /** The document shown: its name and length (its text is in the lens worker), or null. */
  doc: null,
  /** Its scan: `[start, end, entityIndex, ruleCode]*` and the entity index they refer to. */
  quads: new Uint32Array(0),
  index: { ids: [], types: [], names: [] },
  /** Per-entity statistics of the scan (www/src/render.js entityStats). */
  stats: new Map(),
  /** Entity types the reader filtered out. */
  hidden: new Set(),
  /** The entity whose mentions n/p step through, and the index of the current one. */
  selected: null,
  cursor: -1,
  /** The scan under way: {cancelled}. */
  job: null,
  /** Rule names by rule code (Lens.rules()). */
  rules: [],
};

/** Shows (or with '' hides) the error line under the input. */
export function showInputError(msg) {
  $('input-error').textContent = msg;
  $('input-error').hidden = !msg;
}

/** Shows the progress line; `value` in [0, 1], or null for an indeterminate bar. */
export function setProgress(text, value = null) {
  $('progress').hidden = false;
  $('progress-text').textContent = text;
  const bar = $('progress-bar');
  if (value === null) bar.removeAttribute('value'); else bar.value = value;
}

/** Hides the progress line. */
export function hideProgress() {
  $('progress').hidden = true;
}

/** A count with its thousands grouped ("10,000,067"; the page is in English). Not toLocaleString:
 * its first call loads the locale data, ~25 ms of one task. */
export function groupDigits(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
