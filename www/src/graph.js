// The co-mention graph of the article as inline SVG.
//
// Why it exists: it shows at a glance which groups, sponsors and leaders the article discusses
// together. The lens worker computes the graph and its layout (www/src/graph-layout.js); this module
// draws it. Nodes are buttons (one Tab stop, arrow keys between them) whose type is shown by colour
// and by shape.

import { TYPES, TYPE_STYLES, typeLabel } from '../../ui/palette.js';
import { MOVE_KEYS, moveIndex } from '../../ui/keyboard.js';

const SVG = 'http://www.w3.org/2000/svg';

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
 * @param {{nodes: {id, name, type, count, x, y, r}[], edges: {a, b, w}[], width: number, height: number}} graph
 *   the graph laid out (www/src/graph-layout.js graphLayout)
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
  const { width, height } = graph;
  const pos = new Map(graph.nodes.map((d) => [d.id, d]));
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
