// The content script's messages to the background, which runs the WebAssembly core.
//
// Why it exists: a page's Content-Security-Policy can stop WebAssembly in a content script, never in
// the extension's own context; so every scan, card and style goes through these messages (handled in
// background.js). One function per message keeps their shapes in one place on this side:
// * `css` → {css}: the highlight styles, inserted by the background as a user stylesheet
// * `css` + remove → removes that stylesheet
// * `scan` {texts, types, haveVersion} → {results: Uint32Array-like quads per text, index?, version?}
//   (the index comes only when the frame's copy, `haveVersion`, is stale)
// * `counts` {total, truncated, entities}: this frame's mentions per entity (badge and popup)
// * `card` {id} → {card}

/** The extension API: `browser` in Firefox, `chrome` in Chrome. */
export const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;

/** Waits before sending a message again that found no background listening, or whose background
 * stopped before it answered (see {@link send}). */
const RESEND_MS = [50, 250, 1000];
const LOST = /Receiving end does not exist|Could not establish connection|message (?:port|channel) closed before a response was received|Message manager disconnected/i;

/** One message to the background; its `{error}` answers become exceptions. Promise-based: Firefox's
 * `browser.*` takes no callbacks, and Chrome's MV3 `chrome.*` returns promises too. The browser stops
 * an idle background and wakes it with the next message; a message that races that stop or wake can
 * find no listener ("Receiving end does not exist"), or reach a background that stops before it
 * answers ("… message channel closed before a response was received"); it is sent again a few times
 * (every message is safe to repeat: scans and cards only read, counts replace the frame's, and the same
 * stylesheet inserted again changes nothing), so a page
 * opened at that moment is still highlighted. */
async function send(msg) {
  for (let i = 0; ; i++) {
    let res;
    try {
      res = await api.runtime.sendMessage(msg);
    } catch (e) {
      if (i >= RESEND_MS.length || !LOST.test(String(e?.message ?? e))) throw e;
      await new Promise((r) => setTimeout(r, RESEND_MS[i]));
      continue;
    }
    if (res && res.error) throw new Error(res.error);
    return res;
  }
}

/** The highlight styles (the background has inserted them in this tab). */
export async function insertCss() {
  return (await send({ type: 'css' })).css;
}

/** Removes the highlight styles inserted by {@link insertCss}; never throws. */
export function removeCss(css) {
  return send({ type: 'css', remove: true, css }).catch(() => {});
}

/**
 * Scans texts in one message.
 * @param {string[]} texts
 * @param {string[]} types the entity types to find
 * @param {number} haveVersion the version of the entity index this frame holds (0: none)
 * @returns {Promise<{results: ArrayLike<number>[], index?: object, version?: number}>}
 */
export function scanTexts(texts, types, haveVersion) {
  return send({ type: 'scan', texts, types, haveVersion });
}

/** Reports this frame's counts; never throws (the popup may be closed, the background asleep). */
export function reportCounts(total, truncated, entities) {
  return send({ type: 'counts', total, truncated, entities }).catch(() => {});
}

/** The card of entity `id` (null when the lens has none). */
export async function fetchCard(id) {
  return (await send({ type: 'card', id })).card;
}
