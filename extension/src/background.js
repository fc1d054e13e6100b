// The extension's background (a service worker in Chrome, an event page in Firefox): the only place
// the WebAssembly core runs.
//
// Why it exists: a page's Content-Security-Policy can stop WebAssembly in a content script (Firefox
// applies page CSP to content scripts in some cases), but never in the extension's own context, whose
// CSP allows 'wasm-unsafe-eval'. So content scripts collect text and send it here in ONE message per
// batch; this answers with compact offsets. It also keeps the per-tab counts for the badge and the
// popup, injects the content script where the user allowed it, and inserts the highlight styles as
// a user stylesheet (no <style> node in the page).

import { backgroundLenses } from './lenses.js';
import { idleWarmer } from '../../ui/idle-warm.js';
import { loadSettings } from './settings.js';
import { refusal } from './senders.js';

const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;

/** This run of the background (a service worker stopped and woken is a new run): for diagnostics. */
const RUN = crypto.randomUUID();

// The lens in force (scan-only without dictionaries) and the lens for cards: extension/src/lenses.js.
const lenses = backgroundLenses(api);
const getLens = lenses.current;

api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !changes.dictionaries) return;
  lenses.replace();
});

// The automaton is built once no scan came for a moment after one (ui/idle-warm.js): the first
// highlight of a page never waits for it, later pages' scans search faster.
const warmer = idleWarmer();

// Per tab: frameId → {entities: [{id, name, type, count}], total}.
const tabs = new Map();

function tabSummary(tabId) {
  const frames = tabs.get(tabId);
  const byId = new Map();
  let total = 0;
  let truncated = false;
  if (frames) {
    for (const [frameId, f] of frames) {
      total += f.total;
      truncated ||= f.truncated;
      for (const e of f.entities) {
        const cur = byId.get(e.id) || { ...e, count: 0, frames: [] };
        cur.count += e.count;
        cur.frames.push(frameId);
        byId.set(e.id, cur);
      }
    }
  }
  const entities = [...byId.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return { total, entities, truncated };
}

function updateBadge(tabId) {
  const { total } = tabSummary(tabId);
  const text = total ? (total > 999 ? '999+' : String(total)) : '';
  api.action.setBadgeText({ tabId, text }).catch(() => {});
  api.action.setBadgeBackgroundColor?.({ tabId, color: '#0072B2' })?.catch?.(() => {});
}

api.tabs.onRemoved.addListener((tabId) => {
  tabs.delete(tabId);
  for (const key of insertedCss.keys()) if (key.startsWith(`${tabId}:`)) insertedCss.delete(key);
});
// A new document in the tab: its frames report afresh. The lens is made ready while the page loads
// (this event wakes a stopped worker well before the content script asks for a scan): only for a
// page the extension may read (without the "tabs" permission, `tab.url` is set only for those).
api.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status !== 'loading') return;
  if (/^https?:/.test(tab?.url ?? '')) getLens().catch(() => {});
  if (tabs.has(tabId)) {
    tabs.delete(tabId);
    updateBadge(tabId);
  }
});

let highlightCss = null;
/**
 * The highlight styles for the reader's `palette` setting: written from the core's palette by
 * extension/build.mjs (highlights.json), so they never wait for a WebAssembly module.
 */
async function paletteFor() {
  const s = await loadSettings(api.storage.local);
  if (!highlightCss) {
    highlightCss = fetch(api.runtime.getURL('highlights.json')).then((r) => r.json());
    highlightCss.catch(() => { highlightCss = null; });
  }
  return (await highlightCss)[s.palette];
}

