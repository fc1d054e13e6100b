// The type legend and the type filters of the page.
//
// Why it exists: the legend teaches the colours and underlines once; the filters hide a type's marks,
// its rows in the entity panel and dim its graph nodes, and take its marks out of the tab order.

import { TYPES, typeLabel } from '../../ui/palette.js';
import { typeSwatch } from '../../ui/entity-row.js';
import { $, state } from './store.js';

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
  // Only touch marks whose tab stop changes: on a long article an unconditional write to every mark
  // invalidates the style of the whole document.
  if (state.hidden.size || state.marksHidden) {
    for (const m of doc.querySelectorAll('mark.fl-mark')) {
      const tab = state.hidden.has(m.dataset.type) ? -1 : 0;
      if (m.tabIndex !== tab) m.tabIndex = tab;
    }
  }
  state.marksHidden = state.hidden.size > 0;
  for (const li of $('entities').children) li.hidden = state.hidden.has(li.dataset.type);
  for (const g of $('graph').querySelectorAll('g.node')) g.classList.toggle('dim', state.hidden.has(g.dataset.entity && state.stats.get(g.dataset.entity)?.type));
}
