// Builds a lens's search automaton (`lens.warm()`) once its owner has been idle for a moment after a
// scan: shared by the page's lens worker (www/src/lens-worker.js) and the extension's background.
//
// Why it exists: a new lens searches with a key index and builds the faster automaton only inside the
// scan that has read about 6 MB (the built-in knowledge base); `warm()` builds it now (~70–110 ms in
// WebAssembly). Never before the first scan, whose highlight the reader is waiting for: only after a
// scan answered and no other scan came for `delayMs`; a request that arrives during the build waits
// for it once. Lenses that never build one (big dictionaries) answer false and are not asked again.

/**
 * @param {number} [delayMs] quiet time after the last scan before the build
 * @returns {{afterScan(lens: {warm(): boolean}): void, cancel(): void}}
 */
export function idleWarmer(delayMs = 300) {
  let timer = null;
  const done = new WeakSet();
  return {
    /** Call after each scan's answer went out; the lens is warmed once the owner stays idle. */
    afterScan(lens) {
      if (!lens || typeof lens.warm !== 'function' || done.has(lens)) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        done.add(lens);
        try {
          lens.warm();
        } catch {
          // A freed lens (replaced meanwhile): nothing to warm.
        }
      }, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = null;
    },
  };
}