const handlers = {
  async scan(msg) {
    const { lens, version, index } = await getLens();
    const options = Array.isArray(msg.types) ? { types: msg.types } : undefined;
    const results = msg.texts.map((t) => Array.from(lens.scanCompact(t, options)));
    warmer.afterScan(lens);
    return { results, version, index: msg.haveVersion === version ? null : index };
  },
  async card(msg) {
    const lens = await lenses.cards();
    return { card: lens.entity(msg.id) ?? null };
  },
  async counts(msg, sender) {
    // The sender's own tab and frame, never ids from the message.
    const tabId = sender.tab.id;
    let frames = tabs.get(tabId);
    if (!frames) tabs.set(tabId, (frames = new Map()));
    frames.set(sender.frameId, { entities: msg.entities || [], total: msg.total || 0, truncated: !!msg.truncated });
    updateBadge(tabId);
    return {};
  },
  async 'tab-entities'(msg) {
    return tabSummary(msg.tabId);
  },
  async css(msg, sender) {
    const tabId = sender.tab.id;
    const target = { tabId, frameIds: [sender.frameId] };
    const key = `${tabId}:${sender.frameId}`;
    if (msg.remove) {
      // Only a stylesheet this background inserted into this very frame.
      const inserted = insertedCss.get(key);
      if (inserted && inserted.has(msg.css)) {
        inserted.delete(msg.css);
        await api.scripting.removeCSS({ target, css: msg.css }).catch(() => {});
      }
      return {};
    }
    const css = await paletteFor();
    await api.scripting.insertCSS({ target, css });
    if (!insertedCss.has(key)) insertedCss.set(key, new Set());
    insertedCss.get(key).add(css);
    return { css };
  },
  async inject(msg) {
    // From the popup, after the user clicked the toolbar button (activeTab) or granted the site.
    if (!Number.isInteger(msg.tabId)) throw new Error('inject: `tabId` must be a tab id');
    await api.scripting.executeScript({ target: { tabId: msg.tabId, allFrames: true }, files: ['content.js'] });
    return {};
  },
  async ping() {
    const { version } = await getLens();
    return { version };
  },
  // Diagnostics (extension pages only): how the lens in force was made ('compiled': read back from
  // IndexedDB; 'built'), by which module ('scan' or 'whole'), in how many ms, whether its compiled
  // form is now kept (answered once the write has settled), which run of the background answers, when
  // in that run the lens was first asked for and how long loading its .wasm took (ms); and every module
  // this run has loaded or is loading, in the order first asked for.
  async lensSource() {
    const { source, module, ms, stored, asked, initMs } = await getLens();
    return { source, module, ms, stored: await stored, run: RUN, asked, initMs, modules: lenses.modules() };
  },
};

// Stylesheets inserted per `${tabId}:${frameId}` (a content script may remove only those).
const insertedCss = new Map();
const self = { id: api.runtime.id, base: api.runtime.getURL('') };

api.runtime.onMessage.addListener((msg, sender, reply) => {
  const h = msg && typeof msg.type === 'string' && Object.hasOwn(handlers, msg.type) ? handlers[msg.type] : null;
  if (!h) return false;
  const refused = refusal(msg.type, sender, self);
  if (refused) {
    reply({ error: refused });
    return false;
  }
  h(msg, sender).then(reply, (e) => reply({ error: String(e && e.message ? e.message : e) }));
  return true;
});

// Keyboard: next / previous highlighted name on the page, with its card (the highlight mode has no
// focusable elements; this is its keyboard path).
api.commands?.onCommand.addListener(async (command, tab) => {
  const dir = command === 'previous-mention' ? -1 : command === 'next-mention' ? 1 : 0;
  if (!dir) return;
  const target = tab ?? (await api.tabs.query({ active: true, currentWindow: true }))[0];
  if (target?.id != null) api.tabs.sendMessage(target.id, { type: 'step', dir }, { frameId: 0 }).catch(() => {});
});

// The content script runs on the sites the user allowed (optional host permissions), in every frame.
// Its registration persists across the background's stops; a wake that finds it as wanted leaves it
// alone, and a change is made in place (updateContentScripts). Unregistering and registering again at
// every wake left a moment in which a page loading in that very wake (the wake that page's own
// navigation caused) got no content script and stayed unhighlighted.
const SCRIPT_ID = 'factionlens';
const SCRIPT = { id: SCRIPT_ID, js: ['content.js'], runAt: 'document_idle', allFrames: true };
const sameSet = (a = [], b = []) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
async function syncRegistration() {
  const { origins = [] } = await api.permissions.getAll();
  const [existing] = await api.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []);
  if (!origins.length) {
    if (existing) await api.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return;
  }
  if (!existing) {
    await api.scripting.registerContentScripts([{ ...SCRIPT, matches: origins, persistAcrossSessions: true }]);
    return;
  }
  const same = sameSet(existing.matches, origins) && sameSet(existing.js, SCRIPT.js) &&
    existing.runAt === SCRIPT.runAt && existing.allFrames === SCRIPT.allFrames;
  if (!same) await api.scripting.updateContentScripts([{ ...SCRIPT, matches: origins }]);
}

/** One sync at a time (install and the top level both ask at once: two registrations would clash). */
let syncing = Promise.resolve();
function registerContentScripts() {
  syncing = syncing.then(syncRegistration, syncRegistration);
  return syncing;
}

api.runtime.onInstalled.addListener(() => { registerContentScripts(); });
api.runtime.onStartup?.addListener(() => { registerContentScripts(); });
api.permissions.onAdded.addListener(() => { registerContentScripts(); });
api.permissions.onRemoved.addListener(() => { registerContentScripts(); });
registerContentScripts().catch(() => {});
