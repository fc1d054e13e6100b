// Custom dictionaries: detect their format, load them into a Lens, keep them across sessions.
//
// Why it exists: the page and the extension both let a user add their own dictionaries (JSON, TOML,
// CSV, FollowTheMoney). Both need the same format detection (the core's, lens.detectFormat), the
// same "the previous knowledge base stays in force when a file is bad" behaviour and the same
// persistence, but they store data in different places (the page in IndexedDB or localStorage, the extension in chrome.storage). So the
// logic lives here and storage is an adapter: {load(): Promise<Record[]>, save(records): Promise<void>}.
// A TOML dictionary reaches the core in the JSON form (ui/dictionary-text.js: the web build reads no TOML);
// the record keeps the file's own text and format.

import { coreDictionary } from './dictionary-text.js';
import { keyValueStore } from './idb.js';

/**
 * The largest dictionary file the page and the extension take (characters). Loading builds the
 * automaton on the spot: about 10k entities per second in WebAssembly, so a bigger file would hold the
 * page for many seconds (the core itself refuses past a million names). Larger dictionaries: split
 * them, or use the command line (`factionlens scan --dict`), which has no such limit.
 */
export const MAX_DICTIONARY_CHARS = 4 * 1024 * 1024;

/**
 * The `accept` attribute of a dictionary file picker: the extensions the core reads.
 * @param {{dictionaryExtensions(): string[]}} Lens the Lens class of the loaded core
 */
export function acceptAttribute(Lens) {
  return Lens.dictionaryExtensions().map((e) => `.${e}`).join(',');
}

/**
 * A storage adapter on window.localStorage (synchronous, ~5 MB).
 * @param {string} [key]
 */
export function localStorageAdapter(key = 'factionlens.dictionaries') {
  return {
    async load() {
      const raw = globalThis.localStorage?.getItem(key);
      if (!raw) return [];
      try { const v = JSON.parse(raw); return Array.isArray(v) ? v : []; } catch { return []; }
    },
    async save(records) {
      globalThis.localStorage.setItem(key, JSON.stringify(records));
    },
  };
}

/**
 * A storage adapter on IndexedDB (one object store, one key holding the list). Falls back to
 * localStorage when IndexedDB cannot be opened (some private modes).
 * @param {string} [dbName]
 */
export function indexedDbAdapter(dbName = 'factionlens') {
  const KEY = 'list';
  const kv = keyValueStore(dbName, 'dictionaries');
  const fallback = localStorageAdapter(`${dbName}.dictionaries`);
  // Only a database that cannot be opened at all (some private modes) sends the list to localStorage;
  // a transaction that fails (quota, disk) is an error for the caller, never a silent move to another
  // store that load() would not read.
  const db = () => kv.open().then(() => true, () => false);
  return {
    async load() {
      if (!(await db())) return fallback.load();
      const v = await kv.get(KEY);
      return Array.isArray(v) ? v : [];
    },
    async save(records) {
      if (!(await db())) return fallback.save(records);
      await kv.put(KEY, records);
    },
  };
}

/**
 * A storage adapter on chrome.storage (for the extension). `area` is chrome.storage.local by default.
 * @param {object} [area]
 * @param {string} [key]
 */
export function chromeStorageAdapter(area = globalThis.chrome?.storage?.local, key = 'dictionaries') {
  return {
    async load() {
      const v = await area.get(key);
      return Array.isArray(v?.[key]) ? v[key] : [];
    },
    async save(records) {
      await area.set({ [key]: records });
    },
  };
}

/** An in-memory adapter (tests, or when nothing persistent is available). */
export function memoryAdapter(initial = []) {
  let records = initial.slice();
  return {
    async load() { return records.slice(); },
    async save(r) { records = r.slice(); },
  };
}

/**
 * @typedef {object} DictionaryRecord
 * @property {string} id unique id of this upload
 * @property {string} name the file name
 * @property {'json'|'toml'|'csv'|'ftm'} format
 * @property {string} text the file's text
 * @property {boolean} replace true: replaces the KB in force instead of merging with it
 * @property {number} addedAt epoch ms
 * @property {number} [loaded] entities loaded
 * @property {string[]} [ids] ids loaded
 * @property {string[]} [warnings] what was loaded differently or skipped (FollowTheMoney), by line and field
 */

/**
 * Applies dictionary records in order to a lens. A record that fails is reported and skipped (the
 * lens keeps what was in force before it).
 * @param {object} lens a Lens
 * @param {DictionaryRecord[]} records
 * @returns {{id: string, name: string, ok: boolean, loaded?: number, ids?: string[], total?: number, error?: string}[]}
 */
export function applyDictionaries(lens, records) {
  return records.map((r) => {
    try {
      const core = coreDictionary(r.text, r.format, r.name);
      const rep = lens.loadDictionary(core.text, core.format, { replace: !!r.replace, name: r.name });
      return { id: r.id, name: r.name, ok: true, loaded: rep.loaded, ids: rep.ids, total: rep.total, warnings: rep.warnings || [] };
    } catch (e) {
      return { id: r.id, name: r.name, ok: false, error: errorMessage(e) };
    }
  });
}

