// What every browser entry of the consumer matrix reports (tests/pkg/matrix.test.mjs reads window.result):
// the scan of the article's text (by the whole API's lens and by the scan-only entry's), the marks the
// highlighter made, and how long the lens took.
export function report(Lens, highlight, ScanLens) {
  const t0 = performance.now();
  const lens = new Lens();
  const built = performance.now();
  const article = document.querySelector('article');
  const scan = lens.scan(article.textContent).map((m) => m.entity);
  const scanEntry = new ScanLens().scan(article.textContent).map((m) => m.entity);
  const h = highlight(article, lens);
  window.result = {
    scan,
    scanEntry,
    marks: h.marks.map((m) => [m.dataset.entity, m.textContent]),
    buildMs: built - t0,
    // From navigation start: download, compile, lens build and first scan.
    firstScanMs: performance.now(),
  };
}

export function fail(e) {
  window.result = { error: String(e && e.stack ? e.stack : e) };
}
