// Entity-type palette shared by the page (www/) and the browser extension (extension/).
//
// Why it exists: every surface that highlights mentions must use the same colours and the same
// second visual cue, so a reader who learns the legend once can read it everywhere. Colours come
// from the Okabe–Ito palette (distinguishable under the common forms of colour blindness) and each
// type also gets its own underline (line + style), so colour is never the only cue.

/** The entity types of the core, in legend order. */
export const TYPES = Object.freeze([
  'armed_group',
  'umbrella',
  'state_security',
  'political',
  'government',
  'person',
  'organization',
]);

/** Human labels, singular and plural. */
export const TYPE_LABELS = Object.freeze({
  armed_group: 'Armed group',
  umbrella: 'Umbrella / coalition',
  state_security: 'State security body',
  political: 'Political party / bloc',
  government: 'Government body',
  person: 'Person',
  organization: 'Other organization',
});

export const TYPE_PLURALS = Object.freeze({
  armed_group: 'armed groups',
  umbrella: 'umbrellas',
  state_security: 'state security bodies',
  political: 'political bodies',
  government: 'government bodies',
  person: 'people',
  organization: 'other organizations',
});

/**
 * Per type: Okabe–Ito colour, a darker/lighter variant for the underline on light/dark backgrounds,
 * and the underline (text-decoration-line + style) that is the second, colour-free cue.
 */
export const TYPE_STYLES = Object.freeze({
  armed_group:    { color: '#D55E00', light: '#B34E00', dark: '#FF8A3D', line: 'underline', style: 'solid',  name: 'solid underline' },
  umbrella:       { color: '#E69F00', light: '#A87400', dark: '#FFC233', line: 'underline', style: 'double', name: 'double underline' },
  state_security: { color: '#0072B2', light: '#0072B2', dark: '#4DB3F0', line: 'underline', style: 'dashed', name: 'dashed underline' },
  political:      { color: '#CC79A7', light: '#A8457F', dark: '#E9A6CB', line: 'underline', style: 'dotted', name: 'dotted underline' },
  government:     { color: '#009E73', light: '#007A59', dark: '#3DD6A8', line: 'underline', style: 'wavy',   name: 'wavy underline' },
  person:         { color: '#56B4E9', light: '#2A7FB0', dark: '#8FD0F5', line: 'underline overline', style: 'solid',  name: 'over- and underline' },
  organization:   { color: '#F0E442', light: '#8C8200', dark: '#F0E442', line: 'underline overline', style: 'dashed', name: 'dashed over- and underline' },
});

/** A human label for a type (falls back to the raw type). */
export function typeLabel(type) {
  return TYPE_LABELS[type] || String(type);
}

function hexToRgba(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

function declarations(type, scheme, underlineOnly) {
  const s = TYPE_STYLES[type];
  const deco = scheme === 'dark' ? s.dark : s.light;
  const bg = underlineOnly ? 'transparent' : hexToRgba(s.color, scheme === 'dark' ? 0.3 : 0.2);
  return `background-color: ${bg}; color: inherit; text-decoration-line: ${s.line}; ` +
    `text-decoration-style: ${s.style}; text-decoration-color: ${deco}; text-decoration-thickness: 2px; ` +
    `text-underline-offset: 3px; text-decoration-skip-ink: none;`;
}

/**
 * CSS for the marks (`mark.{prefix}t-{type}`) and, optionally, for CSS Custom Highlight API ranges
 * (`::highlight({prefix}{type})`), in light and dark variants.
 *
 * @param {object} [options]
 * @param {string} [options.prefix='fl-'] class / highlight-name prefix
 * @param {boolean} [options.marks=true] emit rules for `<mark class="{prefix}t-TYPE">`
 * @param {boolean} [options.highlights=true] emit rules for `::highlight({prefix}TYPE)`
 * @param {'auto'|'light'|'dark'} [options.scheme='auto'] `auto`: light rules, then dark rules under
 *   `@media (prefers-color-scheme: dark)` (unless the root has `data-theme="light"`) and under
 *   `[data-theme="dark"]` on the root element.
 * @param {boolean} [options.underlineOnly=false] no background colour: the coloured underlines only
 *   (for readers who find tinted text harder to read)
 * @param {boolean} [options.themeAttribute=true] also honour `data-theme` on the root element (the
 *   page's own switch; the extension turns it off, since news sites use that attribute for themselves)
 * @returns {string} a CSS text
 */
export function paletteCss(options = {}) {
  const prefix = options.prefix ?? 'fl-';
  const marks = options.marks ?? true;
  const highlights = options.highlights ?? true;
  const scheme = options.scheme ?? 'auto';
  const underlineOnly = !!options.underlineOnly;
  const themeAttribute = options.themeAttribute ?? true;
  const rules = (sel, schemeName) => {
    let css = '';
    for (const t of TYPES) {
      const selectors = [];
      if (marks) selectors.push(`${sel}mark.${prefix}t-${t}`, `${sel}.${prefix}mark.${prefix}t-${t}`);
      if (highlights) selectors.push(`${sel}::highlight(${prefix}${t})`);
      if (selectors.length) css += `${selectors.join(', ')} { ${declarations(t, schemeName, underlineOnly)} }\n`;
    }
    return css;
  };
  if (scheme === 'light' || scheme === 'dark') return rules('', scheme);
  if (!themeAttribute) return rules('', 'light') + `@media (prefers-color-scheme: dark) {\n${rules('', 'dark')}}\n`;
  return rules('', 'light') +
    `@media (prefers-color-scheme: dark) {\n${rules(':root:not([data-theme="light"]) ', 'dark')}}\n` +
    rules(':root[data-theme="dark"] ', 'dark');
}

/**
 * Inline style for a legend swatch of a type (a coloured chip with the type's underline).
 * @param {string} type
 * @returns {string}
 */
export function swatchStyle(type) {
  const s = TYPE_STYLES[type];
  if (!s) return '';
  return `background-color: ${hexToRgba(s.color, 0.35)}; border-bottom: 3px ${s.style === 'wavy' ? 'dotted' : s.style} ${s.color};`;
}