/** The message of a thrown value (wasm-bindgen throws Error objects). */
export function errorMessage(e) {
  if (e && typeof e.message === 'string') return e.message;
  return String(e);
}

/**
 * The user's dictionaries: a list persisted through an adapter, applied to lenses.
 */
export class DictionaryStore {
  /**
   * @param {{load(): Promise<DictionaryRecord[]>, save(r: DictionaryRecord[]): Promise<void>}} adapter
   * @param {() => object} createLens makes a fresh Lens over the built-in KB (used after a removal)
   */
  constructor(adapter, createLens) {
    this.adapter = adapter;
    this.createLens = createLens;
    /** @type {DictionaryRecord[]} */
    this.records = [];
  }

  /** Loads the saved list. */
  async init() {
    // A record whose format the core does not know fails to load and is listed with the core's error.
    this.records = (await this.adapter.load()).filter((r) => r && typeof r.text === 'string' && typeof r.format === 'string');
    return this.records;
  }

  /** The saved dictionaries (without their text). */
  list() {
    return this.records.map(({ text, ...rest }) => ({ ...rest, bytes: text.length }));
  }

  /**
   * A fresh lens with every saved dictionary applied, and the per-dictionary results.
   * @returns {{lens: object, results: ReturnType<typeof applyDictionaries>}}
   */
  buildLens() {
    const lens = this.createLens();
    const results = applyDictionaries(lens, this.records);
    this.noteResults(results);
    return { lens, results };
  }

  /**
   * Records what applying the dictionaries gave (entities loaded, or the error) on their records: for
   * a lens built elsewhere (the page builds its lens in a worker).
   * @param {ReturnType<typeof applyDictionaries>} results
   */
  noteResults(results) {
    for (const r of results) {
      const rec = this.records.find((x) => x.id === r.id);
      if (rec && r.ok) { rec.loaded = r.loaded; rec.ids = r.ids; rec.error = undefined; }
      if (rec && !r.ok) rec.error = r.error;
    }
  }

  /**
   * Saves a dictionary, then loads it into `lens`. When storage refuses the new list, or the file is
   * bad, the lens, the list in memory and the list stored end as they were, and the Error (with the
   * storage's reason, or the file, line and field, in its message) is thrown.
   * @param {object} lens the Lens in force, or an object whose detectFormat and loadDictionary answer
   *   with promises (the page's lens in its worker)
   * @param {{name: string, text: string, format?: string, replace?: boolean}} input
   * @returns {Promise<DictionaryRecord>}
   */
  async add(lens, input) {
    if (input.text.length > MAX_DICTIONARY_CHARS) {
      const mb = (n) => (n / (1024 * 1024)).toFixed(1);
      throw new Error(`${input.name}: too large: ${mb(input.text.length)} MB, and a dictionary may have at most ` +
        `${mb(MAX_DICTIONARY_CHARS)} MB here; split it into smaller files (or use the command line). Nothing was loaded.`);
    }
    // The core detects the format (by extension, then content) and refuses one it cannot read.
    const format = input.format || await lens.detectFormat(input.name, input.text);
    // A TOML syntax error is thrown here, with the file, line and column, before anything is saved.
    const core = coreDictionary(input.text, format, input.name);
    const options = { replace: !!input.replace, name: input.name };
    const rec = {
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      name: input.name,
      format,
      text: input.text,
      replace: !!input.replace,
      addedAt: Date.now(),
    };
    // 1. The new list is saved: when storage refuses it (quota, disk), the list in memory, the list
    //    stored and the lens in force are all still the old ones. A "replace" dictionary makes every
    //    earlier one irrelevant.
    const next = rec.replace ? [rec] : [...this.records, rec];
    const before = this.records;
    try {
      await this.adapter.save(next);
    } catch (e) {
      throw new Error(`${input.name}: could not be saved (${errorMessage(e)}); the dictionaries in force are unchanged. Nothing was loaded.`);
    }
    this.records = next;
    // 2. Only then does the lens in force take it (one load: a big dictionary takes seconds). A bad
    //    file leaves the lens unchanged (the core guarantees it), and the stored list is put back.
    try {
      const rep = await lens.loadDictionary(core.text, core.format, options);
      rec.loaded = rep.loaded;
      rec.ids = rep.ids;
      rec.warnings = rep.warnings || [];
    } catch (e) {
      this.records = before;
      try {
        await this.adapter.save(before);
      } catch (restore) {
        // Storage kept the new list: the bad record is skipped, with its error, at the next start.
        throw new Error(`${errorMessage(e)} (and storage could not drop ${input.name} again: ${errorMessage(restore)})`);
      }
      throw e;
    }
    return rec;
  }

  /**
   * Removes a dictionary and returns a fresh lens with the remaining ones applied.
   * @param {string} id
   */
  async remove(id) {
    await this.drop(id);
    return this.buildLens();
  }

  /**
   * Removes a dictionary from the list and from storage (the caller rebuilds its lens).
   * @param {string} id
   */
  async drop(id) {
    this.records = this.records.filter((r) => r.id !== id);
    await this.adapter.save(this.records);
  }
}
