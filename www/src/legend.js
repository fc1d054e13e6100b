// The type legend and the type filters of the page.
//
// Why it exists: the legend teaches the colours and underlines once; the filters hide a type's marks,
// its rows in the entity panel and dim its graph nodes; its marks are skipped by the article's keys.

import { TYPES, typeLabel } from '../../ui/palette.js';
import { typeSwatch } from '../../ui/entity-row.js';
import { $, state } from './store.js';
import { resetRover } from './article-keys.js';

/** Builds the legend and the filter checkboxes. */
export function buildLegend() {
  const legend = $('legend');
  const filters = $('filters');
  legend.replaceChildren();
  filters.replaceChildren();
  for (const t of TYPES) {
    const li = document.createElement('li');
    li.append(typeSwatch(document, t), document.createTextNode(typeLabel(t)));
    legend.appendChild(li);

    const label = document.createElement('label');
    label.className = 'check';
    const cb = document.createElement('input');
    cb.type = 'checkbox';
    cb.checked = !state.hidden.has(t);
    cb.dataset.type = t;
    cb.addEventListener('change', () => {
      if (cb.checked) state.hidden.delete(t); else state.hidden.add(t);
      applyFilters();
    });
    const count = document.createElement('span');
    count.className = 'muted filter-count';
    count.dataset.type = t;
    label.append(cb, typeSwatch(document, t), document.createTextNode(typeLabel(t)), count);
    filters.appendChild(label);
  }
}

/** Applies the filters to the marks, the entity panel and the graph. */
export function applyFilters() {
  const doc = $('doc');
  for (const t of TYPES) doc.classList.toggle(`fl-hide-${t}`, state.hidden.has(t));
  // The article's one Tab stop moves off a name whose type is now hidden (arrow keys skip those too).
  resetRover();
  for (const li of $('entities').children) li.hidden = state.hidden.has(li.dataset.type);
  for (const g of $('graph').querySelectorAll('g.node')) g.classList.toggle('dim', state.hidden.has(g.dataset.entity && state.stats.get(g.dataset.entity)?.type));
}
