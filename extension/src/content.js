// The content script's entry point: runs in every frame of the sites the user allowed, starts and
// stops the frame's painter as the settings say, and answers the popup.
//
// Why it exists: this is where the extension's settings meet one frame. The work is done by modules
// a newcomer can name: painter (collect, scan, paint, report), scan-protocol (the messages to the
// background, where the WebAssembly core runs), styles (shadow-root styles), dom-watcher (content
// that arrives later), card-controller (the entity card) and navigator (walking the mentions).
//
// Messages it answers (from the popup and the background's keyboard commands):
// * `next` {entity} → the next mention of that entity: {found, index, count, entity}
// * `step` {dir} → the next (1) or previous (-1) mention of any entity
// * `state` → {active, host, mentions}

import { enabledFor, loadSettings, normalize } from './settings.js';
import { api } from './scan-protocol.js';
import { Painter } from './painter.js';

async function main() {
  const painter = new Painter();
  const host = location.hostname;
  painter.settings = await loadSettings(api.storage.local);
  const apply = async (settings) => {
    const before = painter.settings;
    painter.settings = settings;
    const on = enabledFor(settings, host);
    if (!on) return painter.stop();
    if (!painter.active) return painter.start();
    const changed = ['mode', 'palette', 'skipCode'].some((k) => before[k] !== settings[k]) ||
      before.types.join() !== settings.types.join();
    if (changed) {
      if (before.palette !== settings.palette) {
        await painter.stop();
        return painter.start();
      }
      await painter.repaint();
    }
  };
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (changes.settings) apply(normalize(changes.settings.newValue));
    else if (changes.dictionaries && painter.active) {
      painter.cards.forget();
      painter.repaint();
    }
  });
  api.runtime.onMessage.addListener((msg, _sender, reply) => {
    if (!msg || typeof msg.type !== 'string') return false;
    if (msg.type === 'next') { reply(painter.navigator.next(msg.entity)); return false; }
    if (msg.type === 'step') { reply(painter.navigator.step(null, msg.dir < 0 ? -1 : 1)); return false; }
    if (msg.type === 'state') { reply({ active: painter.active, host, mentions: painter.mentionCount() }); return false; }
    return false;
  });
  if (enabledFor(painter.settings, host)) await painter.start();
  else await painter.report();
}

// Injected twice (registered script and a popup click)? Run once per frame.
if (!globalThis.__factionlensContent) {
  globalThis.__factionlensContent = true;
  const run = () => main().catch((e) => console.warn('FactionLens:', e && e.message ? e.message : e));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}
