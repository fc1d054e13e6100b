// The alias list and the agreement check of the benchmark: which spellings FactionLens and a plain
// alias list mean the same way, and how far two contestants' matches agree on those.
//
// Why it exists: the scan (P1) and DOM (P2) suites compare FactionLens with peers that know only a
// list of spellings; the comparison is fair only where the two semantics overlap. Dependency-free, so
// Node (bench/run.mjs) and the Chromium page (bench/dom.mjs, through bench/lib.mjs) run the same code.

/**
 * Parses `factionlens patterns --names` output: the distinct spellings, and the *plain* ones: spellings
 * that are a name's own folded form (not a generated variant) of a name that is a mention on its own
 * (name, alias, acronym, Arabic). Those are where FactionLens and a plain alias list mean the same thing.
 */
export function parseSpellings(tsv) {
  const spellings = [];
  const plain = new Map(); // spelling -> [{kind, text}]
  let last = null;
  for (const line of tsv.split('\n')) {
    if (!line) continue;
    const [spelling, , kind, origin, text] = line.split('\t');
    if (spelling !== last) {
      spellings.push(spelling);
      last = spelling;
    }
    if (origin === 'name' && ['name', 'alias', 'acronym', 'arabic'].includes(kind)) {
      if (!plain.has(spelling)) plain.set(spelling, []);
      plain.get(spelling).push({ kind, text });
    }
  }
  return { spellings, plain };
}

const alnum = (s) => s.replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Whether a matched slice of text is in the overlap of the semantics: its lower-case form is a plain
 * spelling, and it passes the case rules FactionLens applies to that name (an acronym exactly as written;
 * a Latin name with a capital letter). Applied the same way to FactionLens's mentions and to a peer's.
 */
export function inOverlap(plain, slice) {
  const names = plain.get(slice.toLowerCase());
  if (!names) return false;
  return names.some(({ kind, text }) => {
    if (kind === 'acronym') return alnum(slice) === alnum(text);
    if (kind === 'arabic') return true;
    return /\p{Lu}/u.test(slice) || !/\p{Ll}/u.test(slice);
  });
}

/**
 * Agreement of two lists of spans `[start, end, start, end, …]` over `text`, restricted to the overlap
 * of the semantics: `both / (both + only one side)`, span for span.
 */
export function agreement(text, plain, a, b) {
  const keep = (spans) => {
    const set = new Set();
    for (let i = 0; i < spans.length; i += 2) {
      if (inOverlap(plain, text.slice(spans[i], spans[i + 1]))) set.add(spans[i] * 4096 + (spans[i + 1] - spans[i]));
    }
    return set;
  };
  const A = keep(a);
  const B = keep(b);
  let both = 0;
  for (const k of A) if (B.has(k)) both++;
  const union = A.size + B.size - both;
  return { a: A.size, b: B.size, both, pct: union ? (100 * both) / union : 100 };
}

/** Agreement of two lists of matched strings (multisets), restricted to the overlap of the semantics. */
export function agreementTexts(plain, a, b) {
  const count = (list) => {
    const m = new Map();
    for (const s of list) if (inOverlap(plain, s)) m.set(s.toLowerCase(), (m.get(s.toLowerCase()) || 0) + 1);
    return m;
  };
  const A = count(a);
  const B = count(b);
  let both = 0;
  let union = 0;
  for (const k of new Set([...A.keys(), ...B.keys()])) {
    both += Math.min(A.get(k) || 0, B.get(k) || 0);
    union += Math.max(A.get(k) || 0, B.get(k) || 0);
  }
  const sum = (m) => [...m.values()].reduce((x, y) => x + y, 0);
  return { a: sum(A), b: sum(B), both, pct: union ? (100 * both) / union : 100 };
}
