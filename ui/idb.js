// One IndexedDB object store as a small promise-based key-value store.
//
// Why it exists: the page keeps its dictionaries in IndexedDB (ui/dictionaries.js) and both the page's
// lens worker and the extension's background keep the compiled lens there (ui/lens-cache.js). The
// open-upgrade-transaction dance, and the rule that a failed or aborted transaction rejects (never a
// silent success), live here once.

/**
 * A key-value store on the object store `store` of the database `dbName` (created on first open).
 * `open()` rejects when the database cannot be opened at all (some private modes); get/put/delete
 * reject when their transaction fails or aborts (a full disk or a spent quota aborts, sometimes with
 * no error event).
 * @param {string} dbName
 * @param {string} store
 */
export function keyValueStore(dbName, store) {
  let dbPromise = null;
  const open = () => {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const idb = globalThis.indexedDB;
        if (!idb) { reject(new Error('IndexedDB is not available here')); return; }
        const req = idb.open(dbName, 1);
        req.onupgradeneeded = () => req.result.createObjectStore(store);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error || new Error('IndexedDB open failed'));
      });
      dbPromise.catch(() => { dbPromise = null; });
    }
    return dbPromise;
  };
  const tx = async (mode, fn) => {
    const db = await open();
    return new Promise((resolve, reject) => {
      const t = db.transaction(store, mode);
      const req = fn(t.objectStore(store));
      t.oncomplete = () => resolve(req.result);
      t.onerror = () => reject(t.error || req.error || new Error('IndexedDB transaction failed'));
      t.onabort = () => reject(t.error || req.error || new Error('IndexedDB transaction aborted'));
    });
  };
  return {
    open,
    /** @param {IDBValidKey} key */
    get: (key) => tx('readonly', (s) => s.get(key)),
    /** @param {IDBValidKey} key @param {unknown} value */
    put: (key, value) => tx('readwrite', (s) => s.put(value, key)).then(() => undefined),
    /** @param {IDBValidKey} key */
    delete: (key) => tx('readwrite', (s) => s.delete(key)).then(() => undefined),
  };
}
