// Who may ask the background for what.
//
// Why it exists: every part of the extension talks to the background through runtime messages, and
// content scripts run inside pages the extension does not control. A content script is the part a
// hostile page can reach, so it may only ask about itself: scan text, fetch a card, report the counts
// of its own tab and frame, style its own frame. Whatever names another tab (injecting the content
// script, reading a tab's entities) is for the extension's own pages (the popup, the options page)
// only. The sender is judged from what the browser fills in (`sender.id`, `sender.url`,
// `sender.origin`, `sender.tab`, `sender.frameId`), never from the message.

/** @typedef {'extension-page' | 'content-script'} SenderKind */

/**
 * What kind of sender this is, or null for a sender that is neither (another extension, a page).
 * @param {{id?: string, url?: string, origin?: string, tab?: {id?: number}, frameId?: number}} sender
 * @param {{id: string, base: string}} self this extension's id and its base URL (runtime.getURL(''))
 * @returns {SenderKind | null}
 */
export function senderKind(sender, self) {
  if (!sender || sender.id !== self.id) return null;
  const base = self.base.endsWith('/') ? self.base : `${self.base}/`;
  const origin = base.slice(0, -1);
  const url = typeof sender.url === 'string' ? sender.url : '';
  // An extension page may sit in a tab (sender.tab set): its URL is the extension's own.
  if (url.startsWith(base) && (sender.origin === undefined || sender.origin === origin)) return 'extension-page';
  if (sender.tab && Number.isInteger(sender.tab.id) && Number.isInteger(sender.frameId) && !url.startsWith(base)) return 'content-script';
  return null;
}

/** The message types each kind of sender may send. */
export const ALLOWED = Object.freeze({
  'extension-page': Object.freeze(['scan', 'card', 'tab-entities', 'inject', 'ping', 'lensSource']),
  'content-script': Object.freeze(['scan', 'card', 'counts', 'css', 'ping']),
});

/**
 * Whether `type` may come from `sender`; returns the refusal's message when not.
 * @returns {string | null}
 */
export function refusal(type, sender, self) {
  const kind = senderKind(sender, self);
  if (!kind) return `refused: \`${type}\` from an unknown sender`;
  if (!ALLOWED[kind].includes(type)) return `refused: \`${type}\` is not accepted from ${kind === 'extension-page' ? 'an extension page' : 'a content script'}`;
  return null;
}
