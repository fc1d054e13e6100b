// The compiled lens, kept in IndexedDB: a restart reads it back instead of building the lens again.
//
// Why it exists: building a lens folds and expands every name of the built-in knowledge base and of
// the user's dictionaries, then builds the automaton; reading the compiled form back (the core's
// `lens.toCompiled()` / `Lens.fromCompiled(bytes)`) skips the folding and expanding. The extension's
// background (an MV3 service worker that the browser stops when idle) and the page's lens worker both
// make a lens from "the built-in KB + the user's dictionaries" at every start, so both keep the
// compiled bytes here, keyed by what they were compiled from.
//
// What invalidates an entry: its key is a SHA-256 of the package version and the dictionaries as
// stored (every field that reaches the lens: id, name, format, text, replace), so any change of
// dictionaries or of the package version misses. A different build of the same version is refused by
// the core itself (the bytes carry the build's stamp), and so are damaged bytes (they carry a checksum
// of every byte). Such an entry, a truncated or damaged one, or one that cannot be read is replaced by
// the lens built again, never an error to the user. One entry per use (the extension's lens in force;
// the page's built-in lens and its lens with dictionaries): an old one is overwritten, nothing piles up.

import { keyValueStore } from './idb.js';

/** The IndexedDB database of the compiled lens; its object store holds one entry per use. */
export const LENS_CACHE_DB = 'factionlens-lens-cache';
const STORE = 'compiled';

/** @typedef {'compiled' | 'built'} LensSource how the lens in force was made */

/**
 * The cache key of a lens made from the built-in knowledge base of `version` plus `records`.
 * @param {string} version the package version (the core's `version()`)
 * @param {{id?: string, name?: string, format?: string, text?: string, replace?: boolean}[]} records
 * @returns {Promise<string>} hex SHA-256
 */
export function lensCacheKey(version, records) {
  const form = JSON.stringify([version, records.map((r) => [r.id, r.name, r.format, r.text, !!r.replace])]);
  return sha256(new TextEncoder().encode(form));
}

/** Hex SHA-256 of `bytes`. */
async function sha256(bytes) {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * @typedef {object} CacheEntry
 * @property {string} key what the lens was compiled from (lensCacheKey)
 * @property {Uint8Array} bytes the compiled lens
 * @property {unknown} [results] what building it reported (the per-dictionary results), given back
 *   with the lens read from the cache
 */

/**
 * The compiled-lens cache on IndexedDB: one entry under `entry` (the extension's background keeps its
 * lens under 'lens'; the page keeps the built-in lens and the one with its dictionaries apart).
 * @param {string} [entry]
 * @param {string} [dbName]
 */
export function lensCache(entry = 'lens', dbName = LENS_CACHE_DB) {
  const kv = keyValueStore(dbName, STORE);
  return {
    /** @returns {Promise<CacheEntry | undefined>} */
    read: () => kv.get(entry),
    /** @param {CacheEntry} value */
    write: (value) => kv.put(entry, value),
    drop: () => kv.delete(entry),
  };
}

/**
 * The lens for `records`: read back from the cache when its entry was compiled from the same
 * dictionaries and version, else built by `build()` and its compiled bytes stored (with what
 * `build()` reported as `results`, given back on a hit). Never throws for
 * the cache's sake (IndexedDB unavailable, a refused or damaged entry): the lens is then built. The
 * write happens after the lens is returned (a scan waiting for the lens is not held by it); `stored`
 * settles when it is done (true: the entry is in place); `cancel()` before it skips it (the caller's
 * lens was replaced: a late write would put an old lens's entry over the newer one's).
 * @template {{lens: object, results?: unknown}} B
 * @param {object} options
 * @param {{fromCompiled(bytes: Uint8Array): object}} options.Lens the core's Lens class
 * @param {string} options.version the core's version()
 * @param {object[]} options.records the user's dictionaries (DictionaryRecord[])
 * @param {() => B} options.build builds the lens (the built-in KB with `records` applied)
 * @param {ReturnType<typeof lensCache>} [options.cache]
 * @param {number} [options.writeDelay] ms before compiling and writing a built lens (toCompiled takes
 *   ~0.1 s and holds the thread: the extension lets the scans of the page that woke it go first)
 * @returns {Promise<(B | {lens: object, results?: unknown}) & {source: LensSource, stored: Promise<boolean>, cancel(): void}>}
 */
export async function cachedLens({ Lens, version, records, build, cache = lensCache(), writeDelay = 0 }) {
  let key = null;
  let entry;
  try {
    key = await lensCacheKey(version, records);
    entry = await cache.read();
  } catch {
    entry = undefined; // no IndexedDB (some private modes) or no crypto.subtle: build, keep nothing
  }
  if (entry && entry.key === key && entry.bytes instanceof Uint8Array) {
    try {
      const lens = Lens.fromCompiled(entry.bytes);
      return { lens, results: entry.results, source: 'compiled', stored: Promise.resolve(true), cancel() {} };
    } catch {
      // Another build's bytes, or truncated, or damaged: built again below, and overwritten.
    }
  }
  const built = build();
  let cancelled = false;
  const stored = key === null ? Promise.resolve(false) : new Promise((resolve) => {
    setTimeout(() => {
      if (cancelled) { resolve(false); return; }
      let bytes;
      try {
        bytes = built.lens.toCompiled();
      } catch {
        resolve(false); // the lens was freed meanwhile (replaced by a newer one)
        return;
      }
      // A write that fails (quota, disk) leaves no stale entry behind.
      cache.write({ key, bytes, results: built.results }).then(() => resolve(true), () => cache.drop().then(() => resolve(false), () => resolve(false)));
    }, writeDelay);
  });
  // cancel(): the lens is no longer the one in force (its dictionaries changed before the write).
  return { ...built, source: 'built', stored, cancel: () => { cancelled = true; } };
}
