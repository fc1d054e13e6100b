// Number and cell formatting for the benchmark report's tables (bench/report.mjs, bench/tables.mjs).
//
// Why it exists: every table writes times, rates, sizes and ratios the same way (significant digits,
// min–max ranges, units), and a cell is a main value with an optional detail line.

export const sig = (x, n = 3) => {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const d = Math.max(0, n - 1 - Math.floor(Math.log10(Math.abs(x))));
  return x.toFixed(Math.min(d, 6));
};

/** A duration: 0.42 ms, 123 ms, 2.31 s, 3.2 min, 1.4 h. */
export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${sig(ms)} ms`;
  if (ms < 60e3) return `${sig(ms / 1000)} s`;
  if (ms < 3600e3) return `${sig(ms / 60e3, 2)} min`;
  return `${sig(ms / 3600e3, 2)} h`;
}

export const fmtRange = (min, max) => {
  if (!Number.isFinite(min)) return '';
  const a = fmtMs(min);
  const b = fmtMs(max);
  const [na, ua] = a.split(' ');
  const [nb, ub] = b.split(' ');
  return ua === ub ? `${na}–${nb} ${ub}` : `${a}–${b}`;
};

/** Megabytes (10^6 bytes) per second. */
export const mbps = (bytes, ms) => (bytes / 1e6) / (ms / 1000);
export const fmtRate = (bytes, ms) => `${sig(mbps(bytes, ms))} MB/s`;
export const fmtBytes = (b) => (b >= 1e6 ? `${sig(b / 1e6)} MB` : `${sig(b / 1e3)} KB`);
export const fmtRatio = (x) => (Number.isFinite(x) ? `${x >= 1000 ? Math.round(x) : sig(x, 3)}×` : '—');

/** A table cell: the headline and, in smaller print, the detail. */
export const cell = (main, detail = '') => ({ main, detail });
export const timed = (s) => (s ? cell(fmtMs(s.median ?? s.ms), s.runs ? `${fmtRange(s.min, s.max)}, n=${s.runs}` : '') : cell('—'));
