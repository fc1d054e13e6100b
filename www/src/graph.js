// The co-mention graph of the article as inline SVG.
//
// Why it exists: it shows at a glance which groups, sponsors and leaders the article discusses
// together. Nodes are entities (area ~ mentions), edges join two entities mentioned in the same
// paragraph (width ~ number of such paragraphs). The layout is a small deterministic force
// simulation (no dependency, same picture for the same article). Nodes are buttons (one Tab stop,
// arrow keys between them) whose type is shown by colour and by shape.

import { TYPES, TYPE_STYLES, typeLabel } from '../../ui/palette.js';
import { MOVE_KEYS, moveIndex } from '../../ui/keyboard.js';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * Paragraph index of each mention: paragraphs are separated by blank lines (or by line breaks when
 * the text has no blank lines, as in text extracted from PDFs).
 * @param {string} text
 * @param {Uint32Array|number[]} quads
 * @returns {number[]}
 */
export function paragraphOf(text, quads) {
  const sep = /\n\s*\n/.test(text) ? /\n\s*\n/g : /\n/g;
  const breaks = [];
  for (const m of text.matchAll(sep)) breaks.push(m.index);
  const out = [];
  let p = 0;
  for (let k = 0; k < quads.length; k += 4) {
    while (p < breaks.length && breaks[p] < quads[k]) p++;
    out.push(p);
  }
  return out;
}

/**
 * Nodes and weighted edges of the co-mention graph.
 * @param {string} text
 * @param {Uint32Array|number[]} quads
 * @param {{ids: string[], types: string[], names: string[]}} index
 * @param {number} [maxNodes=40] keep the most mentioned entities
 * @returns {{nodes: {id, name, type, count}[], edges: {a: string, b: string, w: number}[]}}
 */
export function coMentions(text, quads, index, maxNodes = 40) {
  const para = paragraphOf(text, quads);
  const counts = new Map();
  const byPara = new Map();
  for (let k = 0, j = 0; k < quads.length; k += 4, j++) {
    const ei = quads[k + 2];
    const id = index.ids[ei];
    if (!counts.has(id)) counts.set(id, { id, name: index.names[ei], type: index.types[ei], count: 0 });
    counts.get(id).count++;
    if (!byPara.has(para[j])) byPara.set(para[j], new Set());
    byPara.get(para[j]).add(id);
  }
  const nodes = [...counts.values()].sort((x, y) => y.count - x.count || x.name.localeCompare(y.name)).slice(0, maxNodes);
  const keep = new Set(nodes.map((n) => n.id));
  const w = new Map();
  for (const set of byPara.values()) {
    const ids = [...set].filter((id) => keep.has(id)).sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = ids[i] + '\u0000' + ids[j];
        w.set(key, (w.get(key) || 0) + 1);
      }
    }
  }
  const edges = [...w].map(([key, n]) => { const [a, b] = key.split('\u0000'); return { a, b, w: n }; });
  return { nodes, edges };
}

/**
 * Fruchterman–Reingold layout in a width × height box (deterministic).
 * @returns {Map<string, {x: number, y: number, r: number}>}
 */
