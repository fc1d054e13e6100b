// The co-mention graph's data and layout: which entities the article discusses together, and where
// each node goes.
//
// Why it exists: nodes are entities (area ~ mentions), edges join two entities mentioned in the same
// paragraph (width ~ number of such paragraphs). The layout is a small deterministic force
// simulation (no dependency, same picture for the same article). It is pure computation, so it runs
// in the lens worker (www/src/scan-job.js, REQUEST.LAYOUT) and the page only draws the result
// (www/src/graph.js): the layout alone took ~126 ms of one Highlight on the main thread.

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
 * A co-mention graph laid out for a container `avail` CSS pixels wide: one SVG unit is one CSS pixel
 * or more, so a narrow screen gets a narrower layout (scrolled sideways below 480 px) instead of a
 * shrunken one whose 12 px labels would be 6 px.
 * @param {{nodes: {id, name, type, count}[], edges: {a: string, b: string, w: number}[]}} graph from coMentions
 * @param {number} avail the container's width (0: unknown)
 * @returns {{nodes: {id, name, type, count, x, y, r}[], edges: {a: string, b: string, w: number}[], width: number, height: number}}
 */
export function graphLayout({ nodes, edges }, avail) {
  const box = avail || 720;
  const width = box >= 720 ? 720 : Math.max(480, Math.floor(box));
  const height = Math.max(320, Math.min(560, 180 + nodes.length * 12));
  const pos = layout(nodes, edges, width, height);
  return { nodes: nodes.map((d) => ({ ...d, ...pos.get(d.id) })), edges, width, height };
}
