// The popup: this page's entities with counts (click: next mention), on/off globally and for the
// site, type filters and the painting mode. It reads the counts from the background (which sums the
// page's frames) and talks to the content script of the active tab.

import { entityRow } from '../../ui/entity-row.js';
import { typeBoxes } from './type-boxes.js';
import { loadSettings, saveSettings, enabledFor } from './settings.js';

const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
const $ = (id) => document.getElementById(id);

async function activeTab() {
  const param = new URLSearchParams(location.search).get('tab');
  if (param) return api.tabs.get(Number(param));
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab;
}

function hostOf(url) {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u : null;
  } catch {
    return null;
  }
}

async function main() {
  const tab = await activeTab();
  const url = tab && hostOf(tab.url || '');
  let settings = await loadSettings();

  $('global').checked = settings.enabled;
  $('global').addEventListener('change', async (e) => { settings = await saveSettings({ enabled: e.target.checked }); renderSite(); });

  const renderSite = () => {
    $('host').textContent = url ? url.hostname : 'this page';
    $('site').disabled = !url || !settings.enabled;
    $('site').checked = !!url && enabledFor(settings, url.hostname);
  };
  renderSite();
  $('site').addEventListener('change', async (e) => {
    if (!url) return;
    const sites = { ...settings.sites };
    if (e.target.checked) delete sites[url.hostname];
    else sites[url.hostname] = false;
    settings = await saveSettings({ sites });
    renderSite();
    setTimeout(refresh, 300);
  });

  // Access: allowed on this site already, or only through this click (activeTab), or asked for.
  if (url) {
    // A match pattern names no port (Firefox refuses one): the site is its scheme and host.
    const site = `${url.protocol}//${url.hostname}/*`;
    const allowed = await api.permissions.contains({ origins: [site] });
    const state = await api.tabs.sendMessage(tab.id, { type: 'state' }).catch(() => null);
    if (!allowed && !state) {
      $('access').hidden = false;
      $('once').addEventListener('click', async () => {
        await api.runtime.sendMessage({ type: 'inject', tabId: tab.id });
        $('access').hidden = true;
        setTimeout(refresh, 500);
      });
      $('allow').addEventListener('click', async () => {
        const ok = await api.permissions.request({ origins: [site] });
        if (ok) {
          await api.runtime.sendMessage({ type: 'inject', tabId: tab.id });
          $('access').hidden = true;
          setTimeout(refresh, 500);
        }
      });
    }
  }

  // Types and mode.
  typeBoxes($('types'), settings.types, async (types) => {
    settings = await saveSettings({ types });
    setTimeout(refresh, 400);
  });
  $('mode').value = settings.mode;
  $('mode').addEventListener('change', async (e) => { settings = await saveSettings({ mode: e.target.value }); });

  async function refresh() {
    if (!tab) return;
    const { total, entities, truncated } = await api.runtime.sendMessage({ type: 'tab-entities', tabId: tab.id });
    $('truncated').hidden = !truncated;
    $('total').textContent = total ? `· ${total} mention${total === 1 ? '' : 's'}` : '';
    $('empty').hidden = entities.length > 0;
    const ul = $('entities');
    ul.replaceChildren();
    for (const e of entities) {
      const li = document.createElement('li');
      const b = entityRow(document, e, {
        action: 'go to the next one',
        onClick: async () => {
          const res = await api.tabs.sendMessage(tab.id, { type: 'next', entity: e.id }, { frameId: e.frames[0] ?? 0 }).catch(() => null);
          if (res && res.found) b.querySelector('.fl-count').textContent = `${res.index + 1}/${res.count}`;
        },
      });
      li.appendChild(b);
      ul.appendChild(li);
    }
  }
  await refresh();
  api.storage.onChanged.addListener(() => setTimeout(refresh, 300));
}

main().catch((e) => {
  document.body.appendChild(Object.assign(document.createElement('p'), { textContent: `FactionLens: ${e.message}` }));
});