export function layout(nodes, edges, width, height) {
  const pos = new Map();
  const n = nodes.length;
  const maxCount = Math.max(1, ...nodes.map((d) => d.count));
  nodes.forEach((d, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    const rad = Math.min(width, height) * 0.35;
    pos.set(d.id, { x: width / 2 + rad * Math.cos(a), y: height / 2 + rad * Math.sin(a), r: 7 + 17 * Math.sqrt(d.count / maxCount) });
  });
  if (n <= 1) { if (n === 1) Object.assign(pos.get(nodes[0].id), { x: width / 2, y: height / 2 }); return pos; }
  const k = Math.sqrt((width * height) / n) * 0.95;
  let temp = width / 8;
  const list = nodes.map((d) => pos.get(d.id));
  // Node index and degree per entity: fixed for the whole simulation.
  const idx = new Map(nodes.map((d, i) => [d.id, i]));
  const degree = new Map();
  for (const e of edges) { degree.set(e.a, (degree.get(e.a) || 0) + 1); degree.set(e.b, (degree.get(e.b) || 0) + 1); }
  for (let it = 0; it < 300; it++) {
    const disp = list.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = list[i].x - list[j].x, dy = list[i].y - list[j].y;
        let d = Math.hypot(dx, dy) || 0.01;
        // Repulsion, much stronger when labels/circles would overlap.
        const minD = list[i].r + list[j].r + 46;
        const f = (k * k) / d * (d < minD ? 4 : 1);
        dx /= d; dy /= d;
        disp[i].x += dx * f; disp[i].y += dy * f;
        disp[j].x -= dx * f; disp[j].y -= dy * f;
      }
    }
    for (const e of edges) {
      const i = idx.get(e.a), j = idx.get(e.b);
      let dx = list[i].x - list[j].x, dy = list[i].y - list[j].y;
      const d = Math.hypot(dx, dy) || 0.01;
      // Heavier edges pull harder; hubs of big cliques are damped so a dense paragraph doesn't collapse.
      const damp = Math.sqrt(Math.max(degree.get(e.a), degree.get(e.b)));
      const f = ((d * d) / k) * Math.min(3, 0.6 + 0.4 * e.w) / damp;
      dx /= d; dy /= d;
      disp[i].x -= dx * f; disp[i].y -= dy * f;
      disp[j].x += dx * f; disp[j].y += dy * f;
    }
    for (let i = 0; i < n; i++) {
      // gentle pull to the centre keeps unconnected nodes on screen
      disp[i].x += (width / 2 - list[i].x) * 0.01 * k;
      disp[i].y += (height / 2 - list[i].y) * 0.03 * k;
      const d = Math.hypot(disp[i].x, disp[i].y) || 0.01;
      const step = Math.min(d, temp);
      const p = list[i];
      p.x = Math.min(width - 70, Math.max(70, p.x + (disp[i].x / d) * step));
      p.y = Math.min(height - p.r - 14, Math.max(p.r + 4, p.y + (disp[i].y / d) * step));
    }
    temp = Math.max(0.5, temp * 0.97);
  }
  return pos;
}

/**
 * The second cue of a type in the graph, besides its colour: a shape (polygon corners and rotation,
 * 0 corners: a circle). Only the graph draws shapes, so the table lives here.
 */
export const TYPE_SHAPES = Object.freeze({
  armed_group: { corners: 0, turn: 0, name: 'circle' },
  umbrella: { corners: 4, turn: 45, name: 'square' },
  state_security: { corners: 4, turn: 0, name: 'diamond' },
  political: { corners: 3, turn: -90, name: 'triangle' },
  government: { corners: 6, turn: 0, name: 'hexagon' },
  person: { corners: 3, turn: 90, name: 'upside-down triangle' },
  organization: { corners: 5, turn: -90, name: 'pentagon' },
});

/** The SVG element of a type's shape, centred on 0,0, with circumradius `r`. */
export function shapeElement(doc, type, r) {
  const s = TYPE_SHAPES[type] || TYPE_SHAPES.armed_group;
  if (!s.corners) {
    const c = doc.createElementNS(SVG, 'circle');
    c.setAttribute('r', r.toFixed(1));
    c.setAttribute('class', 'shape');
    return c;
  }
  // Polygons look smaller than a circle of the same radius: scale them to about the same area.
  const R = r * (s.corners === 3 ? 1.35 : s.corners === 4 ? 1.2 : 1.08);
  const pts = [];
  for (let i = 0; i < s.corners; i++) {
    const a = ((s.turn + (360 * i) / s.corners) * Math.PI) / 180;
    pts.push(`${(R * Math.cos(a)).toFixed(1)},${(R * Math.sin(a)).toFixed(1)}`);
  }
  const p = doc.createElementNS(SVG, 'polygon');
  p.setAttribute('points', pts.join(' '));
  p.setAttribute('class', 'shape');
  return p;
}

/** The colours of a type's shape as CSS variables (the palette's colours for light and dark backgrounds). */
function shapeColours(type) {
  const st = TYPE_STYLES[type];
  return st ? `--fl-node-light: ${st.light}; --fl-node-dark: ${st.dark};` : '';
}

/** A node's label: the whole name, on two lines when it is long (never cut: it starts its accessible name). */
function labelText(doc, name, y) {
  const t = doc.createElementNS(SVG, 'text');
  t.setAttribute('y', y.toFixed(1));
  t.setAttribute('text-anchor', 'middle');
  const cut = name.length > 24 ? name.lastIndexOf(' ', Math.ceil(name.length / 2) + 4) : -1;
  if (cut <= 0) { t.textContent = name; return t; }
  const parts = [name.slice(0, cut + 1), name.slice(cut + 1)];
  parts.forEach((part, i) => {
    const span = doc.createElementNS(SVG, 'tspan');
    span.setAttribute('x', '0');
    if (i) span.setAttribute('dy', '1.15em');
    span.textContent = part;
    t.appendChild(span);
  });
  return t;
}

