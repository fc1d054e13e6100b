// The row of entity-type checkboxes (swatch + label) of the popup and the options page.
//
// Why it exists: both pages let the user pick which types are painted, with the legend's swatches;
// one builder keeps them identical.

import { TYPES, typeLabel } from '../../ui/palette.js';
import { typeSwatch } from '../../ui/entity-row.js';

/**
 * Fills `container` with one checkbox per type; `onChange(types)` gets the checked types.
 * @param {HTMLElement} container
 * @param {string[]} checked
 * @param {(types: string[]) => void} onChange
 */
export function typeBoxes(container, checked, onChange) {
  const doc = container.ownerDocument;
  for (const t of TYPES) {
    const label = doc.createElement('label');
    const box = doc.createElement('input');
    box.type = 'checkbox';
    box.value = t;
    box.checked = checked.includes(t);
    box.addEventListener('change', () => onChange([...container.querySelectorAll('input:checked')].map((i) => i.value)));
    label.append(box, typeSwatch(doc, t), doc.createTextNode(typeLabel(t)));
    container.appendChild(label);
  }
}
