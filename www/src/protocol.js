// The protocol between the page and its lens worker (www/src/lens-worker.js): the requests, what each
// answers, and both ends of the message plumbing.
//
// Why it exists: the page's lens lives in ONE long-lived worker (built once, the user's dictionaries
// loaded there, re-used by every scan), so the page's main thread never builds a Lens, parses a
// dictionary or scans a text, and never holds a task long enough to block the reader. Every message
// that crosses between the two is defined here and nowhere else.
//
// Messages: the page sends `{id, kind, args}`; the worker answers with any number of
// `{id, event, data}` (progress of a long request) and then one `{id, ok: true, value}` or
// `{id, ok: false, message}`. The worker runs requests one at a time, in the order they were sent.

/** The requests, with their arguments and answers. */
export const REQUEST = Object.freeze({
  /** {} → {rules: string[], extensions: string[], version: string, size: number, source} (the built-in
   * KB; source: 'compiled' when read back from the compiled lens cache, ui/lens-cache.js, or 'built'). */
  INIT: 'init',
  /** {records: DictionaryRecord[]} → {results (per record: ui/dictionaries.js applyDictionaries), size,
   * source}: a fresh lens over the built-in KB with the records applied in order (or its compiled form
   * from the cache, with the results of its build) replaces the one in force. */
  BUILD: 'build',
  /** {name, text} → the dictionary format the core detects (throws on an unknown one). */
  DETECT: 'detect',
  /** {text, format, options} → the core's load report plus `size`; a bad file throws with its file, line
   * and field, and leaves the lens in force unchanged. */
  LOAD: 'load',
  /** {id} → the entity's card (lens.entity), or null. */
  ENTITY: 'entity',
  /** {piece: string, first: boolean} → the document's length so far: the document to scan, sent a
   * piece at a time (first: a new document), so the page never copies a long text in one task. */
  PUT: 'put',
  /** {batchChars} → scans the document sent by PUT: events `meta` {ids, types, names, batches} (the
   * entities found, which the quads' entity numbers index) and `batch` {index, start, end, text,
   * quads: Uint32Array (transferred)} (the document's text from `start` to `end` and its mentions),
   * then {mentions, length, stats, cards (entity id → its card as JSON text, for the most mentioned),
   * graph {nodes, edges}}. */
  SCAN: 'scan',
  /** {graph: {nodes, edges}, width} → the graph laid out (www/src/graph-layout.js graphLayout). */
  LAYOUT: 'layout',
  /** {kind, name} → {filename, blob}: an export of the document sent by PUT (www/src/exports.js
   * buildExport, as a Blob). */
  EXPORT: 'export',
});

/** The events a SCAN request sends before its answer. */
export const SCAN_EVENT = Object.freeze({ META: 'meta', BATCH: 'batch' });

/**
 * The worker's end: answers requests with `handlers[kind](args, emit)` (sync or async), one at a time.
 * @param {DedicatedWorkerGlobalScope} scope
 * @param {Record<string, (args: object, emit: (event: string, data: object, transfer?: Transferable[]) => void) => unknown>} handlers
 */
export function serve(scope, handlers) {
  let queue = Promise.resolve();
  scope.onmessage = (ev) => {
    const { id, kind, args } = ev.data;
    queue = queue.then(async () => {
      const emit = (event, data, transfer = []) => scope.postMessage({ id, event, data }, transfer);
      try {
        const handler = handlers[kind];
        if (!handler) throw new Error(`unknown request: ${kind}`);
        scope.postMessage({ id, ok: true, value: await handler(args || {}, emit) });
      } catch (e) {
        scope.postMessage({ id, ok: false, message: e && typeof e.message === 'string' ? e.message : String(e) });
      }
    });
  };
}

/** The page's end: sends requests and resolves each with its answer. */
export class LensClient {
  /** @param {Worker} worker */
  constructor(worker) {
    this.worker = worker;
    this.next = 1;
    /** @type {Map<number, {resolve: Function, reject: Function, onEvent?: Function}>} */
    this.pending = new Map();
    worker.onmessage = (ev) => {
      const m = ev.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.event) { p.onEvent?.(m.event, m.data); return; }
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value); else p.reject(new Error(m.message));
    };
    // A worker that cannot start (or dies) fails every request waiting for it, with the reason.
    worker.onerror = (e) => {
      e.preventDefault?.();
      const err = new Error(`the lens worker failed: ${e.message || 'it could not start'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  /**
   * Sends a request.
   * @param {string} kind one of REQUEST
   * @param {object} [args]
   * @param {{onEvent?: (event: string, data: object) => void}} [options]
   * @returns {Promise<any>} the answer; rejects with the worker's error message
   */
  call(kind, args = {}, options = {}) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onEvent: options.onEvent });
      this.worker.postMessage({ id, kind, args });
    });
  }
}