/** The key of the shapes and colours of the types shown in the graph. */
function graphKey(doc, types) {
  const ul = doc.createElement('ul');
  ul.className = 'graph-key';
  ul.setAttribute('aria-label', 'Shapes by type');
  for (const type of types) {
    const li = doc.createElement('li');
    const svg = doc.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '-9 -9 18 18');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('style', shapeColours(type));
    svg.appendChild(shapeElement(doc, type, 6.5));
    li.append(svg, doc.createTextNode(`${typeLabel(type)} (${TYPE_SHAPES[type]?.name || 'circle'})`));
    ul.appendChild(li);
  }
  return ul;
}

/**
 * Renders the graph into `container` as inline SVG. The nodes are one Tab stop: arrow keys (and
 * Home/End) move between them, Enter or Space opens the node's card.
 * @param {HTMLElement} container
 * @param {{nodes: object[], edges: object[]}} graph
 * @param {(id: string, anchor: Element, byKeyboard: boolean) => void} onSelect called when a node is
 *   clicked or activated
 */
export function renderGraph(container, graph, onSelect) {
  const doc = container.ownerDocument;
  container.replaceChildren();
  if (!graph.nodes.length) {
    const p = doc.createElement('p');
    p.className = 'muted';
    p.textContent = 'No entities to show.';
    container.appendChild(p);
    return;
  }
  container.appendChild(graphKey(doc, TYPES.filter((t) => graph.nodes.some((d) => d.type === t))));
  // One SVG unit is one CSS pixel or more: a narrow screen gets a narrower layout (scrolled sideways
  // below 480 px) instead of a shrunken one whose 12 px labels would be 6 px.
  const avail = container.clientWidth || 720;
  const width = avail >= 720 ? 720 : Math.max(480, Math.floor(avail));
  const height = Math.max(320, Math.min(560, 180 + graph.nodes.length * 12));
  const pos = layout(graph.nodes, graph.edges, width, height);
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  if (width < 720) svg.setAttribute('style', `width: ${width}px; max-height: none;`);
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', `Co-mention graph: ${graph.nodes.length} entities, ${graph.edges.length} links`);
  const maxW = Math.max(1, ...graph.edges.map((e) => e.w));
  const gEdges = doc.createElementNS(SVG, 'g');
  gEdges.setAttribute('class', 'edges');
  gEdges.setAttribute('aria-hidden', 'true');
  for (const e of graph.edges) {
    const a = pos.get(e.a), b = pos.get(e.b);
    const line = doc.createElementNS(SVG, 'line');
    line.setAttribute('x1', a.x.toFixed(1)); line.setAttribute('y1', a.y.toFixed(1));
    line.setAttribute('x2', b.x.toFixed(1)); line.setAttribute('y2', b.y.toFixed(1));
    line.setAttribute('stroke-width', (maxW > 1 ? 1.5 + 4.5 * ((e.w - 1) / (maxW - 1)) : 2).toFixed(2));
    line.dataset.a = e.a; line.dataset.b = e.b; line.dataset.w = String(e.w);
    gEdges.appendChild(line);
  }
  svg.appendChild(gEdges);
  const gNodes = doc.createElementNS(SVG, 'g');
  gNodes.setAttribute('class', 'nodes');
  for (const d of graph.nodes) {
    const p = pos.get(d.id);
    const g = doc.createElementNS(SVG, 'g');
    g.setAttribute('class', `node fl-t-${d.type}`);
    g.setAttribute('tabindex', gNodes.childNodes.length ? '-1' : '0');
    g.setAttribute('role', 'button');
    // The accessible name starts with the visible label (the whole name).
    g.setAttribute('aria-label', `${d.name}, ${typeLabel(d.type)}, ${d.count} mention${d.count === 1 ? '' : 's'}`);
    g.dataset.entity = d.id;
    g.setAttribute('transform', `translate(${p.x.toFixed(1)} ${p.y.toFixed(1)})`);
    g.setAttribute('style', shapeColours(d.type));
    g.appendChild(shapeElement(doc, d.type, p.r));
    g.appendChild(labelText(doc, d.name, p.r * (TYPE_SHAPES[d.type]?.corners === 3 ? 1.35 : 1.1) + 13));
    g.addEventListener('click', () => onSelect(d.id, g, false));
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); onSelect(d.id, g, true); return; }
      const move = MOVE_KEYS[ev.key];
      if (move === undefined) return;
      ev.preventDefault();
      const all = [...gNodes.children];
      const next = all[moveIndex(move, all.indexOf(g), all.length)];
      g.setAttribute('tabindex', '-1');
      next.setAttribute('tabindex', '0');
      next.focus();
    });
    gNodes.appendChild(g);
  }
  svg.appendChild(gNodes);
  container.appendChild(svg);
}
