// The summary line and the entity panel of a scanned document.
//
// Why it exists: after a scan the reader first sees what was found: how many mentions of how many
// entities of each type, and every entity with its count (a click walks its mentions).

import { TYPES, typeLabel, TYPE_PLURALS } from '../../ui/palette.js';
import { entityRow } from '../../ui/entity-row.js';
import { $, state } from './store.js';
import { selectEntity } from './navigation.js';

/** Writes the summary line and the per-type counts next to the filters. */
export function renderSummary() {
  const n = state.quads.length / 4;
  const byType = new Map();
  for (const s of state.stats.values()) {
    const v = byType.get(s.type) || { entities: 0, mentions: 0 };
    v.entities++; v.mentions += s.count;
    byType.set(s.type, v);
  }
  const parts = TYPES.filter((t) => byType.has(t)).map((t) => `${byType.get(t).entities} ${byType.get(t).entities === 1 ? typeLabel(t).toLowerCase() : TYPE_PLURALS[t]} (${byType.get(t).mentions})`);
  const summary = $('summary');
  summary.dataset.mentions = String(n);
  summary.dataset.entities = String(state.stats.size);
  summary.textContent = n
    ? `${n} mention${n === 1 ? '' : 's'} of ${state.stats.size} entit${state.stats.size === 1 ? 'y' : 'ies'}${parts.length ? ' — ' + parts.join(', ') : ''}.`
    : 'No known group, body or person found in this text.';
  for (const el of document.querySelectorAll('.filter-count')) {
    const v = byType.get(el.dataset.type);
    el.textContent = v ? ` ${v.mentions}` : '';
  }
}

/** Lists the entities, most mentioned first. */
export function renderEntities() {
  const ul = $('entities');
  ul.replaceChildren();
  const list = [...state.stats.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  for (const s of list) {
    const li = document.createElement('li');
    li.dataset.type = s.type;
    const b = entityRow(document, s, { className: 'entity', showType: true, onClick: () => selectEntity(s.id) });
    b.setAttribute('aria-pressed', 'false');
    li.appendChild(b);
    ul.appendChild(li);
  }
}
