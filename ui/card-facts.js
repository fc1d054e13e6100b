// The time-aware parts of an entity card: roles (current first, past ones as past), an entity's
// status (died, dissolved…), dated relations, designations with their program, and the identifiers
// (Wikidata, OpenSanctions) as links.
//
// Why it exists: which roles are current is decided by the core (the card's `role_views` and
// `holders` carry `current` and the effective end date), so this module only words them; keeping the
// wording here keeps card.js to the card's layout.

import { el, section, entityButton, externalLink } from './card-dom.js';

const STATUS_WORDS = { deceased: 'Died', dissolved: 'Dissolved', merged: 'Merged', renamed: 'Renamed' };

/**
 * The dates of a role or relation in words: "since 2019", "from 2014-06 until 2020-01-03", "in 2009".
 * @param {{from?: string, until?: string, role?: string}} f
 * @param {boolean} current
 * @returns {string}
 */
export function spanText(f, current) {
  const from = typeof f.from === 'string' ? f.from : '';
  const until = typeof f.until === 'string' ? f.until : '';
  if (f.role === 'founder' && !until) return from ? `in ${from}` : '';
  if (current) return from ? `since ${from}` : '';
  const parts = [];
  if (from) parts.push(`from ${from}`);
  parts.push(until ? `until ${until}` : '(past)');
  return parts.join(' ');
}

/**
 * The entity's status line ("Died 2020-01-03"), or null when it has none (active / alive).
 * @param {Document} doc
 * @param {{state?: string, date?: string, note?: string}|undefined} status
 */
export function statusNode(doc, status) {
  if (!status || !STATUS_WORDS[status.state]) return null;
  const p = el(doc, 'p', 'fl-card-status');
  p.dataset.state = status.state;
  p.appendChild(doc.createTextNode(STATUS_WORDS[status.state]));
  if (status.date) {
    p.appendChild(doc.createTextNode(' '));
    p.appendChild(el(doc, 'time', 'fl-card-date', status.date));
  }
  if (status.note) p.appendChild(el(doc, 'span', 'fl-card-note', ` (${status.note})`));
  return p;
}

function shownAsCurrent(v) {
  return v.current === true || (v.role === 'founder' && !v.until);
}

function roleItem(doc, v, onPerson, onEntity) {
  const li = el(doc, 'li', shownAsCurrent(v) ? 'fl-card-role' : 'fl-card-role fl-card-past');
  const label = typeof v.label === 'string' ? v.label : String(v.role || '');
  if (onPerson) {
    li.appendChild(el(doc, 'span', 'fl-card-rel', `${label} of`));
    li.appendChild(doc.createTextNode(' '));
    li.appendChild(entityButton(doc, v.of, v.of_name, onEntity));
  } else {
    li.appendChild(el(doc, 'span', 'fl-card-rel', `${label}:`));
    li.appendChild(doc.createTextNode(' '));
    li.appendChild(entityButton(doc, v.person, v.person_name, onEntity));
  }
  const when = spanText(v, v.current === true);
  if (when) li.appendChild(el(doc, 'span', 'fl-card-when', ` ${when}`));
  if (v.note) li.appendChild(el(doc, 'span', 'fl-card-note', ` (${v.note})`));
  return li;
}

/**
 * The roles sections: a person's roles ("Roles", "Past roles") or the people holding roles in a body
 * ("Leadership", "Past leadership"), current ones first.
 * @param {Document} doc
 * @param {object} card
 * @param {(id: string) => void} [onEntity]
 * @returns {HTMLElement[]}
 */
export function roleSections(doc, card, onEntity) {
  const person = card.type === 'person';
  const list = person ? card.role_views : card.holders;
  const views = (Array.isArray(list) ? list : []).filter((v) => v && typeof v === 'object');
  const out = [];
  const titles = person ? ['Roles', 'Past roles'] : ['Leadership', 'Past leadership'];
  [views.filter(shownAsCurrent), views.filter((v) => !shownAsCurrent(v))].forEach((group, i) => {
    if (!group.length) return;
    const s = section(doc, titles[i]);
    const ul = el(doc, 'ul', i === 0 ? 'fl-card-roles' : 'fl-card-roles fl-card-roles-past');
    for (const v of group) ul.appendChild(roleItem(doc, v, person, onEntity));
    s.appendChild(ul);
    out.push(s);
  });
  return out;
}

/**
 * What follows a designation's list in words: " (E.O. 13438) designated by US Treasury (OFAC)".
 * @param {{program?: string, action?: string, by?: string}} d
 */
export function designationTail(d) {
  const program = d.program ? ` (${d.program})` : '';
  return `${program} ${d.action || 'designated'} by ${d.by || 'unknown'}`;
}

/**
 * The entity's identifiers as links (Wikidata item, OpenSanctions entity), or null when it has none.
 * Ids that do not have the expected shape are not linked.
 * @param {Document} doc
 * @param {{wikidata?: string, opensanctions?: string}} card
 */
export function identifiersNode(doc, card) {
  const links = [];
  if (typeof card.wikidata === 'string' && /^Q[1-9][0-9]*$/.test(card.wikidata)) {
    links.push(externalLink(doc, `https://www.wikidata.org/wiki/${card.wikidata}`, `Wikidata ${card.wikidata}`, 'fl-card-id'));
  }
  if (typeof card.opensanctions === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(card.opensanctions)) {
    links.push(externalLink(doc, `https://www.opensanctions.org/entities/${card.opensanctions}/`,
      `OpenSanctions ${card.opensanctions}`, 'fl-card-id'));
  }
  if (!links.length) return null;
  const p = el(doc, 'p', 'fl-card-ids');
  links.forEach((a, i) => {
    if (i) p.appendChild(doc.createTextNode(' · '));
    p.appendChild(a);
  });
  return p;
}
